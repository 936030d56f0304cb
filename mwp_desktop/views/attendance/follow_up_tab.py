"""The follow-up tab: men who missed their group's last meetings in a row, to call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.follow_up import export_follow_up, follow_up_list
from ...services.settings import get_setting
from .list_models import FollowUpModel
from .tables import current_row_object, sorted_table

if TYPE_CHECKING:
    from ..panels.sessions import SessionsPanel


class FollowUpTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.model = FollowUpModel(self)
        self.table, self.proxy = sorted_table(self.model)
        self.table.setObjectName("FollowUpTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((160, 82, 116, 220, 112, 220, 66, 96)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export…")
        export.clicked.connect(self.export)
        self.print_button = QPushButton("Print… (Ctrl+P)")
        self.print_button.setToolTip("Preview the follow-up list for the calling round")
        self.print_button.clicked.connect(self.panel.print_follow_up)
        open_button = QPushButton("Open register")
        open_button.clicked.connect(self.open_register)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (open_button, refresh, export, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda _: self.open_register())

    def refresh(self) -> None:
        with self.panel.context.db.session() as session:
            items = follow_up_list(session, self.panel.context.actor)
            threshold = get_setting(session, "follow_up_absences")
        self.model.load(items)
        self.table.sortByColumn(6, Qt.DescendingOrder)
        self.note.setText(
            f"<b>{len(items):,}</b> active members missed the last {threshold} or more meetings "
            "of their group in a row (absent or not marked; excused does not count). "
            "Call them, or their facilitator."
        )

    def open_register(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.open_group(item.group_id)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the follow-up list",
            "follow-up.xlsx",
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )
        if not path:
            return
        try:
            with self.panel.context.db.session() as session:
                count = export_follow_up(session, self.panel.context.actor, path)
        except UserError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return
        QMessageBox.information(self, "Export", f"Wrote {count:,} people to {path}")
