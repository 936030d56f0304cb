"""A small read-only table model over a list of frozen rows, for the settings lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], cells: Callable[[object], tuple], parent=None):
        super().__init__(parent)
        self._headers = tuple(headers)
        self._cells = cells
        self._rows: list = []
        self._texts: list[tuple] = []

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [tuple(self._cells(r)) for r in self._rows]
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if (
            orientation == Qt.Horizontal
            and role == Qt.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._texts[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return str(value)
        if role == SORT_ROLE:
            return value
        if role == ROW_ROLE:
            return self._rows[index.row()]
        return None
