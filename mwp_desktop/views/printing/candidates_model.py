"""The men of a group who may get a certificate, with a tick for who to print."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...services.certificates import Candidate

COL_NAME, COL_CODE, COL_ATTENDED, COL_STANDING, COL_SERIAL = range(5)
HEADERS = ("Name", "Code", "Attended", "Standing", "Serial")
SORT_ROLE = Qt.UserRole + 1
ROW_ROLE = Qt.UserRole + 2
ROOT = QModelIndex()


def standing(candidate: Candidate) -> str:
    if candidate.enrollment_status in ("dropped", "transferred"):
        return candidate.enrollment_status.capitalize()
    if candidate.eligible:
        return "Completes"
    return f"Short by {candidate.required - candidate.sessions_attended}"


class CandidatesModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Candidate] = []
        self._ticked: set[int] = set()

    def set_candidates(self, rows: list[Candidate]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._ticked = {c.participant_id for c in rows if c.eligible}
        self.endResetModel()

    def ticked(self) -> list[Candidate]:
        return [c for c in self._rows if c.participant_id in self._ticked]

    def candidate(self, row: int) -> Candidate:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == COL_NAME and self._rows[index.row()].eligible:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return c
        if role == Qt.CheckStateRole and column == COL_NAME:
            if not c.eligible:
                return None
            return Qt.Checked if c.participant_id in self._ticked else Qt.Unchecked
        if role in (Qt.DisplayRole, SORT_ROLE):
            values = (
                c.name,
                c.code,
                c.sessions_attended,
                standing(c),
                c.serial or ("—" if role == Qt.DisplayRole else ""),
            )
            return values[column]
        if role == Qt.ForegroundRole and column == COL_STANDING and not c.eligible:
            from PySide6.QtGui import QColor

            return QColor("#a35a00")
        return None

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or index.column() != COL_NAME:
            return False
        c = self._rows[index.row()]
        if not c.eligible:
            return False
        if Qt.CheckState(value) == Qt.Checked:
            self._ticked.add(c.participant_id)
        else:
            self._ticked.discard(c.participant_id)
        self.dataChanged.emit(index, index, [Qt.CheckStateRole])
        return True
