"""The groups behind a bar the user clicked: a small read-only table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ...services.statistics_dashboard import GroupLine

COLUMNS = (
    "Code",
    "Name",
    "Community",
    "District",
    "Facilitator",
    "Status",
    "Meetings",
    "Attendance",
)
SORT_ROLE = Qt.UserRole
ROW_ROLE = Qt.UserRole + 1


class GroupLinesModel(QAbstractTableModel):
    def __init__(self, rows: list[GroupLine] | None = None, parent=None):
        super().__init__(parent)
        self.rows: list[GroupLine] = list(rows or [])

    def set_rows(self, rows: list[GroupLine]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        values = (
            row.code,
            row.name,
            row.community,
            row.district,
            row.facilitator,
            row.status,
            row.meetings_held,
            row.rate,
        )
        value = values[index.column()]
        if role == Qt.DisplayRole:
            if index.column() == 7:
                return "–" if row.rate is None else f"{row.rate:.0%} ({row.attended}/{row.marks})"
            return str(value)
        if role == SORT_ROLE:
            return -1.0 if value is None else value
        if role == ROW_ROLE:
            return row
        if role == Qt.TextAlignmentRole and index.column() >= 6:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


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
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        heading = QLabel(f"<b>{title}</b> — {len(rows)} group{'s' if len(rows) != 1 else ''}")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
