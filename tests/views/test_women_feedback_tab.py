"""The Women's feedback tab: office staff type the themes of a women's session from the
keyboard; a men's facilitator sees only what reaches his group, with no counts; the threshold is
kept with the attendance rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from mwp_desktop.services.admin.settings import get_setting
from mwp_desktop.services.sessions.women_feedback import FeedbackInput, record_feedback
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.settings.attendance_rules import AttendanceRulesPage
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group, add_meeting
from tests.builders.marks import add_marks
from tests.builders.people import add_members
from tests.builders.places import add_facilitator

from .on_screen import on_screen

TODAY = date.today()


@pytest.fixture
def office(db, fast_hashing):
    with db.session() as s:
        fatu = add_facilitator(s, "Fatu Facilitator")
        men = add_group(s, "WAR-M001", facilitator=fatu, start=TODAY - timedelta(weeks=3))
        add_meeting(s, men, 3, TODAY - timedelta(weeks=1), status="held")
        add_meeting(s, men, 4, TODAY + timedelta(days=1))
        women = add_group(s, "WAR-W001", kind="women", start=TODAY - timedelta(weeks=3))
        meeting = add_meeting(s, women, 2, TODAY - timedelta(days=2), status="held")
        add_marks(s, meeting, {w: "present" for w in add_members(s, women, 6)})
        actors = add_user_accounts(s, ("staff", "supervisor", "facilitator"), facilitator=fatu)
    return db, actors, meeting.id


def feedback_tab(qtbot, db, actor):
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=actor)), (1366, 768))
    panel.tabs.setCurrentWidget(panel.women_feedback)
    return panel.women_feedback


def test_office_staff_type_the_themes_of_a_womens_session(qtbot, office):
    db, actors, meeting_id = office
    tab = feedback_tab(qtbot, db, actors["staff"])
    assert tab.meeting.currentData() == meeting_id
    tab.theme.setFocus()
    qtbot.keyClicks(tab.theme, "Sharing")
    tab.raised_by.setValue(4)
    qtbot.keyClicks(tab.summary, "Husbands fetch water in the morning")
    qtbot.keyClick(tab.summary, Qt.Key_Return)

    assert [(r.theme_title, r.raised_by, r.summary) for r in tab.themes.rows] == [
        ("Sharing of work", 4, "Husbands fetch water in the morning")
    ]
    assert tab.summary.text() == "" and tab.error.isHidden()
    reached = [(r.group_code, r.theme, r.summary) for r in tab.reached.rows]
    assert reached == [("WAR-M001", "Sharing of work", "Husbands fetch water in the morning")]

    qtbot.keyClicks(tab.summary, "Nobody counted")
    qtbot.keyClick(tab.summary, Qt.Key_Return)
    assert tab.error.text() == "Choose the theme.\nGive how many women raised it (at least one)."
    assert len(tab.themes.rows) == 1

    tab.themes_table.selectRow(0)
    qtbot.keyClick(tab.themes_table, Qt.Key_Delete)
    assert tab.themes.rows == [] and tab.reached.rows == []


def test_a_mens_facilitator_sees_only_what_reaches_his_group(qtbot, office):
    db, actors, meeting_id = office
    with db.session() as s:
        record_feedback(s, actors["staff"], FeedbackInput(meeting_id, "changes_for_better", 5,
                                                          "Fewer quarrels over money"))  # fmt: skip
    tab = feedback_tab(qtbot, db, actors["facilitator"])
    assert not tab.records and not tab.reports
    titles = [column.title for column in tab.reached.columns]
    assert titles == ["Men's group", "Theme", "In the facilitator's words"]
    assert [(r.group_code, r.theme, r.summary) for r in tab.reached.rows] == [
        ("WAR-M001", "Changes for the better", "Fewer quarrels over money")
    ]


def test_the_threshold_is_kept_with_the_attendance_rules(qtbot, office, monkeypatch):
    db, actors, _meeting_id = office
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    page = on_screen(qtbot, AttendanceRulesPage(AppContext(db=db, actor=actors["supervisor"])))
    assert page.feedback_threshold.value() == 5
    page.feedback_threshold.setValue(3)
    page.save()
    with db.session() as s:
        assert get_setting(s, "women_feedback_threshold") == 3
