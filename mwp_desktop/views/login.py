"""The sign-in dialog. On a demo database (only there) it lists the demo accounts.

Nobody is signed in yet, so the dialog is given the database, not the window's context. It reads
and signs in through operations with a context of its own for the program itself (the SYSTEM
actor); none of its services is given that actor: a sign-in is recorded as the person signing
in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..errors import UserError
from ..models.database import Database
from ..services.actor import SYSTEM, Actor
from ..services.admin.settings import get_setting
from ..services.admin.users import LOCK_RULE, LoginFailed, authenticate
from ..services.demo.accounts import demo_accounts_to_show
from ..services.permissions import ROLE_TITLES
from .shared import operations
from .shared.context import AppContext
from .shared.operations import Changed
from .style import app_icon

# At the idle lock the name is shown and fixed, so a refusal speaks of the password alone; like
# every refusal it is one sentence whatever the reason (see services/admin/users.py).
UNLOCK_REFUSED = (
    "The window stays locked: the password is wrong, or the account has been locked or "
    f"deactivated meanwhile. {LOCK_RULE}"
)


class LoginDialog(QDialog):
    """Asks for a user name and password; `actor` is set when the dialog is accepted.

    With `locked_for`, the window is locked: only that user can unlock it (the idle lock)."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, locked_for: Actor | None = None
    ):
        super().__init__(parent)
        self.context = AppContext(db, SYSTEM)
        self.actor: Actor | None = None
        self.locked_for = locked_for
        organisation, demo = operations.read(
            self.context, lambda s: (get_setting(s, "organisation_name"), demo_accounts_to_show(s))
        )
        self.setWindowTitle(f"{APP_NAME} — locked" if locked_for else f"Sign in — {APP_NAME}")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        heading = QLabel(organisation, objectName="PanelTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        if locked_for:
            note = f"The window was locked after a while without use. {locked_for.username}, "
            note += "type your password to go on."
        else:
            note = f"Sign in to open {db.describe()}."
        explanation = QLabel(note, objectName="PanelSubtitle")
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setMaxLength(200)
        if locked_for:
            self.username.setText(locked_for.username)
            self.username.setReadOnly(True)
        form.addRow("&User name:", self.username)
        form.addRow("&Password:", self.password)
        layout.addLayout(form)
        self.error = QLabel(objectName="FormError")
        self.error.setStyleSheet("color: #a32020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

        if demo and not locked_for:
            layout.addWidget(self._demo_box(demo))

        buttons = QDialogButtonBox()
        self.sign_in = buttons.addButton(
            "Sign in" if not locked_for else "Unlock", QDialogButtonBox.AcceptRole
        )
        self.sign_in.setDefault(True)
        buttons.addButton(
            "Exit the program" if locked_for else "Cancel", QDialogButtonBox.RejectRole
        )
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if locked_for else self.username).setFocus()

    def _demo_box(self, accounts) -> QGroupBox:
        box = QGroupBox("Demo accounts (this is a demo database)")
        form = QFormLayout(box)
        for account in accounts:
            button = QPushButton(f"{account.username} / {account.password}")
            button.setObjectName(f"demo-{account.username}")
            button.setToolTip("Fill in this account")
            button.clicked.connect(lambda _=False, a=account: self._fill(a.username, a.password))
            form.addRow(f"{ROLE_TITLES[account.role]}:", button)
        return box

    def _fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.sign_in.setFocus()

    def try_sign_in(self) -> None:
        username, password = self.username.text(), self.password.text()
        # The sign-in keeps its own transaction: a wrong password is counted even though it is
        # refused. It writes the audit trail and the account's failed tries.
        done = operations.change_through(
            self, self.context, lambda db, _program: authenticate(db, username, password),
            changes=Changed.AUDIT | Changed.USERS, on_error=self._refused,
        )  # fmt: skip
        if not done:
            return
        if self.locked_for is not None and done.value.user_id != self.locked_for.user_id:
            self.show_error("Only the person who was signed in can unlock this window.")
            return
        self.actor = done.value
        self.accept()

    def _refused(self, error: UserError) -> None:
        if self.locked_for is not None and isinstance(error, LoginFailed):
            self.show_error(UNLOCK_REFUSED)
            return
        self.show_error(operations.message_of(error))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.password.clear()
        self.password.setFocus(Qt.OtherFocusReason)
