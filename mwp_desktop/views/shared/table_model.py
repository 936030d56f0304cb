"""One small base for the read-only table models: a list of frozen rows shown through columns.

Each column says its header, the text shown and (when text would sort wrongly, e.g. dates or
numbers) the value to sort by. Every model answers SORT_ROLE for a sort proxy and ROW_ROLE for
the row object behind a line, so views never parse display text back. Models with special
behaviour (lazy paging, filtering in Python, the attendance grid) keep their own Qt code and
share only the role constants. `row_table` is the plain read-only table that shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

SORT_ROLE = Qt.UserRole + 1
ROW_ROLE = Qt.UserRole + 2
# Qt.DisplayRole as a plain int: data() and headerData() run for every painted cell and
# header section, and comparing an int with Qt's enum member costs more than the rest.
DISPLAY = int(Qt.DisplayRole)

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], object]  # usually str; a number shows as itself
    sort: Callable[[Any], object] | None = None  # None: sort by the text


class RowTableModel(QAbstractTableModel):
    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None, columns: Iterable[Column] | None = None):
        super().__init__(parent)
        if columns is not None:
            self.COLUMNS = tuple(columns)
        self.rows: list = []

    def set_rows(self, rows: Iterable | None) -> None:
        self.beginResetModel()
        self.rows = list(rows or ())
        self.endResetModel()

    def row_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        # The role first, as an int: Qt asks for every role of every section at each paint.
        if role == DISPLAY and orientation == Qt.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section].header
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == DISPLAY:
            return column.text(row)
        if role == SORT_ROLE:
            return (column.sort or column.text)(row)
        if role == ROW_ROLE:
            return row
        return self.role_data(row, index.column(), role)

    def role_data(self, row, column: int, role: int):
        """Other roles (colours, tooltips, alignment): None unless a model says otherwise."""
        return None


def row_table(model: QAbstractItemModel) -> QTableView:
    """A table of whole-row, single, read-only selection with shaded rows and no row numbers,
    as the registration lists show them."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    return table
