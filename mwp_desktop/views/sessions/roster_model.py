"""The roster of one meeting while attendance is taken: each man with the mark he will get.

A man not marked yet shows as Present, pale, because that is what "Meeting held" saves for him.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.sessions.attendance import Roster
from ..shared.table_model import ROW_ROLE, SORT_ROLE
from .register_model import STATUS_COLOURS, STATUS_ROLE, STATUS_WORDS

NO_PARENT = QModelIndex()  # the invisible root, as a default argument

PREFILLED = "present"


class RosterModel(QAbstractTableModel):
    HEADERS = ("Participant", "Code", "Mark")
    NAME, CODE, MARK = range(3)

    def __init__(self, roster: Roster, parent=None):
        super().__init__(parent)
        self.roster = roster
        self.marks = {e.participant_id: e.status for e in roster.entries}
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.roster.entries)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def shown_status(self, row: int) -> str:
        """The saved mark, or Present: what will be saved when the meeting is finished."""
        return self.marks[self.roster.entries[row].participant_id] or PREFILLED

    def record(self, row: int, status: str | None) -> None:
        self.marks[self.roster.entries[row].participant_id] = status
        first, last = self.index(row, 0), self.index(row, self.columnCount() - 1)
        self.dataChanged.emit(first, last)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        entry = self.roster.entries[index.row()]
        saved = self.marks[entry.participant_id]
        status = saved or PREFILLED
        column = index.column()
        if role == ROW_ROLE:
            return entry
        if role in (STATUS_ROLE,):
            return saved or ""
        if role == Qt.DisplayRole or role == SORT_ROLE:
            if column == self.NAME:
                return entry.name
            if column == self.CODE:
                return entry.code
            return STATUS_WORDS[status] if saved else f"{STATUS_WORDS[status]} (pre-filled)"
        if role == Qt.BackgroundRole and column == self.MARK:
            colour = QColor(STATUS_COLOURS[status])
            return QBrush(colour if saved else colour.lighter(112))
        if role == Qt.FontRole and column == self.MARK and saved:
            return self._bold
        if role == Qt.ToolTipRole and column == self.MARK and not saved:
            return "Saved as Present when you press Meeting held"
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return self.HEADERS[section]
        return str(section + 1)

    def flags(self, index):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags
