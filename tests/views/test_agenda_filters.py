"""The agenda's filters: every facilitator, community and district offered once the user goes to
a filter, each choice showing only its meetings, and the choices kept when the agenda reads
itself again."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from sqlalchemy import event

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.shared import operations
from mwp_desktop.views.shared.context import AppContext
from tests.builders.groups import add_group, add_weekly_meetings
from tests.builders.places import add_community, add_facilitator

from .on_screen import on_screen

TODAY = date.today()


def add_groups_in_two_districts(db) -> None:
    with db.session() as s:
        places = {
            "WR": add_community(s, "Waterloo", district="Western Rural"),
            "BO": add_community(s, "Bo Town", chiefdom="Kakua", district="Bo"),
        }
        for code, place, leader in (("WR-001", "WR", "Zainab Koroma"),
                                    ("WR-002", "WR", "Abu Kamara"),
                                    ("BO-001", "BO", "Musa Conteh")):  # fmt: skip
            group = add_group(s, code, community=places[place],
                              facilitator=add_facilitator(s, leader),
                              start=TODAY - timedelta(weeks=1))  # fmt: skip
            add_weekly_meetings(s, group, 3)
        s.commit()


def listed_groups(agenda) -> set[str]:
    return {item.group_code for item in agenda.model.rows}


def entries(combo) -> list[tuple[str, object]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_each_filter_offers_everyone_and_shows_only_the_chosen_meetings(qtbot, db):
    add_groups_in_two_districts(db)
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=SYSTEM)), (1366, 768))
    agenda = panel.agenda
    qtbot.waitUntil(lambda: not agenda.reading())
    assert listed_groups(agenda) == {"WR-001", "WR-002", "BO-001"}
    assert entries(agenda.facilitator) == [("All facilitators", None)]  # not read yet

    qtbot.mouseClick(agenda.facilitator.lineEdit(), Qt.LeftButton)  # the user goes to one
    facilitators = entries(agenda.facilitator)
    assert [name for name, _key in facilitators] == [
        "All facilitators", "Abu Kamara", "Musa Conteh", "Zainab Koroma",
    ]  # fmt: skip
    assert facilitators[0][1] is None and all(isinstance(k, int) for _n, k in facilitators[1:])
    assert [name for name, _key in entries(agenda.community)] == [
        "All communities", "Bo Town (Bo)", "Waterloo (Western Rural)",
    ]  # fmt: skip
    assert entries(agenda.district) == [("All districts", None), ("Bo", "Bo"),
                                        ("Western Rural", "Western Rural")]  # fmt: skip

    agenda.facilitator.setCurrentIndex(3)  # Zainab Koroma
    qtbot.waitUntil(lambda: not agenda.reading())
    assert listed_groups(agenda) == {"WR-001"}

    agenda.facilitator.setCurrentIndex(0)
    agenda.community.setCurrentIndex(2)  # Waterloo
    qtbot.waitUntil(lambda: not agenda.reading())
    assert listed_groups(agenda) == {"WR-001", "WR-002"}

    agenda.community.setCurrentIndex(0)
    agenda.district.setCurrentIndex(1)  # Bo
    qtbot.waitUntil(lambda: not agenda.reading())
    assert listed_groups(agenda) == {"BO-001"}

    with db.session() as s:  # a facilitator added on another PC; F5
        add_facilitator(s, "Aminata Sesay")
        s.commit()
    panel.refresh()
    qtbot.waitUntil(lambda: not agenda.reading())
    assert agenda.district.currentText() == "Bo" and agenda.district.currentData() == "Bo"
    assert listed_groups(agenda) == {"BO-001"}
    assert agenda.facilitator.itemText(2) == "Aminata Sesay"
    assert agenda.facilitator.findData(facilitators[3][1]) == 4


def test_a_filter_dropped_down_first_lists_everyone_in_it(qtbot, db):
    add_groups_in_two_districts(db)
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=SYSTEM)), (1366, 768))
    district = panel.agenda.district
    qtbot.mouseClick(district, Qt.LeftButton)  # its list drops down
    try:
        assert district.view().isVisible()
        assert entries(district) == [("All districts", None), ("Bo", "Bo"),
                                     ("Western Rural", "Western Rural")]  # fmt: skip
        assert district.view().model().rowCount() == 3
    finally:
        district.hidePopup()


def test_opening_reads_the_meetings_once_and_the_filters_lists_not_yet(qtbot, db):
    """Issue 19: the 5,600 facilitators of four times national were read and listed as the
    Sessions panel opened; and a filter box filled with its signal connected asks for the
    meetings again, each read a second of work at that scale."""
    add_groups_in_two_districts(db)
    run = []
    keep = lambda conn, cursor, statement, *args: run.append(" ".join(statement.split()))  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=SYSTEM)), (1366, 768))
        qtbot.waitUntil(lambda: not panel.agenda.reading())
        qtbot.waitUntil(lambda: not operations.busy(panel.agenda, "surveys-due"))
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    meetings = [s for s in run if s.startswith("SELECT meetings.id, meetings.group_id")]
    lists = [s for s in run if "FROM facilitators ORDER BY" in s]
    assert (len(meetings), lists) == (1, [])
    assert listed_groups(panel.agenda) == {"WR-001", "WR-002", "BO-001"}
