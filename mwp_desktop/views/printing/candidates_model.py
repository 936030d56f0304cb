"""The men of a group who may get a certificate, with a tick for who to print."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ...services.documents.certificate_candidates import Candidate
from ..shared.table_model import CHECK_STATE, FIT, FOREGROUND, RIGHT, STRETCH, Column, RowTableModel

COL_NAME, COL_CODE, COL_ATTENDED, COL_STANDING, COL_SERIAL = range(5)


def standing(candidate: Candidate) -> str:
    if candidate.enrollment_status in ("dropped", "transferred"):
        return candidate.enrollment_status.capitalize()
    if candidate.eligible:
        return "Completes"
    return f"Short by {candidate.required - candidate.sessions_attended}"


class CandidatesModel(RowTableModel):
    columns = (
        Column("Name", lambda c: c.name, width=STRETCH),
        Column("Code", lambda c: c.code, width=FIT),
        Column("Attended", lambda c: c.sessions_attended, width=FIT, align=RIGHT),
        Column("Standing", standing, width=FIT),
        Column("Serial", lambda c: c.serial or "—", lambda c: c.serial or "", width=FIT),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ticked: set[int] = set()

    def set_candidates(self, rows: list[Candidate]) -> None:
        self._ticked = {c.participant_id for c in rows if c.eligible}
        self.set_rows(rows)

    def ticked(self) -> list[Candidate]:
        return [c for c in self.rows if c.participant_id in self._ticked]

    def candidate(self, row: int) -> Candidate:
        return self.rows[row]

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == COL_NAME and self.rows[index.row()].eligible:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def role_data(self, c: Candidate, column: int, role: int):
        if role == CHECK_STATE and column == COL_NAME:
            if not c.eligible:
                return None
            return Qt.Checked if c.participant_id in self._ticked else Qt.Unchecked
        if role == FOREGROUND and column == COL_STANDING and not c.eligible:
            from PySide6.QtGui import QColor

            return QColor("#a35a00")
        return None

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != CHECK_STATE or index.column() != COL_NAME:
            return False
        c = self.rows[index.row()]
        if not c.eligible:
            return False
        if Qt.CheckState(value) == Qt.Checked:
            self._ticked.add(c.participant_id)
        else:
            self._ticked.discard(c.participant_id)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True
