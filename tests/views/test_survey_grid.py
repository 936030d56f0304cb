"""Typing a round's answers from the paper questionnaires with the keyboard only, as office
staff do, and what a facilitator's account is shown instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication

from mwp_desktop.models import Group
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.surveys.man_scores import man_scores
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.sessions.survey_model import FIRST_ITEM_COLUMN
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import STAFF, SUPERVISOR
from tests.builders.schedules import START, add_scheduled_group

from .on_screen import on_screen


@pytest.fixture
def group(db):
    return add_scheduled_group(db)


def open_surveys(qtbot, db, actor=STAFF) -> SessionsPanel:
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=actor)))
    panel.tabs.setCurrentWidget(panel.surveys)
    return panel


def test_a_whole_questionnaire_is_typed_with_one_key_per_statement(qtbot, db, group):
    group_id, people, _meetings = group
    panel = open_surveys(qtbot, db)
    tab = panel.surveys
    tab.show_group(group_id, "baseline")
    assert "has not started" in tab.info.text()
    qtbot.mouseClick(tab.start_button, Qt.LeftButton)
    grid = tab.grid
    assert grid.isVisible()
    assert tab.day.date().toPython() == START  # typed after session 1: dated at session 1
    table = grid.table
    assert table.currentIndex().column() == FIRST_ITEM_COLUMN
    assert grid.statement.text().startswith("1. It is the man who decides")

    first = grid.model.cell_row(0)
    keys = [Qt.Key_3] * 17 + [Qt.Key_1] * 5 + [Qt.Key_X]  # most equitable; the last refused
    for key in keys:
        qtbot.keyClick(table, key)
    # The last statement answered, the cursor went on to the next man's first statement.
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, FIRST_ITEM_COLUMN)
    assert grid.model.index(0, FIRST_ITEM_COLUMN).data() == "D"
    assert grid.model.index(0, FIRST_ITEM_COLUMN + 17).data() == "A"
    assert grid.model.index(0, FIRST_ITEM_COLUMN + 22).data() == "–"
    assert grid.model.index(0, 2).data() == "Yes"  # consent recorded by the first answer
    assert grid.model.index(0, 3).data() == "22/23"

    # What the grid shows is on disk: the supervisor's scores read it back.
    with db.session() as s:
        (scores,) = man_scores(s, SUPERVISOR, group_id)
    assert scores.participant_id == first.participant_id
    assert scores.rounds["baseline"].total == 69.0  # 22 answers all scoring 3, times 23

    # The second man refuses: N on his row; his answers cannot be typed.
    qtbot.keyClick(table, Qt.Key_N)
    assert grid.model.index(1, 2).data() == "Refused"
    qtbot.keyClick(table, Qt.Key_2)
    assert "refused this survey" in grid.status.text()
    assert grid.model.index(1, FIRST_ITEM_COLUMN).data() == ""


def test_a_key_on_the_name_column_says_where_answers_go(qtbot, db, group):
    group_id, _people, _meetings = group
    panel = open_surveys(qtbot, db)
    panel.surveys.show_group(group_id, "baseline")
    qtbot.mouseClick(panel.surveys.start_button, Qt.LeftButton)
    table = panel.surveys.grid.table
    table.setCurrentIndex(panel.surveys.grid.model.index(0, 1))
    qtbot.keyClick(table, Qt.Key_1)
    assert "statement's column" in panel.surveys.grid.status.text()


def test_a_facilitator_is_told_who_enters_answers_instead_of_a_grid(qtbot, db, group):
    group_id, _people, _meetings = group
    with db.session() as s:
        leader = Actor(None, "leader", "facilitator", s.get(Group, group_id).facilitator_id)
    panel = open_surveys(qtbot, db, leader)
    panel.surveys.show_group(group_id, "baseline")
    assert not panel.surveys.grid.isVisible()
    assert not panel.surveys.start_button.isEnabled()
    assert "cannot enter survey answers" in panel.surveys.info.text()


def test_questionnaires_are_printed_from_the_tab(qtbot, db, group):
    group_id, _people, _meetings = group
    panel = open_surveys(qtbot, db)
    panel.surveys.show_group(group_id, "endline")
    qtbot.mouseClick(panel.surveys.print_button, Qt.LeftButton)
    preview = panel.surveys.last_preview
    assert preview is not None and preview.isVisible()
    assert preview.windowTitle().startswith("Attitude questionnaires")
    preview.close()


def test_results_show_the_group_to_its_facilitator_and_each_man_to_a_supervisor(qtbot, db):
    from mwp_desktop.views.sessions.survey_results import SurveyResultsDialog
    from tests.builders.surveys import EQUITABLE, MIDDLE, NOT_EQUITABLE, add_surveyed_group

    group_id = add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (NOT_EQUITABLE, EQUITABLE, 16), (MIDDLE, MIDDLE, 4),
    ])  # fmt: skip
    with db.session() as s:
        leader = Actor(None, "abu", "facilitator", s.get(Group, group_id).facilitator_id)
    shown = SurveyResultsDialog(AppContext(db=db, actor=leader), group_id, "WR-001")
    qtbot.addWidget(shown)
    assert "2 men with both rounds scored" in shown.summary.text()
    assert "(+23.0)" in shown.summary.text() and "score rose for 50%" in shown.summary.text()
    assert shown.tabs.count() == 1 and shown.men is None  # no man's scores for a facilitator
    beaten = shown.statements.rows[6]
    assert (shown.statements.index(6, 2).data(), shown.statements.index(6, 3).data()) == (
        "50%",
        "0%",
    )
    assert beaten.statement.startswith("There are times")
    supervisor = SurveyResultsDialog(AppContext(db=db, actor=SUPERVISOR), group_id, "WR-001")
    qtbot.addWidget(supervisor)
    assert supervisor.tabs.count() == 2
    assert sorted(supervisor.men.index(r, 4).data() for r in range(2)) == ["+0.0", "+46.0"]


def test_the_agenda_says_which_follow_up_surveys_are_due(qtbot, db):
    from tests.builders.surveys import EQUITABLE, MIDDLE, add_surveyed_group

    # Its endline was on 20 April 2026: the follow-up fell due in October 2026.
    add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [(MIDDLE, EQUITABLE, 16)])
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)))
    label = panel.agenda.surveys_due
    qtbot.waitUntil(label.isVisible)  # read off the UI thread
    assert "WR-001 (overdue since 19/10/2026)" in label.text()


def test_many_follow_up_surveys_due_take_one_line_on_the_agenda(qtbot, db):
    from tests.builders.surveys import EQUITABLE, MIDDLE, add_surveyed_group

    for n in range(1, 6):
        add_surveyed_group(
            db, f"WR-00{n}", "Western Rural", "Abu Kamara", [(MIDDLE, EQUITABLE, 16)]
        )
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)))
    label = panel.agenda.surveys_due
    qtbot.waitUntil(label.isVisible)  # read off the UI thread
    assert "Follow-up attitude surveys due (5):" in label.text()
    assert label.text().endswith(" and 2 more")
    at = QPoint(5, 5)
    QApplication.sendEvent(label, QHelpEvent(QEvent.ToolTip, at, label.mapToGlobal(at)))
    assert len(label.toolTip().splitlines()) == 5  # every one, on hovering
