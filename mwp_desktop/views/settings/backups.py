"""Settings page: "Back up now", "Restore…", the second backup folder and the recent backups.

A backup copies the records and changes none: the page lists the new file itself. A restore
replaces every record, so it announces a change of every kind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...paths import backups_dir
from ...services.admin import backups, restore
from ...services.admin.backup_crypto import is_encrypted
from ...services.permissions import allowed
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes

TITLE = "Backups"
COPIES_ONLY = Changed(0)  # a backup changes no record: nothing to announce


def visible(context: AppContext) -> bool:
    return allowed(context.actor, "backup") or allowed(context.actor, "restore")


class BackupsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        actor = context.actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        intro = QLabel(
            "The program backs up by itself when it closes and once a day, into the backups "
            f"folder ({backups_dir()}) and into the second folder below if one is set. It keeps "
            "the newest backup of each of the last 14 days and of each of the last 8 weeks."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.save_button = QPushButton("Back up to a &file…")
        self.save_button.setToolTip("For a USB stick: optionally protected by a passphrase")
        self.save_button.clicked.connect(self.back_up_to_file)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.clicked.connect(self.restore)
        for button, action in (
            (self.backup_button, "backup"),
            (self.save_button, "backup"),
            (self.restore_button, "restore"),
        ):
            button.setVisible(allowed(actor, action))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        folder_row = QHBoxLayout()
        self.second_folder = QLineEdit()
        self.second_folder.setPlaceholderText("optional: a folder on a USB stick, e.g. E:\\MWP")
        choose = QPushButton("C&hoose…")
        choose.clicked.connect(self.choose_folder)
        save = QPushButton("&Save folder")
        save.clicked.connect(self.save_folder)
        folder_row.addWidget(QLabel("Second folder:"))
        folder_row.addWidget(self.second_folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(save)
        settings_allowed = allowed(actor, "settings")
        for widget in (self.second_folder, choose, save):
            widget.setEnabled(settings_allowed)
        layout.addLayout(folder_row)

        passphrase_row = QHBoxLayout()
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.Password)
        self.passphrase_edit.setPlaceholderText(
            f"at least {backups.PASSPHRASE_MIN} characters; empty to stop encrypting"
        )
        self.passphrase_button = QPushButton("Set &passphrase")
        self.passphrase_button.clicked.connect(self.save_passphrase)
        passphrase_row.addWidget(QLabel("Backup passphrase:"))
        passphrase_row.addWidget(self.passphrase_edit, 1)
        passphrase_row.addWidget(self.passphrase_button)
        for widget in (self.passphrase_edit, self.passphrase_button):
            widget.setEnabled(settings_allowed)
        layout.addLayout(passphrase_row)
        self.stick_protection = QLabel()
        self.stick_protection.setWordWrap(True)
        layout.addWidget(self.stick_protection)

        layout.addWidget(QLabel("Backups in the backups folder, newest first:"))
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.refresh()
        # The second folder is kept with the settings; a restore announces every kind.
        self.changes = follow_changes(self, Changed.SETTINGS, self.refresh)

    def refresh(self) -> None:
        self.second_folder.setText(operations.read(self.context, backups.get_second_folder))
        self.show_stick_protection()
        self.list_backups()

    def show_stick_protection(self) -> None:
        if operations.read(self.context, backups.backup_passphrase_is_set):
            text = (
                "Automatic backups to the second folder are encrypted with the office's backup "
                "passphrase. Keep it written down in a safe place: without it they cannot be "
                "restored. Backups in the backups folder on this PC are not encrypted."
            )
        else:
            text = (
                "Automatic backups to the second folder are NOT encrypted: anyone who finds the "
                "stick can read every record. Set a backup passphrase to encrypt them."
            )
        self.stick_protection.setText(text)

    def list_backups(self) -> None:
        self.list.clear()
        for backup in backups.list_backups(backups_dir())[:60]:
            kind = "automatic" if backup.automatic else "kept copy"
            self.list.addItem(
                f"{backup.made:%d/%m/%Y %H:%M}  ·  {backup.path.name}  ·  "
                f"{backup.size / 1_048_576:.1f} MB  ·  {kind}"
            )

    def _change(self, work, changes: Changed, title: str) -> operations.Outcome:
        """Back up or restore (services that keep their own transactions) under the wait
        cursor; a refusal is shown in a message and stays written under the list."""

        def waiting(db, actor):
            QApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                return work(db, actor)
            finally:
                QApplication.restoreOverrideCursor()

        def refused(error: UserError) -> None:
            self.status.setText(operations.message_of(error))
            operations.warn(self, title, error)

        return operations.change_through(
            self, self.context, waiting, changes=changes, title=title, on_error=refused
        )

    def back_up_now(self) -> None:
        folder = backups_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stem = self.context.db.path.stem if self.context.db.path else "office-server"
        target = folder / f"{stem}-manual-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
        self._backup(target, None)

    def back_up_to_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Back up to a file",
            str(Path.home() / "mwp-backup.mwpbackup"),
            "Encrypted backup (*.mwpbackup);;Plain backup (*.sqlite3)",
        )
        if not name:
            return
        passphrase = None
        if name.endswith(".mwpbackup"):
            passphrase, ok = QInputDialog.getText(
                self,
                "Passphrase",
                "A passphrase to protect the backup (needed to restore it):",
                QLineEdit.Password,
            )
            if not ok or not passphrase:
                return
        self._backup(Path(name), passphrase)

    def _backup(self, target: Path, passphrase: str | None) -> None:
        done = self._change(
            lambda db, actor: backups.backup_now(db, actor, target, passphrase),
            COPIES_ONLY, "Backup",
        )  # fmt: skip
        if done:
            self.status.setText(f"Backed up to {done.value}")
            self.list_backups()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Second backup folder")
        if folder:
            self.second_folder.setText(folder)

    def save_folder(self) -> None:
        folder = self.second_folder.text()
        if operations.change(
            self, self.context, lambda s, actor: backups.set_second_folder(s, actor, folder),
            changes=Changed.SETTINGS, title="Backups",
        ):  # fmt: skip
            self.status.setText("Second backup folder saved.")

    def save_passphrase(self) -> None:
        passphrase = self.passphrase_edit.text()
        if operations.change(
            self, self.context,
            lambda s, actor: backups.set_backup_passphrase(s, actor, passphrase),
            changes=Changed.SETTINGS, title="Backups",
        ):  # fmt: skip
            self.passphrase_edit.clear()
            self.show_stick_protection()
            self.status.setText("Backup passphrase saved.")

    def restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Restore a backup",
            str(backups_dir()),
            "Backups (*.sqlite3 *.mwpbackup);;All files (*)",
        )
        if name:
            self.restore_file(Path(name))

    def restore_file(self, path: Path) -> bool:
        passphrase = None
        if is_encrypted(path):
            passphrase, ok = QInputDialog.getText(
                self, "Passphrase", f"The passphrase of {path.name}:", QLineEdit.Password
            )
            if not ok:
                return False
        answer = QMessageBox.question(
            self,
            "Restore",
            f"Replace all records with those in {path.name}?\n\nThe records as they are now are "
            "kept in the backups folder first, so this can be undone.",
        )
        if answer != QMessageBox.Yes:
            return False
        done = self._change(
            lambda db, actor: restore.restore_database(db, path, actor, passphrase),
            Changed.EVERYTHING, "Restore",
        )  # fmt: skip
        if not done:
            return False
        message = (
            f"Restored from {path.name}. The records it replaced are kept in "
            f"{done.value.kept_copy.name}. The program closes now; start it again to work on the "
            "restored records."
        )
        self.status.setText(message)
        QMessageBox.information(self, "Restore", message)
        window = self.window()
        if window is not self:
            window.close()
        return True


def create_page(context: AppContext) -> QWidget:
    return BackupsPage(context)
