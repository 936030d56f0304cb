"""The main window, driven like a user would: the navigation, shortcuts, status bar, geometry."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.views.main_window import MainWindow, window_settings
from mwp_desktop.views.panels import PANELS
from mwp_desktop.views.shared.context import AppContext
from tests.builders.groups import add_group_with_members


@pytest.fixture
def window(qtbot, db):
    w = MainWindow(AppContext(db=db))
    qtbot.addWidget(w)
    w.show()
    w.show_panel("settings")
    w.activateWindow()  # shortcuts reach the active window, as on a desktop
    qtbot.waitActive(w)
    return w


def test_visit_every_panel_by_clicking_the_navigation(window, qtbot):
    for row, spec in enumerate(PANELS):
        item = window.nav.item(row)
        rect = window.nav.visualItemRect(item)
        with qtbot.waitSignal(window.panel_changed) as changed:
            qtbot.mouseClick(window.nav.viewport(), Qt.LeftButton, pos=rect.center())
        assert changed.args == [spec.key]
        shown = window.stack.currentWidget()
        assert shown is window.panel(spec.key)
        assert shown.isVisible()


def test_ctrl_number_shortcuts_switch_panels(window, qtbot):
    for index, spec in enumerate(PANELS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key_0 + index), Qt.ControlModifier)
        assert window.current_panel_key() == spec.key


def test_status_bar_names_the_database_and_counts_records(qtbot, db):
    with db.session() as s:
        add_group_with_members(s, 5, planned=True)
    w = MainWindow(AppContext(db=db))
    qtbot.addWidget(w)
    assert w.database_label.text() == f"Database: {db.path}"
    assert w.counts_label.text() == "1 groups (1 active) · 5 participants · 0 meetings held"


def test_window_remembers_size_and_panel(qtbot, db):
    first = MainWindow(AppContext(db=db))
    qtbot.addWidget(first)
    first.show()
    first.show_panel("dashboard")
    first.resize(1400, 800)
    size_at_close = (first.width(), first.height())
    first.close()

    second = MainWindow(AppContext(db=db))
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == size_at_close
    assert second.last_panel() == "dashboard"


def test_about_box_shows_the_version(window, qtbot, monkeypatch):
    seen = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: seen.update(text=text))
    qtbot.keyClick(window, Qt.Key_F1)
    from mwp_desktop import __version__

    assert __version__ in seen["text"]


def test_before_a_database_is_attached_the_window_offers_nothing_to_open(qtbot, db):
    waiting = MainWindow()
    qtbot.addWidget(waiting)
    waiting.show()
    assert waiting.windowTitle() == "MWP Desktop"
    assert waiting.database_label.text() == "Opening the database…"
    assert not waiting.nav.isEnabled()
    view_menu = waiting.menuBar().actions()[1].menu()
    assert not any(action.isEnabled() for action in view_menu.actions() if action.text())
    assert waiting.stack.count() == 0

    waiting.attach(AppContext(db=db))
    assert waiting.nav.isEnabled()
    assert all(action.isEnabled() for action in view_menu.actions() if action.text())
    assert waiting.database_label.text() == f"Database: {db.path}"
    qtbot.keyClick(waiting, Qt.Key_2, Qt.ControlModifier)
    assert waiting.stack.currentWidget() is waiting.panel("participants")


def test_closing_the_window_before_sign_in_keeps_the_last_panel(qtbot, db):
    first = MainWindow(AppContext(db=db))
    qtbot.addWidget(first)
    first.show_panel("sessions")
    first.close()
    waiting = MainWindow()
    qtbot.addWidget(waiting)
    assert waiting.current_panel_key() == "sessions"  # highlighted while it waits
    waiting.nav.setCurrentRow(0)
    waiting.close()
    assert window_settings().value("main/panel") == "sessions"
