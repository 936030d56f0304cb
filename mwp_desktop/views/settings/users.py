"""Settings page: user accounts (administrators) and changing one's own password (everyone)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...models import ROLES
from ...services.admin import users
from ...services.permissions import ROLE_TITLES, allowed
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import STRETCH, Column, RowTableModel, apply_columns

TITLE = "Users"


def _state(row: users.UserSummary) -> str:
    if not row.active:
        return "deactivated"
    if row.locked_until is not None:
        return f"locked until {row.locked_until:%H:%M}"
    return "active"


class UsersModel(RowTableModel):
    USERNAME, NAME, ROLE, STATE = range(4)
    columns = (
        Column("User name", lambda r: r.username, width=STRETCH),
        Column("Name", lambda r: r.full_name, width=STRETCH),
        Column("Role", lambda r: r.role_title, width=STRETCH),
        Column("State", _state, width=STRETCH),
    )


class UserDialog(QDialog):
    """Add (user is None) or edit an account."""

    def __init__(
        self,
        parent,
        user: users.UserSummary | None = None,
        facilitators: list[tuple[int, str]] = (),
    ):
        super().__init__(parent)
        self.setWindowTitle("Edit user" if user else "Add a user")
        form = QFormLayout(self)
        self.username = QLineEdit(user.username if user else "")
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(ROLE_TITLES[role], role)
        self.role.setCurrentIndex(ROLES.index(user.role) if user else ROLES.index("staff"))
        self.facilitator_id = QComboBox()
        self.facilitator_id.addItem("(not a facilitator)", None)
        for fid, name in facilitators:
            self.facilitator_id.addItem(name, fid)
        if user and user.facilitator_id:
            self.facilitator_id.setCurrentIndex(
                max(0, self.facilitator_id.findData(user.facilitator_id))
            )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow("&User name:", self.username)
        form.addRow("&Name:", self.full_name)
        form.addRow("&Role:", self.role)
        form.addRow("&Facilitator:", self.facilitator_id)
        if user is None:
            form.addRow("&Password:", self.password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a32020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def facilitator(self) -> int | None:
        return self.facilitator_id.currentData()


class UsersPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        me = context.actor
        layout.addWidget(
            QLabel(f"Signed in as <b>{me.username}</b> ({ROLE_TITLES.get(me.role, me.role)}).")
        )
        self.change_own = QPushButton("Change &my password…")
        self.change_own.setEnabled(me.user_id is not None)
        self.change_own.clicked.connect(self.change_my_password)
        own_row = QHBoxLayout()
        own_row.addWidget(self.change_own)
        own_row.addStretch(1)
        layout.addLayout(own_row)

        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setSelectionMode(QTableView.SingleSelection)
        apply_columns(self.table)
        self.table.verticalHeader().hide()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", "&Add a user…", self.add_user),
            ("edit", "&Edit…", self.edit_user),
            ("reset", "&Reset password…", self.reset_password),
            ("unlock", "&Unlock", self.unlock),
            ("deactivate", "&Deactivate", self.deactivate),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.manages = allowed(me, "users")
        if self.manages:
            layout.addWidget(QLabel("Accounts of everyone who uses the program:"))
            layout.addWidget(self.table, 1)
            layout.addLayout(row)
            self.refresh()
            self.changes = follow_changes(self, Changed.USERS, self.refresh)
        else:
            layout.addStretch(1)

    def refresh(self) -> None:
        """Read the accounts again, keeping the chosen one chosen."""
        if not self.manages:
            return  # only one's own password is changed here, and it is not shown
        chosen = self.selected()
        self.model.set_rows(
            operations.read(self.context, lambda s: users.list_users(s, self.context.actor))
        )
        line = self.model.row_of(chosen.id) if chosen is not None else -1
        if line >= 0:
            self.table.selectRow(line)

    def _facilitators(self) -> list[tuple[int, str]]:
        return operations.read(self.context, users.facilitator_choices)

    def selected(self) -> users.UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _change(self, work, dialog: QDialog | None = None) -> bool:
        """Change accounts through operations. With a dialog, a refusal is shown in it, which
        stays open with what was typed; otherwise in a message."""
        on_error = (lambda error: dialog.error.setText(_message(error))) if dialog else None
        return bool(
            operations.change(
                self, self.context, work, changes=Changed.USERS, title="Users", on_error=on_error
            )
        )

    def add_user(self) -> None:
        dialog = UserDialog(self, None, self._facilitators())

        def create(session, actor) -> users.UserSummary:
            return users.create_user(
                session, actor, dialog.username.text(), dialog.full_name.text(),
                dialog.role.currentData(), dialog.password.text(), dialog.facilitator(),
            )  # fmt: skip

        while dialog.exec() == QDialog.Accepted:
            if self._change(create, dialog):
                return

    def edit_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = UserDialog(self, user, self._facilitators())

        def update(session, actor) -> users.UserSummary:
            return users.update_user(
                session, actor, user.id, full_name=dialog.full_name.text(),
                role=dialog.role.currentData(), facilitator_id=dialog.facilitator(),
                active=user.active,
            )  # fmt: skip

        while dialog.exec() == QDialog.Accepted:
            if self._change(update, dialog):
                return

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        password = _ask_password(self, f"New password for {user.username}")
        if password is not None:
            self._change(lambda s, actor: users.reset_password(s, actor, user.id, password))

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._change(lambda s, actor: users.unlock_user(s, actor, user.id))

    def deactivate(self) -> None:
        user = self.selected()
        if user is None:
            return
        answer = QMessageBox.question(
            self,
            "Users",
            f"Deactivate {user.username}? They will no longer be able to sign in; "
            "their name stays in the audit trail.",
        )
        if answer == QMessageBox.Yes:
            self._change(lambda s, actor: users.deactivate_user(s, actor, user.id))

    def change_my_password(self) -> None:
        dialog = ChangePasswordDialog(self)

        def change(session, actor) -> None:
            users.change_password(session, actor, dialog.old.text(), dialog.new.text())

        while dialog.exec() == QDialog.Accepted:
            if dialog.new.text() != dialog.repeat.text():
                dialog.error.setText("The two new passwords are not the same.")
            elif self._change(change, dialog):
                QMessageBox.information(self, "Users", "Your password is changed.")
                return


class ChangePasswordDialog(QDialog):
    def __init__(self, parent):
        super().__init__(parent)
        self.setWindowTitle("Change my password")
        form = QFormLayout(self)
        self.old, self.new, self.repeat = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.Password)
        form.addRow("&Current password:", self.old)
        form.addRow("&New password:", self.new)
        form.addRow("&Repeat new password:", self.repeat)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a32020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def _ask_password(parent, title: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(
        parent, title, "Password (at least 8 characters):", QLineEdit.Password
    )
    return text if ok else None


def _message(exc: UserError) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(f"{k.replace('_', ' ')}: {v}" for k, v in exc.fields.items())
    return str(exc)


def create_page(context: AppContext) -> QWidget:
    return UsersPage(context)
