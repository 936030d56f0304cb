"""Settings page: where this program keeps its data (read-only facts, useful on the phone)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ... import __version__
from ...paths import backups_dir, data_dir, logs_dir
from ..shared.context import AppContext

TITLE = "Data && version"


def create_page(context: AppContext) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    form.setContentsMargins(16, 16, 16, 16)
    form.setVerticalSpacing(10)
    for label, value in (
        ("Program version", __version__),
        ("Database in use", context.db.describe()),
        ("Data folder", str(data_dir())),
        ("Backups", str(backups_dir())),
        ("Log files", str(logs_dir())),
    ):
        value_label = QLabel(value)
        value_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow(f"{label}:", value_label)
    return page
