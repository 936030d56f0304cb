"""Settings page: where this program keeps its data (read-only facts, useful on the phone).

They are not records, so the page follows no changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ... import __version__
from ...paths import backups_dir, data_dir, logs_dir
from ..shared.context import AppContext

TITLE = "About"


def facts(context: AppContext) -> list[tuple[str, str]]:
    return [
        ("Program version", __version__),
        ("Database in use", context.db.describe()),
        ("Data folder", str(data_dir())),
        ("Backups", str(backups_dir())),
        ("Log files", str(logs_dir())),
    ]


class AboutDataPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        form = QFormLayout(self)
        form.setContentsMargins(16, 16, 16, 16)
        form.setVerticalSpacing(10)
        self.values: list[QLabel] = []
        for label, _value in facts(context):
            value_label = QLabel()
            value_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.values.append(value_label)
            form.addRow(f"{label}:", value_label)
        self.refresh()

    def refresh(self) -> None:
        for value_label, (_label, value) in zip(self.values, facts(self.context), strict=True):
            value_label.setText(value)


def create_page(context: AppContext) -> QWidget:
    return AboutDataPage(context)
