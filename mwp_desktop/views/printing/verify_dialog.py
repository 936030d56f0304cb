"""Verify certificate: type or scan a certificate's code, see whose it is and whether it is
genuine. A USB QR scanner types the code's text followed by Enter, which verifies at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.documents.certificates import Verification, verify
from ..shared import operations
from ..shared.context import AppContext

GOOD = "color: #1e6b4f; font-weight: bold; font-size: 15px;"
BAD = "color: #a32222; font-weight: bold; font-size: 15px;"


class VerifyCertificateDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Verify certificate")
        self.resize(520, 300)
        self.code_edit = QLineEdit(placeholderText="e.g. 7KQ2M-X9D4P, or scan the QR code")
        self.code_edit.returnPressed.connect(self.check)
        check_button = QPushButton("&Verify")
        check_button.clicked.connect(self.check)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.details = QFormLayout()
        self.fields = {}
        for key, label in (("participant", "Participant"), ("group", "Group"),
                           ("serial", "Serial"), ("issued", "Issued on"),
                           ("reprints", "Reprints")):  # fmt: skip
            value = QLabel("")
            self.fields[key] = value
            self.details.addRow(f"{label}:", value)
        row = QHBoxLayout()
        row.addWidget(self.code_edit, 1)
        row.addWidget(check_button)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Type the code printed under the QR code, or scan it:"))
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addLayout(self.details)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def check(self) -> Verification:
        code = self.code_edit.text()
        result = operations.read(self.context, lambda s: verify(s, code))
        self.verdict.setText(("✔ " if result.genuine else "✘ ") + result.message)
        self.verdict.setStyleSheet(GOOD if result.genuine else BAD)
        self.fields["participant"].setText(
            f"{result.participant_name} ({result.participant_code})" if result.serial else ""
        )
        self.fields["group"].setText(result.group)
        self.fields["serial"].setText(result.serial)
        self.fields["issued"].setText(
            result.issued_on.strftime("%d/%m/%Y") if result.issued_on else ""
        )
        self.fields["reprints"].setText(str(result.reprints) if result.serial else "")
        self.code_edit.selectAll()
        return result
