"""The groups behind a bar the user clicked: a small read-only table, lowest attendance first
(the groups to act on), groups with no marks yet last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ...services.statistics.dashboard import GroupLine
from ..shared.table_model import (
    FIT,
    RIGHT,
    SORT_ROLE,
    STRETCH,
    Column,
    RowTableModel,
    apply_columns,
)


def _rate(row: GroupLine) -> str:
    return "–" if row.rate is None else f"{row.rate:.0%} ({row.attended}/{row.marks})"


ATTENDANCE = 7  # the column of GroupLinesModel below


class GroupLinesModel(RowTableModel):
    columns = (
        Column("Code", lambda r: r.code, width=FIT),
        Column("Name", lambda r: r.name, width=FIT),
        Column("Community", lambda r: r.community, width=FIT),
        Column("District", lambda r: r.district, width=FIT),
        Column("Facilitator", lambda r: r.facilitator, width=FIT),
        Column("Status", lambda r: r.status, width=FIT),
        Column(
            "Meetings",
            lambda r: str(r.meetings_held),
            lambda r: r.meetings_held,
            width=FIT,
            align=RIGHT,
        ),
        Column(
            "Attendance",
            _rate,
            lambda r: 2.0 if r.rate is None else r.rate,  # no marks: after every rate
            width=STRETCH,
            align=RIGHT,
        ),
    )

    def __init__(self, rows: list[GroupLine] | None = None, parent=None):
        super().__init__(parent)
        self.rows = list(rows or [])


class GroupsDialog(QDialog):
    def __init__(self, title: str, rows: list[GroupLine], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Groups behind the chart")
        self.resize(820, 420)
        self.model = GroupLinesModel(rows, self)
        self.table = QTableView()
        from PySide6.QtCore import QSortFilterProxyModel

        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ATTENDANCE, Qt.AscendingOrder)
        self.table.verticalHeader().hide()
        apply_columns(self.table)
        heading = QLabel(f"<b>{title}</b> — {len(rows)} group{'s' if len(rows) != 1 else ''}")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
