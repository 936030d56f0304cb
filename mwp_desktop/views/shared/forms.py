"""Small pieces the forms share: error labels under fields, dates as the office writes them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b3261e; font-size: 9pt;"


class ErrorLabel(QLabel):
    """The reason a field is wrong, shown just below it; hidden when the field is fine."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_reason(self, reason: str | None) -> None:
        self.setText(reason or "")
        self.setVisible(bool(reason))


def with_error(widget: QWidget, error: ErrorLabel | None) -> QWidget:
    """A form field with its error label tight below it, as one row of a QFormLayout."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(widget)
    if error is not None:
        column.addWidget(error)
    return holder


def date_text(value: date | None) -> str:
    """dd/mm/yyyy (formatted by hand: strftime is slow across thousands of rows)."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""
