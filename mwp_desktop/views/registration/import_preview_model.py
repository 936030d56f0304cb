"""The preview of an import: each row of the file with what will happen to it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...services.participant_import import ERROR, NEW, ImportPlan, PlannedRow

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
HEADERS = ("Row", "Status", "Name", "Community", "Reason")
STATUS_COLOURS = {NEW: "#e3f4ea", ERROR: "#fbe3e1"}
OTHER_COLOUR = "#fff4d6"  # duplicates: yellow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: tuple[PlannedRow, ...] = ()

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = plan.rows if plan else ()
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
        values = (row.number, "will be imported" if row.status == NEW else row.status,
                  row.name, row.community, row.reason)  # fmt: skip
        if role == Qt.DisplayRole:
            value = values[index.column()]
            return str(value)
        if role == SORT_ROLE:
            return values[index.column()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ToolTipRole and row.reason:
            return row.reason
        if role == Qt.BackgroundRole and index.column() == 1:
            return QColor(STATUS_COLOURS.get(row.status, OTHER_COLOUR))
        return None
