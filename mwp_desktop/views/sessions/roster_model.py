"""The roster of one meeting while attendance is taken: each man with the mark he will get.

A man not marked yet shows as Present, pale, because that is what "Meeting held" saves for him.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QFont

from ...services.sessions.attendance import Roster, RosterEntry
from ..shared.table_model import BACKGROUND, FIT, FONT, STRETCH, Column, RowTableModel
from .register_model import STATUS_COLOURS, STATUS_ROLE, STATUS_WORDS

PREFILLED = "present"


class RosterModel(RowTableModel):
    NAME, CODE, MARK = range(3)

    def __init__(self, roster: Roster, parent=None):
        super().__init__(parent)
        self.roster = roster
        self.rows = list(roster.entries)
        self.marks = {e.participant_id: e.status for e in roster.entries}
        self._bold = QFont()
        self._bold.setBold(True)
        # The model's own columns: the mark reads the marks saved while the dialog is open.
        self.columns = (
            Column("Participant", lambda e: e.name, width=STRETCH),
            Column("Code", lambda e: e.code, width=FIT),
            Column("Mark", self._mark_text, width=170, tip=self._mark_tip),
        )

    def shown_status(self, row: int) -> str:
        """The saved mark, or Present: what will be saved when the meeting is finished."""
        return self.marks[self.rows[row].participant_id] or PREFILLED

    def record(self, row: int, status: str | None) -> None:
        self.marks[self.rows[row].participant_id] = status
        first, last = self.index(row, 0), self.index(row, self.columnCount() - 1)
        self.dataChanged.emit(first, last)

    def _mark_text(self, entry: RosterEntry) -> str:
        saved = self.marks[entry.participant_id]
        word = STATUS_WORDS[saved or PREFILLED]
        return word if saved else f"{word} (pre-filled)"

    def _mark_tip(self, entry: RosterEntry) -> str | None:
        if self.marks[entry.participant_id]:
            return None
        return "Saved as Present when you press Meeting held"

    def role_data(self, entry: RosterEntry, column: int, role: int):
        saved = self.marks[entry.participant_id]
        if role == STATUS_ROLE:
            return saved or ""
        if column != self.MARK:
            return None
        if role == BACKGROUND:
            colour = QColor(STATUS_COLOURS[saved or PREFILLED])
            return QBrush(colour if saved else colour.lighter(112))
        if role == FONT and saved:
            return self._bold
        return None
