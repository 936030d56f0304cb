"""Taking attendance and typing the register with the keyboard only, as office staff do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.services.registration.enrollments import history
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import load_register
from mwp_desktop.views.sessions.list_models import AgendaModel, FollowUpModel
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.sessions.register_model import RegisterModel
from mwp_desktop.views.sessions.roster_model import RosterModel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import STAFF
from tests.builders.people import add_membership, add_participant
from tests.builders.schedules import START, add_scheduled_group

from .on_screen import on_screen


@pytest.fixture
def group(db):
    return add_scheduled_group(db)


def open_panel(qtbot, db) -> SessionsPanel:
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)))
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # the meetings are read off the UI thread
    return panel


def letters(panel: SessionsPanel, column: int) -> dict[int, str]:
    model = panel.register_tab.register.model
    return {
        model.register.rows[row].participant_id: model.index(row, column).data()
        for row in range(model.rowCount())
    }


def test_take_attendance_with_the_keyboard_then_see_it_in_the_register(qtbot, db, group):
    group_id, people, ids = group
    panel = open_panel(qtbot, db)
    agenda = panel.agenda.table
    agenda.setFocus()
    first = agenda.currentIndex().data(Qt.UserRole + 2)
    assert (first.meeting_id, first.overdue) == (ids[0], True)

    qtbot.keyClick(agenda, Qt.Key_T, Qt.ControlModifier)
    dialog = panel.attendance_dialog
    assert dialog is not None and dialog.isVisible()
    roster = dialog.table
    order = [e.participant_id for e in dialog.roster.entries]
    assert roster.currentIndex().row() == 0
    qtbot.keyClick(roster, Qt.Key_Down)
    qtbot.keyClick(roster, Qt.Key_A)  # second man absent; moves to the third
    qtbot.keyClick(roster, Qt.Key_L)  # third man late
    qtbot.keyClick(roster, Qt.Key_A)  # fourth man absent … a slip
    qtbot.keyClick(roster, Qt.Key_Z, Qt.ControlModifier)  # undone: back to pre-filled
    assert "Undone" in dialog.status.text()
    assert dialog.model.index(3, 2).data() == "Present (pre-filled)"
    assert dialog.facilitator.currentText() == "Facilitator WR-001"
    qtbot.keyClick(roster, Qt.Key_Return, Qt.ControlModifier)  # meeting held
    assert not dialog.isVisible()
    with db.session() as s:
        held = scheduling.meeting_info(s, ids[0])
    assert (held.status, held.held_date, held.duration_minutes) == ("held", START, 120)

    # Meeting 1 is held now, so the agenda starts with the next overdue one, meeting 2.
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # read again off the UI thread
    agenda.setFocus()
    assert agenda.currentIndex().data(Qt.UserRole + 2).meeting_id == ids[1]
    qtbot.keyClick(agenda, Qt.Key_Return)  # Enter opens the register at its column
    assert panel.tabs.currentWidget() is panel.register_tab
    register = panel.register_tab.register
    assert register.current_meeting_id() == ids[1]
    expected = {order[0]: "P", order[1]: "A", order[2]: "L", order[3]: "P"}
    assert letters(panel, 2) == expected
    assert register.model.headerData(2, Qt.Horizontal).endswith("3/4")

    # Type the second meeting's sheet straight into the register.
    table = register.table
    assert table.currentIndex().row() == 0
    for key in (Qt.Key_P, Qt.Key_E, Qt.Key_P, Qt.Key_A):
        qtbot.keyClick(table, key)
    qtbot.keyClick(table, Qt.Key_Z, Qt.ControlModifier)  # the last A is undone
    qtbot.keyClick(table, Qt.Key_Up)
    qtbot.keyClick(table, Qt.Key_Space)  # third man: P cycles to L
    qtbot.keyClick(table, Qt.Key_Space)  # … and to E
    qtbot.keyClick(table, Qt.Key_Delete)  # cleared
    qtbot.keyClick(table, Qt.Key_L)
    assert "Saved" in register.status.text()

    # Reopen: a new panel reads every mark back from the database.
    panel.close()
    again = open_panel(qtbot, db)
    again.open_group(group_id, ids[1])
    assert letters(again, 2) == expected
    second = {order[0]: "P", order[1]: "E", order[2]: "L", order[3]: ""}
    assert letters(again, 3) == second
    row = again.register_tab.register.model.register.rows
    total = again.register_tab.register.model.index(
        [r.participant_id for r in row].index(order[0]),
        again.register_tab.register.model.total_column(),
    )
    assert total.data() == "100% (2/2)"
    with db.session() as s:
        assert scheduling.meeting_info(s, ids[1]).status == "held"


def test_cells_outside_membership_refuse_a_mark(qtbot, db, group):
    group_id, people, ids = group
    panel = open_panel(qtbot, db)
    panel.open_group(group_id, ids[5])  # a future meeting
    register = panel.register_tab.register
    qtbot.keyClick(register.table, Qt.Key_P)
    assert "Not saved" in register.status.text() and "not happened" in register.status.text()
    assert letters(panel, 7) == dict.fromkeys(people, "")


def test_table_models_pass_the_model_tester(qtmodeltester, db, group):
    group_id, people, ids = group
    with db.session() as s:
        register = load_register(s, STAFF, group_id)
    model = RegisterModel()
    model.load(register)
    qtmodeltester.check(model)

    from mwp_desktop.services.sessions.agenda import agenda
    from mwp_desktop.services.sessions.attendance import meeting_roster

    with db.session() as s:
        roster = meeting_roster(s, STAFF, ids[0])
        items = agenda(s, STAFF, START, START + timedelta(weeks=4))
    qtmodeltester.check(RosterModel(roster))
    agenda_model = AgendaModel()
    agenda_model.set_rows(items)
    qtmodeltester.check(agenda_model)
    qtmodeltester.check(FollowUpModel())


def test_a_mark_before_he_joined_offers_to_move_his_joining_date_back(
    qtbot, db, group, monkeypatch
):
    """Typed in after the first meeting, a man 'joined' after session 1: the office is asked,
    not refused, and his joining date moves back to the meeting once it says yes."""
    group_id, _people, ids = group
    with db.session() as s:
        late = add_participant(s, "Santigie", "Kanu")
        add_membership(s, late, group_id, enrolled_on=START + timedelta(days=15))
        late = late.id
    asked, answers = [], [QMessageBox.No, QMessageBox.Yes]

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    panel = open_panel(qtbot, db)
    panel.open_group(group_id, ids[0])
    register = panel.register_tab.register
    rows = [r.participant_id for r in register.model.register.rows]
    column = register.model.column_of_meeting(ids[0])
    register.table.setCurrentIndex(register.model.index(rows.index(late), column))

    qtbot.keyClick(register.table, Qt.Key_P)
    assert asked == [
        f"Session 1 ({START:%d/%m/%Y}) was before Santigie Kanu joined the group "
        f"({START + timedelta(days=15):%d/%m/%Y}).\n\nMove his joining date back to "
        f"{START:%d/%m/%Y} and save the mark?"
    ]
    assert "before Santigie Kanu joined" in register.status.text()
    assert letters(panel, column)[late] == "–"  # not a member that day, as recorded

    qtbot.keyClick(register.table, Qt.Key_P)
    assert letters(panel, column)[late] == "P"
    with db.session() as s:
        (membership,) = history(s, STAFF, late)
        assert membership.enrolled_on == START
