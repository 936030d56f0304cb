"""The sign-in dialog. On a demo database (only there) it lists the demo accounts.

Nobody is signed in yet, so the dialog is given the database, not the window's context. It reads
and signs in through operations with a context of its own for the program itself (the SYSTEM
actor); none of its services is given that actor: a sign-in is recorded as the person signing
in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
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
from ..services.actor import SYSTEM, Actor
from ..services.permissions import ROLE_TITLES
from .database_opening import DatabaseOpening
from .first_paint import after_first_paint
from .shared import operations
from .shared.context import AppContext
from .shared.operations import Changed
from .style import app_icon

if TYPE_CHECKING:
    from ..models.database import Database

OPEN_UNSEEN_AFTER_MS = 300

# The database layer (settings, accounts, demo accounts) is imported when the database is open:
# the dialog may be shown while it is still opening on another thread (database_opening.py).


def unlock_refused() -> str:
    """At the idle lock the name is shown and fixed, so a refusal speaks of the password alone;
    like every refusal it is one sentence whatever the reason (see services/admin/users.py)."""
    from ..services.admin.users import LOCK_RULE

    return (
        "The window stays locked: the password is wrong, or the account has been locked or "
        f"deactivated meanwhile. {LOCK_RULE}"
    )


class LoginDialog(QDialog):
    """Asks for a user name and password; `actor` is set when the dialog is accepted.

    With `locked_for`, the window is locked: only that user can unlock it (the idle lock).
    Given a `DatabaseOpening` still under way, the person can type at once; the heading, the
    demo accounts and the sign-in itself wait for the database. If the opening fails, or finds
    a database without accounts, the dialog is rejected with `opening_failed` or `first_run`
    set, for the start-up to answer (app.start_session)."""

    def __init__(
        self,
        db: Database | DatabaseOpening,
        parent: QWidget | None = None,
        *,
        locked_for: Actor | None = None,
    ):
        super().__init__(parent)
        self.opening = db if isinstance(db, DatabaseOpening) else None
        self.context: AppContext | None = None
        self.actor: Actor | None = None
        self.locked_for = locked_for
        self.first_run = False
        self.opening_failed: BaseException | None = None
        self._sign_in_waiting = False
        self.setWindowTitle(f"{APP_NAME} — locked" if locked_for else f"Sign in — {APP_NAME}")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        self.heading = QLabel(APP_NAME, objectName="PanelTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.explanation = QLabel("Opening the database…", objectName="PanelSubtitle")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)

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
        self._demo_place = QVBoxLayout()
        layout.addLayout(self._demo_place)

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

        if self.opening is None:
            self._fill_from(db)
        elif self.opening.done:
            self._opened()
        else:
            self.opening.finished.connect(self._opened)
            # Opened once the person can see the dialog (database_opening.py says why), or
            # after a moment if the system never paints it (a window started minimised).
            after_first_paint(self, self.opening.start)
            QTimer.singleShot(OPEN_UNSEEN_AFTER_MS, self.opening.start)

    def _opened(self) -> None:
        try:
            db = self.opening.result()
        except BaseException as exc:
            self.opening_failed = exc
        else:
            from ..services.admin.first_run import needs_first_admin

            self.first_run = not self.locked_for and needs_first_admin(db)
        if self.opening_failed is not None or self.first_run:
            # From the event loop: the opening may have ended before the dialog was shown.
            QTimer.singleShot(0, self.reject)
            return
        self._fill_from(db)
        if self._sign_in_waiting:
            self._sign_in_waiting = False
            self.sign_in.setEnabled(True)
            self.try_sign_in()

    def _fill_from(self, db: Database) -> None:
        from ..services.admin.settings import get_setting
        from ..services.demo.accounts import demo_accounts_to_show

        self.context = AppContext(db, SYSTEM)
        organisation, demo = operations.read(
            self.context, lambda s: (get_setting(s, "organisation_name"), demo_accounts_to_show(s))
        )
        self.heading.setText(organisation)
        if self.locked_for:
            note = f"The window was locked after a while without use. {self.locked_for.username}, "
            note += "type your password to go on."
        else:
            note = f"Sign in to open {db.describe()}."
        self.explanation.setText(note)
        if demo and not self.locked_for:
            self._demo_place.addWidget(self._demo_box(demo))
            # They come after the dialog was shown (the database opens behind it): it grows
            # to hold them once they are laid out, rather than squeezing the buttons until
            # their text is cut.
            QTimer.singleShot(0, self._grow_to_fit)

    def _grow_to_fit(self) -> None:
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

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
        if self.context is None:  # still opening: signed in the moment it is open (_opened)
            self._sign_in_waiting = True
            self.sign_in.setEnabled(False)
            return
        from ..services.admin.users import authenticate

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
        from ..services.admin.users import LoginFailed

        if self.locked_for is not None and isinstance(error, LoginFailed):
            self.show_error(unlock_refused())
            return
        self.show_error(operations.message_of(error))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.password.clear()
        self.password.setFocus(Qt.OtherFocusReason)
