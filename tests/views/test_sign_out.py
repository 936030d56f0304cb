"""File → Sign out: the next person signs in without the program being quit and started again,
and sees nothing the last one had on screen (issue 15, item 9)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from mwp_desktop.models import AuditEvent
from mwp_desktop.services.admin import users
from mwp_desktop.views.login import LoginDialog
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext

from .modal import when_dialog_opens

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def staff_window(qtbot, office):
    actor = users.authenticate(office, "staff", "staff-pass-1")
    window = MainWindow(AppContext(office, actor))
    qtbot.addWidget(window)
    window.show()
    window.show_panel("participants")
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def texts_on_screen(window) -> list[str]:
    return [edit.text() for edit in window.findChildren(QLineEdit) if edit.isVisible()]


def test_sign_out_forgets_the_panels_and_signs_the_next_person_in(qtbot, staff_window, office):
    window = staff_window
    old_panel = window.panel("participants")
    old_panel.search.setText("Kanu")  # something the last person typed
    seen = {}

    def sign_in_as_supervisor(dialog):
        seen["dialog"] = type(dialog)
        seen["panels"] = window.stack.count()
        seen["navigable"] = window.nav.isEnabled()
        seen["typed"] = [t for t in texts_on_screen(window) if t == "Kanu"]
        dialog.username.setText("sup")
        dialog.password.setText("sup-pass-12")
        dialog.try_sign_in()

    when_dialog_opens(sign_in_as_supervisor)
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)

    assert seen == {"dialog": LoginDialog, "panels": 0, "navigable": False, "typed": []}
    assert window.context.actor.username == "sup"
    assert window.signed_in_label.text() == "Signed in: sup (Supervisor)"
    rebuilt = window.panel(window.current_panel_key())
    assert rebuilt is not None and rebuilt is not old_panel
    assert rebuilt.context.actor.username == "sup"
    assert window.panel("participants") is None or window.panel("participants").search.text() == ""
    with office.session() as s:
        summaries = s.scalars(select(AuditEvent.summary).order_by(AuditEvent.id)).all()
    assert summaries[-2:] == ["Signed out", "Signed in"]


def test_cancelling_the_next_sign_in_closes_the_window(qtbot, staff_window):
    window = staff_window
    when_dialog_opens(lambda dialog: dialog.reject())
    window.sign_out_action.trigger()
    assert not window.isVisible()
    assert window.context is None


def test_the_file_menu_offers_sign_out_with_its_shortcut(staff_window):
    file_menu = staff_window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions() if not action.isSeparator()]
    assert texts == ["Sign &out…", "E&xit"]
    assert staff_window.sign_out_action.shortcut().toString() == "Ctrl+Shift+L"


def test_a_window_waiting_for_its_database_cannot_sign_out(qtbot):
    waiting = MainWindow()
    qtbot.addWidget(waiting)
    assert not waiting.sign_out_action.isEnabled()  # nobody is signed in yet
