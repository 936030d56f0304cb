"""Every table model, written one way: rows shown through columns.

A `Column` says all there is about one column of a table: its title, the text of a cell, what
it sorts by when the text would sort wrongly (dates, numbers), its width and its alignment.
`TableModel` answers Qt from the columns; a model says only how many lines it has and which row
object is on each (`cell_row`), plus what is its own: lazy paging, filtering, the attendance
grid, tick boxes, and any other role (`role_data`). `RowTableModel` is the plain case, a list of
rows shown as they are (sorted, where a table sorts, by a proxy on SORT_ROLE). Every model
answers SORT_ROLE and ROW_ROLE, so views never parse display text back. `apply_columns` gives a
view the widths the columns ask for; `row_table` is the plain read-only table.

Speed, for every model at once. Qt calls data() for each role (about ten) of each painted cell
and headerData() for each role of each header section at every paint: thousands of calls as
the user scrolls 4,000 groups. So
- roles are compared as plain ints (the constants below): comparing Qt's int role with one of
  its enum members costs more than the rest of the call;
- a cell's text is made when the cell is painted, never for every row up front: the Groups
  panel used to dress 4,000 rows nobody had seen yet (~0.3 s at national scale);
- a model that sorts its own rows (groups) makes a column's keys (`Column.key`) once, when the
  column is first sorted on, and keeps them until the rows change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from .fit_columns import fit_when_rows_change

DISPLAY = int(Qt.DisplayRole)
ALIGN = int(Qt.TextAlignmentRole)
TOOLTIP = int(Qt.ToolTipRole)
BACKGROUND = int(Qt.BackgroundRole)
FOREGROUND = int(Qt.ForegroundRole)
FONT = int(Qt.FontRole)
CHECK_STATE = int(Qt.CheckStateRole)
SORT_ROLE = int(Qt.UserRole) + 1
ROW_ROLE = int(Qt.UserRole) + 2
_HORIZONTAL = Qt.Horizontal

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)  # figures, so their digits line up
CENTER = int(Qt.AlignCenter)

FIT = "fit"  # as wide as its widest cell, measured when the rows change (fit_columns.py)
STRETCH = "stretch"  # shares the width left over with the table's other stretching columns


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], object]  # usually str; a number shows as itself
    sort: Callable[[Any], object] | None = None  # None: by the text, case aside
    width: int | str | None = None  # pixels, FIT or STRETCH; None: Qt's default
    fixed: bool = False  # a width in pixels the user cannot drag
    align: int | None = None  # RIGHT for figures; None: Qt's, on the left
    tip: Callable[[Any], str] | None = None  # the cell's tooltip

    def key(self, row) -> object:
        """What a cell sorts by."""
        if self.sort is not None:
            return self.sort(row)
        text = self.text(row)
        return text.casefold() if isinstance(text, str) else text


class TableModel(QAbstractTableModel):
    """A read-only table of rows through `columns`. A model gives rowCount() and cell_row();
    row_at() when the row it hands out is not the one its cells read."""

    columns: tuple[Column, ...] = ()

    def cell_row(self, line: int):
        """The row object a line's cells are read from; None past the end."""
        raise NotImplementedError

    def row_at(self, line: int):
        """The row of a line, as the rest of the program gets it (selection, ROW_ROLE)."""
        return self.cell_row(line)

    def row_of(self, row_id: int) -> int:
        """The line of the row with this id; -1 when it is not shown."""
        for line in range(self.rowCount()):
            if self.cell_row(line).id == row_id:
                return line
        return -1

    def role_data(self, row, column: int, role: int):
        """Other roles (colours, fonts, tick boxes, whole-row tooltips): None unless a model
        says otherwise."""
        return None

    # -- Qt model ---------------------------------------------------------------------------

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role: int = DISPLAY):
        if role != DISPLAY:
            return None
        if orientation == _HORIZONTAL:
            columns = self.columns
            return columns[section].title if 0 <= section < len(columns) else None
        return str(section + 1)  # line numbers, where a table shows them (the registers)

    def data(self, index: Index, role: int = DISPLAY):
        row = self.cell_row(index.row())  # an invalid index has row -1: None
        if row is None:
            return None
        column = index.column()
        if role == DISPLAY:
            return self.columns[column].text(row)
        if role == ALIGN:
            return self.columns[column].align
        if role == TOOLTIP:
            tip = self.columns[column].tip
            if tip is not None:
                return tip(row)
        elif role == SORT_ROLE:
            return self.columns[column].key(row)
        elif role == ROW_ROLE:
            return self.row_at(index.row())
        return self.role_data(row, column, role)


class RowTableModel(TableModel):
    """A list of rows, shown in the order given."""

    def __init__(self, parent=None, columns: Iterable[Column] | None = None):
        super().__init__(parent)
        if columns is not None:
            self.columns = tuple(columns)
        self.rows: list = []

    def set_rows(self, rows: Iterable | None) -> None:
        self.beginResetModel()
        self.rows = list(rows or ())
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def cell_row(self, line: int):
        rows = self.rows
        return rows[line] if 0 <= line < len(rows) else None

    row_at = cell_row


_MODES = {FIT: QHeaderView.Interactive, STRETCH: QHeaderView.Stretch}


def apply_columns(table: QTableView) -> None:
    """Size a table's columns as its model's columns say (through a sort proxy, if any): the
    columns alone decide which stretch, so the last one does not unless it says so."""
    model = table.model()
    while isinstance(model, QAbstractProxyModel):
        model = model.sourceModel()
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for number, column in enumerate(model.columns):
        width = column.width
        if isinstance(width, str):
            mode = _MODES[width]
        else:
            mode = QHeaderView.Fixed if column.fixed else QHeaderView.Interactive
        if header.sectionResizeMode(number) != mode:
            header.setSectionResizeMode(number, mode)
        if isinstance(width, int):
            header.resizeSection(number, width)
    fitted = [number for number, column in enumerate(model.columns) if column.width == FIT]
    if fitted:
        fit_when_rows_change(table, model, fitted)


def row_table(model: QAbstractItemModel) -> QTableView:
    """A table of whole-row, single, read-only selection with shaded rows and no row numbers,
    as the registration lists show them, its columns sized as they say."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    apply_columns(table)
    return table
