"""The welcome dialog on first start: the organisation, its logo, the first administrator, and
whether to start with an empty database or explore demo data first (kept in its own file).

Nobody can be signed in yet: the dialog is given the database and sets up the office through
operations as the program itself (the SYSTEM actor); the service records the setting-up as the
new administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..errors import UserError, ValidationError
from ..models.database import Database
from ..services.actor import SYSTEM, Actor
from ..services.admin.first_run import set_up_office
from ..services.admin.settings import SETTINGS
from .shared import operations
from .shared.context import AppContext
from .shared.operations import Changed
from .style import app_icon

FIELD_LABELS = {
    "organisation": "Organisation",
    "logo": "Logo",
    "username": "User name",
    "full_name": "Your name",
    "password": "Password",
}


class WelcomeDialog(QDialog):
    """On accept: `actor` is the new administrator and `explore_demo` says which data to open.

    With `ask_choice=False` (a database that exists but has no accounts yet) only the
    organisation and the administrator are asked for."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, ask_choice: bool = True):
        super().__init__(parent)
        self.context = AppContext(db, SYSTEM)
        self.actor: Actor | None = None
        self.explore_demo = False
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Welcome to {APP_NAME}", objectName="PanelTitle"))
        intro = QLabel(
            "Before the first use, tell the program whose records it keeps and make the first "
            "administrator account. The administrator adds the other users later.",
            objectName="PanelSubtitle",
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        org_box = QGroupBox("Your organisation")
        org_form = QFormLayout(org_box)
        self.organisation = QLineEdit(SETTINGS["organisation_name"].default)
        self.organisation.setMaxLength(200)
        org_form.addRow("&Organisation name:", self.organisation)
        logo_row = QHBoxLayout()
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("optional: a PNG or JPEG picture for certificates")
        self.logo.textChanged.connect(self._show_logo)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._choose_logo)
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(browse)
        logo_label = QLabel("&Logo:")
        logo_label.setBuddy(self.logo)
        org_form.addRow(logo_label, logo_row)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedHeight(64)
        self.logo_preview.hide()
        org_form.addRow(self.logo_preview)
        layout.addWidget(org_box)

        admin_box = QGroupBox("The first administrator (you)")
        admin_form = QFormLayout(admin_box)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(160)
        self.username = QLineEdit()
        self.username.setMaxLength(40)
        self.username.setPlaceholderText("e.g. fatmata")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText("at least 8 characters")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.Password)
        admin_form.addRow("Your &name:", self.full_name)
        admin_form.addRow("&User name:", self.username)
        admin_form.addRow("&Password:", self.password)
        admin_form.addRow("&Repeat password:", self.repeat)
        layout.addWidget(admin_box)

        self.empty_choice = QRadioButton("Start with an &empty database for our records")
        self.demo_choice = QRadioButton(
            "E&xplore with demo data first (kept in its own file, apart from our records)"
        )
        self.empty_choice.setChecked(True)
        if ask_choice:
            choice_box = QGroupBox("How to begin")
            choice_layout = QVBoxLayout(choice_box)
            group = QButtonGroup(self)
            for button in (self.empty_choice, self.demo_choice):
                group.addButton(button)
                choice_layout.addWidget(button)
            layout.addWidget(choice_box)

        self.error = QLabel()
        self.error.setStyleSheet("color: #a32020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.start = buttons.addButton("&Start", QDialogButtonBox.AcceptRole)
        self.start.setDefault(True)
        buttons.addButton("Cancel", QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.try_start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.full_name.setFocus()

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the logo", "", "Pictures (*.png *.jpg *.jpeg)"
        )
        if name:
            self.logo.setText(name)

    def _show_logo(self, path: str) -> None:
        picture = QPixmap(path) if path else QPixmap()
        if picture.isNull():
            self.logo_preview.clear()
            self.logo_preview.hide()
        else:
            self.logo_preview.setPixmap(picture.scaledToHeight(60, Qt.SmoothTransformation))
            self.logo_preview.show()

    def try_start(self) -> None:
        if self.password.text() != self.repeat.text():
            self.show_error("The two passwords are not the same.")
            return
        answers = dict(
            organisation=self.organisation.text(), logo=self.logo.text(),
            username=self.username.text(), full_name=self.full_name.text(),
            password=self.password.text(),
        )  # fmt: skip
        done = operations.change_through(
            self, self.context, lambda db, _program: set_up_office(db, **answers),
            changes=Changed.SETTINGS | Changed.USERS, on_error=self._refused,
        )  # fmt: skip
        if not done:
            return
        self.actor = done.value
        self.explore_demo = self.demo_choice.isChecked()
        self.accept()

    def _refused(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            self.show_error(
                "\n".join(f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in error.fields.items())
            )
        else:
            self.show_error(str(error))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
