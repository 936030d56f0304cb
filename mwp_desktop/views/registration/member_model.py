"""The members of one group, with their enrolment status and dates."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...services.groups import MemberRow
from .common import date_text

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
HEADERS = ("Code", "Name", "Sex", "Age", "Phone", "Status", "Joined", "Left", "Reason")
ENDED_COLOUR = "#7a868b"

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class MemberTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MemberRow] = []

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        values = (row.code, row.name, row.sex, "" if row.age is None else str(row.age), row.phone,
                  row.status.replace("_", " "), date_text(row.enrolled_on),
                  date_text(row.ended_on), row.reason)  # fmt: skip
        if role == Qt.DisplayRole:
            return values[index.column()]
        if role == SORT_ROLE:
            if index.column() == 6:
                return row.enrolled_on.isoformat()
            if index.column() == 7:
                return row.ended_on.isoformat() if row.ended_on else ""
            return values[index.column()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ForegroundRole and row.status in ("dropped", "transferred"):
            return QColor(ENDED_COLOUR)
        return None
