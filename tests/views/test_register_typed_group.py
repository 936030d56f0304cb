"""Typing a group's code in the Register tab and pressing Enter opens its register, as a click
on the suggestion does (issue 15, item 12)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import STAFF
from tests.builders.schedules import add_scheduled_group

from .on_screen import on_screen


@pytest.fixture
def groups(db):
    return {code: add_scheduled_group(db, code=code)[0] for code in ("WR-001", "WR-002")}


@pytest.fixture
def register_tab(qtbot, db, groups):
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)))
    panel.tabs.setCurrentWidget(panel.register_tab)
    return panel.register_tab


def type_and_enter(qtbot, tab, text: str) -> None:
    edit = tab.group.lineEdit()
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    tab.group.completer().popup().hide()  # as after the user looked past the suggestions
    qtbot.keyClick(edit, Qt.Key_Return)


@pytest.mark.parametrize("typed", ["WR-002", "wr-002", " WR-002 "])
def test_enter_after_a_groups_code_opens_its_register(qtbot, register_tab, groups, typed):
    type_and_enter(qtbot, register_tab, typed)
    assert register_tab.current_group_id() == groups["WR-002"]
    assert register_tab.register.model.rowCount() == 4
    assert register_tab.info.text().startswith("<b>WR-002 ")


def test_enter_after_a_code_no_group_has_says_so(qtbot, register_tab):
    type_and_enter(qtbot, register_tab, "XX-999")
    assert register_tab.current_group_id() is None
    assert register_tab.info.text() == (
        "No group has the code or name “XX-999”. Type a code such as WR-001."
    )


def test_enter_after_a_code_chooses_the_group_to_print_for(qtbot, db, groups):
    from mwp_desktop.views.printing.panel import PrintingPanel

    panel = on_screen(qtbot, PrintingPanel(AppContext(db=db, actor=STAFF)))
    edit = panel.group_combo.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "wr-002")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert panel.group_id() == groups["WR-002"]
