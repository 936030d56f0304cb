"""The audit trail page says plainly when the trail was tampered with outside the program."""

import pytest
from sqlalchemy import text

from mwp_desktop.services.admin import users
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext

pytestmark = pytest.mark.sqlite_only


def audit_page(qtbot, office):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    window = MainWindow(AppContext(office, admin))
    qtbot.addWidget(window)
    window.show()
    panel = window.show_panel("settings")
    for index in range(panel.tabs.count()):
        if panel.tabs.tabText(index) == "Audit trail":
            panel.tabs.setCurrentIndex(index)
            return panel.tabs.widget(index)
    raise AssertionError("no Audit trail tab")


def test_an_edited_event_is_reported_above_the_trail(qtbot, office):
    page = audit_page(qtbot, office)
    assert not page.tampered.isVisible()

    with office.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET username = 'nobody' WHERE id = 1"))
    page.refresh()

    assert page.tampered.isVisible()
    assert page.tampered.text().startswith("The audit trail has been tampered with: event 1 ")
