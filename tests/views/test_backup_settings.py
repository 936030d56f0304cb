"""The Backups settings page says plainly whether backups to the second folder are encrypted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin import backups
from mwp_desktop.views.settings.backups import BackupsPage
from mwp_desktop.views.shared.context import AppContext


def test_the_page_says_whether_the_stick_is_encrypted(qtbot, db, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with db.session() as s:
        backups.set_second_folder(s, SYSTEM, str(stick))
    page = BackupsPage(AppContext(db=db))
    qtbot.addWidget(page)
    assert "NOT encrypted" in page.stick_protection.text()
    qtbot.keyClicks(page.passphrase_edit, "kept in the director's safe")
    qtbot.mouseClick(page.passphrase_button, Qt.LeftButton)
    assert "are encrypted with the office's backup passphrase" in page.stick_protection.text()
    assert page.passphrase_edit.text() == ""
    with db.session() as s:
        assert backups.backup_passphrase_is_set(s)
