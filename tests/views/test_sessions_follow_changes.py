"""The Sessions panel shows what was saved anywhere in the window without F5: the register, the
agenda and the follow-up list follow announced changes (views/shared/panel.py), and a mark typed
into the register is announced to the status bar and the Dashboard."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.sessions import meeting_actions
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.sessions.schedule_dialog import ScheduleDialog
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.table_model import ROW_ROLE
from tests.builders.accounts import STAFF
from tests.builders.groups import add_group_with_members
from tests.builders.schedules import START, add_scheduled_group

from .on_screen import on_screen


@pytest.fixture
def group(db):
    return add_scheduled_group(db)


@pytest.fixture
def panel(qtbot, db, group):
    return on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)), (1366, 768))


def header(panel: SessionsPanel, meeting_id: int) -> str:
    """A meeting's column header as the register shows it: session, day, count."""
    model = panel.register_tab.register.model
    return model.headerData(model.column_of_meeting(meeting_id), Qt.Horizontal)


def move_action(panel: SessionsPanel):
    menu = panel.register_tab.meeting_button.menu()
    return next(a for a in menu.actions() if a.text().startswith("Move to another day"))


def test_a_not_saved_line_goes_once_its_meeting_has_moved(qtbot, panel, group, monkeypatch):
    group_id, people, ids = group
    future = ids[5]
    panel.open_group(group_id, future)
    register = panel.register_tab.register
    qtbot.keyClick(register.table, Qt.Key_P)
    assert register.status.text().startswith("Not saved")  # the meeting has not happened
    planned = START + timedelta(weeks=5)
    assert f"{planned:%d/%m/%Y}" in register.status.text()

    # It met yesterday after all: the office moves it there from the register's menu.
    yesterday = date.today() - timedelta(days=1)
    monkeypatch.setattr(meeting_actions, "ask_date", lambda *a: yesterday)
    move_action(panel).trigger()

    assert f"\n{yesterday:%d/%m}\n" in header(panel, future)
    assert "Not saved" not in register.status.text()
    assert register.current_meeting_id() == future  # still at the meeting the user chose
    qtbot.keyClick(register.table, Qt.Key_P)  # and now its marks can be typed
    assert register.status.text().startswith("Saved")


def test_a_refusal_about_a_meeting_that_did_not_change_stays(qtbot, panel, group, monkeypatch):
    group_id, people, ids = group
    panel.open_group(group_id, ids[5])
    register = panel.register_tab.register
    qtbot.keyClick(register.table, Qt.Key_P)
    refusal = register.status.text()
    assert refusal.startswith("Not saved")
    monkeypatch.setattr(meeting_actions, "ask_date", lambda *a: START + timedelta(weeks=20))
    qtbot.keyClick(register.table, Qt.Key_Left)  # meeting 5
    move_action(panel).trigger()
    assert register.status.text() == refusal  # meeting 6 is as it was: the reason still holds


# -- in the main window: the status bar and the Dashboard follow a mark typed in the register --


@pytest.fixture
def window(qtbot, db, group):
    return on_screen(qtbot, MainWindow(AppContext(db=db, actor=STAFF)), (1366, 768))


def figures(dashboard) -> dict[str, str]:
    """The Dashboard's headline figures and its line of meetings held, as the user reads them."""
    shown = {tile.label.text(): tile.value.text() for tile in dashboard.tiles.tiles}
    shown["status"] = dashboard.status_label.text()
    return shown


def test_a_mark_typed_in_the_register_shows_in_the_status_bar_and_the_dashboard(
    qtbot, window, group
):
    group_id, people, ids = group
    dashboard = window.show_panel("dashboard")
    qtbot.waitUntil(lambda: dashboard.board is not None and not dashboard.busy_now, timeout=15000)
    before = figures(dashboard)
    assert "0 meetings held" in before["status"]
    assert window.counts_label.text().endswith("0 meetings held")

    sessions = window.show_panel("sessions")
    qtbot.waitUntil(lambda: not sessions.agenda.reading())  # read off the UI thread
    agenda = sessions.agenda.table
    agenda.setFocus()
    assert agenda.currentIndex().data(ROW_ROLE).meeting_id == ids[0]  # the oldest overdue
    qtbot.keyClick(agenda, Qt.Key_Return)  # opens the register at its column
    register = sessions.register_tab.register
    assert register.current_meeting_id() == ids[0]
    qtbot.keyClick(register.table, Qt.Key_P)  # the first man came: meeting 1 was held
    assert register.status.text().startswith("Saved")
    assert window.counts_label.text().endswith("1 meetings held")
    qtbot.keyClick(register.table, Qt.Key_A)  # a mark on a held meeting: the count stays
    assert window.counts_label.text().endswith("1 meetings held")

    with qtbot.waitSignal(dashboard.refreshed, timeout=15000):
        window.show_panel("dashboard")  # it computes the figures again, off the UI thread
    after = figures(dashboard)
    assert "1 meetings held" in after["status"]
    assert after["Groups that met"] == "1" and before["Groups that met"] == "0"


# -- the tabs of the Sessions panel follow each other's changes ---------------------------------


def letters(panel: SessionsPanel, meeting_id: int) -> list[str]:
    """One meeting's column of the register, top to bottom, as the user reads it."""
    model = panel.register_tab.register.model
    column = model.column_of_meeting(meeting_id)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def overdue(panel: SessionsPanel) -> int:
    """The agenda's count of overdue meetings, from the line under it."""
    return int(re.search(r"(\d+) overdue", panel.agenda.summary.text()).group(1))


def test_attendance_taken_in_the_dialog_shows_in_the_register_and_the_agenda(qtbot, panel, group):
    group_id, people, ids = group
    panel.open_group(group_id, ids[2])  # the register is open at meeting 3, man 2
    register = panel.register_tab.register
    qtbot.keyClick(register.table, Qt.Key_Down)
    assert letters(panel, ids[0]) == ["", "", "", ""]

    panel.tabs.setCurrentWidget(panel.agenda)
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # read off the UI thread
    agenda = panel.agenda.table
    agenda.setFocus()
    assert agenda.currentIndex().data(ROW_ROLE).meeting_id == ids[0]
    overdue_before = overdue(panel)
    qtbot.keyClick(agenda, Qt.Key_T, Qt.ControlModifier)
    dialog = panel.attendance_dialog
    qtbot.keyClick(dialog.table, Qt.Key_Down)
    qtbot.keyClick(dialog.table, Qt.Key_A)  # the second man was absent
    # Meeting 1 is held now: the agenda behind the dialog no longer lists it as overdue.
    qtbot.waitUntil(lambda: overdue(panel) == overdue_before - 1)
    qtbot.keyClick(dialog.table, Qt.Key_Return, Qt.ControlModifier)  # meeting held
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not panel.agenda.reading())
    assert agenda.currentIndex().data(ROW_ROLE).meeting_id == ids[1]

    panel.tabs.setCurrentWidget(panel.register_tab)
    assert letters(panel, ids[0]) == ["P", "A", "P", "P"]
    assert header(panel, ids[0]).endswith("\n3/4")
    assert register.current_meeting_id() == ids[2]  # where the user left it
    assert register.table.currentIndex().row() == 1

    # Taken from the register's own tab, each flip shows in the register behind the dialog.
    qtbot.keyClick(register.table, Qt.Key_Left)  # meeting 2
    qtbot.keyClick(register.table, Qt.Key_T, Qt.ControlModifier)
    dialog = panel.attendance_dialog
    assert dialog.meeting_id == ids[1]
    qtbot.keyClick(dialog.table, Qt.Key_L)  # the first man came late
    assert letters(panel, ids[1]) == ["L", "", "", ""]
    assert header(panel, ids[1]).endswith("\n1/4")
    dialog.reject()


def test_a_meeting_moved_from_anywhere_shows_its_new_day_in_the_register_and_the_agenda(
    qtbot, panel, group, monkeypatch
):
    group_id, people, ids = group
    panel.open_group(group_id, ids[5])
    new_day = START + timedelta(weeks=3, days=2)  # this week's Wednesday, not its Monday
    monkeypatch.setattr(meeting_actions, "ask_date", lambda *a: new_day)
    assert meeting_actions.move(panel, panel.context, ids[5])  # not through the register tab
    assert f"\n{new_day:%d/%m}\n" in header(panel, ids[5])
    panel.tabs.setCurrentWidget(panel.agenda)
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # read off the UI thread
    listed = {item.meeting_id: item.planned_date for item in panel.agenda.model.rows}
    assert listed[ids[5]] == new_day


def test_f5_reads_the_tab_in_view_again_keeping_the_place(qtbot, db, window, group):
    group_id, people, ids = group
    sessions = window.show_panel("sessions")
    qtbot.waitUntil(lambda: not sessions.agenda.reading())  # read off the UI thread
    agenda = sessions.agenda.table
    agenda.setCurrentIndex(agenda.model().index(1, 0))
    assert agenda.currentIndex().data(ROW_ROLE).meeting_id == ids[1]
    moved = START + timedelta(weeks=3, days=3)
    with db.session() as s:  # on another PC: meeting 4 moves to Thursday
        scheduling.move_meeting(s, STAFF, ids[3], moved)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.waitUntil(lambda: not sessions.agenda.reading())
    listed = {item.meeting_id: item.planned_date for item in sessions.agenda.model.rows}
    assert listed[ids[3]] == moved
    assert agenda.currentIndex().data(ROW_ROLE).meeting_id == ids[1]  # still the one chosen

    sessions.open_group(group_id, ids[0])
    register = sessions.register_tab.register
    qtbot.keyClick(register.table, Qt.Key_Down)
    with db.session() as s:  # on another PC: the second man's mark at meeting 1
        set_mark(s, STAFF, ids[0], people[1], "excused")
    assert letters(sessions, ids[0])[1] == ""
    qtbot.keyClick(window, Qt.Key_F5)
    assert letters(sessions, ids[0])[1] == "E"
    assert register.current_meeting_id() == ids[0] and register.table.currentIndex().row() == 1


def test_a_schedule_planned_from_the_register_shows_there_and_on_the_agenda(qtbot, db, panel):
    with db.session() as s:
        group_id, _ = add_group_with_members(s, 3, code="WR-002", start=START, enrolled_on=START)
    panel.register_tab.reload_groups()  # the group was made behind the panel's back
    panel.open_group(group_id)
    tab = panel.register_tab
    assert "no schedule yet" in tab.info.text()

    def save_the_proposal():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ScheduleDialog)
        dialog.save()

    QTimer.singleShot(0, save_the_proposal)
    tab.plan()
    assert tab.register.model.columnCount() == 2 + 16
    assert "no schedule yet" not in tab.info.text()
    assert panel.focusWidget() is tab.register.table  # to type the first sheet
    panel.tabs.setCurrentWidget(panel.agenda)
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # read off the UI thread
    assert any(item.group_id == group_id for item in panel.agenda.model.rows)


def test_the_follow_up_list_follows_marks_typed_in_the_register(qtbot, panel, group):
    group_id, people, ids = group
    follow_up = panel.follow_up
    panel.tabs.setCurrentWidget(follow_up)
    qtbot.waitUntil(lambda: not follow_up.loading())
    assert follow_up.model.rowCount() == 0

    panel.open_group(group_id, ids[0])
    table = panel.register_tab.register.table
    for key in (Qt.Key_P, Qt.Key_P, Qt.Key_A, Qt.Key_P):  # meeting 1: the third man absent
        qtbot.keyClick(table, key)
    qtbot.keyClick(table, Qt.Key_Right)
    for _ in range(4):
        qtbot.keyClick(table, Qt.Key_Up)
    for key in (Qt.Key_P, Qt.Key_P, Qt.Key_A, Qt.Key_P):  # meeting 2: absent again
        qtbot.keyClick(table, key)

    panel.tabs.setCurrentWidget(follow_up)
    qtbot.waitUntil(lambda: follow_up.model.rowCount() == 1)
    assert follow_up.model.rows[0].name == panel.register_tab.register.model.register.rows[2].name
