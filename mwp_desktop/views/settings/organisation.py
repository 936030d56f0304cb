"""Settings page: the organisation as printed documents show it — names, logo, the two people
who sign certificates, the paper size, and what the documents show (phones, the count of
sessions on a certificate, its cream page). Saving announces a settings change, which the
Printing panel follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...services.admin.settings import all_settings
from ...services.documents.branding import save_branding
from ...services.permissions import allowed
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes

TITLE = "Organisation"
OPTIONS = (
    ("sign_in_phones", "Print phone numbers on sign-in sheets",
     "Off: the sheet passes from hand to hand, so every man in the group would read them. "
     "The follow-up list always has them."),
    ("certificate_attendance", "Print the sessions attended on certificates",
     "Off: a certificate is framed for life; the register keeps the count."),
    ("certificate_cream", "Print certificates on a cream page",
     "Off: a white page, cheaper at a print shop that charges for ink."),
)  # fmt: skip
TEXT_FIELDS = (
    ("organisation_name", "Organisation name"),
    ("organisation_short_name", "Short name"),
    ("program_name", "Program name"),
    ("signatory_1_name", "First signatory's name"),
    ("signatory_1_title", "First signatory's title"),
    ("signatory_2_name", "Second signatory's name"),
    ("signatory_2_title", "Second signatory's title"),
)


def create_page(context: AppContext) -> QWidget:
    return OrganisationPage(context)


class OrganisationPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setContentsMargins(16, 16, 16, 8)
        form.setVerticalSpacing(8)
        for key, label in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setMaxLength(160)
            self.edits[key] = edit
            form.addRow(f"{label}:", edit)
            if key == "program_name":
                form.addRow("Logo:", self._logo_row())
        self.paper_combo = QComboBox()
        self.paper_combo.addItems(["A4", "Letter"])
        form.addRow("Paper size:", self.paper_combo)
        self.options: dict[str, QCheckBox] = {}
        for key, label, tip in OPTIONS:
            box = QCheckBox(label, toolTip=tip)
            self.options[key] = box
            form.addRow("Documents:" if key == OPTIONS[0][0] else "", box)

        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.Save, self, self.save)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(16, 0, 16, 16)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)

        # A readable width on a wide screen, rather than fields stretched across it.
        column = QWidget()
        column.setMaximumWidth(820)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addLayout(form)
        column_layout.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addStretch(1)
        self.refresh()
        self.changes = follow_changes(self, Changed.SETTINGS, self.refresh)
        if not allowed(context.actor, "settings"):
            for widget in (*self.edits.values(), *self.options.values(), self.paper_combo,
                           self.save_button,
                           self.browse_button, self.clear_logo_button):  # fmt: skip
                widget.setEnabled(False)
            self.message.setText("Only a supervisor or an administrator can change these.")

    def _logo_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.logo_edit = QLineEdit(placeholderText="No logo: documents print the name only")
        self.logo_edit.textChanged.connect(self._show_logo)
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self._browse)
        self.clear_logo_button = QPushButton("No logo")
        self.clear_logo_button.clicked.connect(self.logo_edit.clear)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(48, 48)
        self.logo_preview.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.logo_edit, 1)
        layout.addWidget(self.browse_button)
        layout.addWidget(self.clear_logo_button)
        layout.addWidget(self.logo_preview)
        return row

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the organisation's logo", self.logo_edit.text(),
            "Pictures (*.png *.jpg *.jpeg *.gif *.bmp)",
        )  # fmt: skip
        if path:
            self.logo_edit.setText(path)

    def _show_logo(self, path: str) -> None:
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
        else:
            self.logo_preview.setPixmap(pixmap.scaled(48, 48, Qt.KeepAspectRatio,
                                                      Qt.SmoothTransformation))  # fmt: skip

    def refresh(self) -> None:
        """Show the settings as saved (after a save: the logo's kept copy)."""
        values = operations.read(self.context, all_settings)
        for key, edit in self.edits.items():
            edit.setText(values[key])
        self.logo_edit.setText(values["organisation_logo"])
        self.paper_combo.setCurrentText(values["paper_size"])
        for key, box in self.options.items():
            box.setChecked(bool(values[key]))

    def values(self) -> dict[str, str | bool]:
        values = {key: edit.text() for key, edit in self.edits.items()}
        values["organisation_logo"] = self.logo_edit.text()
        values["paper_size"] = self.paper_combo.currentText()
        values.update({key: box.isChecked() for key, box in self.options.items()})
        return values

    def save(self) -> list[str] | None:
        values = self.values()
        done = operations.change(
            self, self.context, lambda session, actor: save_branding(session, actor, values),
            changes=Changed.SETTINGS, on_error=self._not_saved,
        )  # fmt: skip
        if not done:
            return None
        self.message.setStyleSheet("color: #1e6b4f;")
        self.message.setText(
            "Saved. The next documents you print use these." if done.value else "Nothing to save."
        )
        return done.value

    def _not_saved(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            reason = "; ".join(error.fields.values()) + "."
        else:
            reason = str(error)
        self.message.setText(f"Not saved: {reason}")
        self.message.setStyleSheet("color: #a32222;")
