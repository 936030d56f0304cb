"""Opening the Sessions & Attendance panel (issue 19): it opens on the agenda, reads what the
agenda shows and no more, however many groups the office runs, and every other tab is there, in
its place, filled when chosen."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.shared import operations
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.table_model import Column
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group, add_weekly_meetings
from tests.builders.people import add_members
from tests.builders.places import add_facilitator

from .on_screen import on_screen

TODAY = date.today()
TAB_TITLES = [
    "Agenda", "Register && schedule", "Commitments", "Follow-up calls", "Attitude surveys",
    "Women's feedback", "Safeguarding",
]  # fmt: skip


def add_running_groups(db, first: int, count: int) -> None:
    """Men's groups three weeks into their sessions, each meeting again this week."""
    with db.session() as s:
        for number in range(first, first + count):
            group = add_group(
                s, f"WAR-M{number:03d}", facilitator=add_facilitator(s, f"Facilitator {number}"),
                start=TODAY - timedelta(weeks=3),
            )  # fmt: skip
            add_members(s, group, 3)
            add_weekly_meetings(s, group, 5, held=3)
        s.commit()


def statements_to_open(qtbot, db) -> int:
    """How many SQL statements opening the panel runs until it is filled."""
    run = []
    count = lambda *args: run.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=SYSTEM)), (1366, 768))
        qtbot.waitUntil(lambda: panel.agenda.model.rowCount() > 0)
        qtbot.waitUntil(lambda: not operations.busy(panel.agenda, "surveys-due"))
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(run)


def test_opening_the_panel_reads_as_much_for_twenty_groups_as_for_one(qtbot, db):
    add_running_groups(db, 1, 1)
    for_one = statements_to_open(qtbot, db)
    add_running_groups(db, 2, 19)

    assert statements_to_open(qtbot, db) == for_one


@pytest.mark.parametrize(
    ("role", "titles"), [("staff", TAB_TITLES), ("facilitator", TAB_TITLES[:-1])]
)
def test_every_tab_is_in_its_place_and_shown_when_chosen(qtbot, db, fast_hashing, role, titles):
    add_running_groups(db, 1, 2)
    with db.session() as s:
        actors = add_user_accounts(s, ("staff", "facilitator"), facilitator=add_facilitator(s))
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=actors[role])), (1366, 768))
    shown = {
        "Agenda": panel.agenda, "Register && schedule": panel.register_tab,
        "Commitments": panel.commitments, "Follow-up calls": panel.follow_up,
        "Attitude surveys": panel.surveys, "Women's feedback": panel.women_feedback,
        "Safeguarding": panel.concerns,
    }  # fmt: skip

    assert [panel.tabs.tabText(i) for i in range(panel.tabs.count())] == titles
    assert panel.tabs.currentWidget() is panel.agenda
    for index, title in enumerate(titles):
        panel.tabs.setCurrentIndex(index)
        assert panel.tabs.currentWidget() is shown[title]
        assert shown[title].isVisible()


def shown_on_agenda(table) -> list[tuple[str, str]]:
    model = table.model()
    return [
        (model.index(line, 0).data(), model.index(line, 2).data())
        for line in range(model.rowCount())
    ]


def test_the_agenda_lists_meetings_by_day_as_read_and_sorts_a_column_when_asked(
    qtbot, db, monkeypatch
):
    """The service reads the meetings in the Date column's order: opening the agenda makes no
    sort key (a proxy made ~110,000 at four times national scale); a column clicked sorts
    once, and the chosen meeting stays chosen."""
    add_running_groups(db, 1, 6)
    made = []
    key = Column.key
    monkeypatch.setattr(Column, "key", lambda column, row: made.append(1) or key(column, row))
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=SYSTEM)), (1366, 768))
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # the meetings are read off the UI thread
    table = panel.agenda.table
    by_day = shown_on_agenda(table)
    items = panel.agenda.model.rows

    assert made == []
    assert [(i.planned_date, i.planned_time or time(), i.group_code) for i in items] == sorted(
        (i.planned_date, i.planned_time or time(), i.group_code) for i in items
    )
    assert [group for _day, group in by_day] == [i.group_code for i in items]
    assert table.horizontalHeader().sortIndicatorSection() == 0
    assert table.horizontalHeader().sortIndicatorOrder() == Qt.AscendingOrder

    table.setCurrentIndex(table.model().index(2, 0))
    chosen = panel.agenda.current_meeting_id()
    table.sortByColumn(2, Qt.DescendingOrder)
    by_group = shown_on_agenda(table)
    assert [group for _day, group in by_group] == sorted(
        (group for _day, group in by_day), reverse=True
    )
    assert len(made) == len(items)
    assert panel.agenda.current_meeting_id() == chosen

    table.sortByColumn(0, Qt.AscendingOrder)
    assert shown_on_agenda(table) == by_day
