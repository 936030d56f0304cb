"""The register as a table: a row per member, a column per meeting, then the member's total.

The header of each meeting column shows the session, the day and the column total, so the
totals stay in view however far the list scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.sessions.attendance import STATUS_LETTERS, Register, RegisterColumn, RegisterRow
from ..shared.table_model import ROW_ROLE, SORT_ROLE

NO_PARENT = QModelIndex()  # the invisible root, as a default argument

STATUS_COLOURS = {
    "present": "#bfe3c9",
    "late": "#f8e19a",
    "excused": "#cadcf5",
    "absent": "#f3b8b1",
}
STATUS_WORDS = {"present": "Present", "late": "Late", "excused": "Excused", "absent": "Absent"}
NOT_MEMBER_COLOUR = "#e2e6e8"
CANCELLED_COLOUR = "#eceff0"
NAME_COLUMN = 0
TOTAL_COLUMN = 1  # beside the name, so it stays in view however many meetings there are
FIRST_MEETING_COLUMN = 2
MEETING_ROLE = Qt.UserRole + 3
STATUS_ROLE = Qt.UserRole + 4

_brushes = {key: QBrush(QColor(value)) for key, value in STATUS_COLOURS.items()}
_grey = QBrush(QColor(NOT_MEMBER_COLOUR))
_cancelled = QBrush(QColor(CANCELLED_COLOUR))
_muted = QBrush(QColor("#7b8a90"))


class RegisterModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.register: Register | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading and local updates ----------------------------------------------------------

    def load(self, register: Register | None) -> None:
        self.beginResetModel()
        self.register = register
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT) -> int:
        if parent.isValid() or self.register is None:
            return 0
        return len(self.register.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        if parent.isValid() or self.register is None:
            return 0
        return len(self.register.columns) + FIRST_MEETING_COLUMN  # name, total, meetings…

    def total_column(self) -> int:
        return TOTAL_COLUMN

    def row_at(self, index: QModelIndex) -> RegisterRow | None:
        if self.register is None or not index.isValid():
            return None
        return self.register.rows[index.row()]

    def column_at(self, column: int) -> RegisterColumn | None:
        position = column - FIRST_MEETING_COLUMN
        if self.register is None or not 0 <= position < len(self.register.columns):
            return None
        return self.register.columns[position]

    def column_of_meeting(self, meeting_id: int) -> int | None:
        if self.register is None:
            return None
        for number, column in enumerate(self.register.columns, start=FIRST_MEETING_COLUMN):
            if column.meeting_id == meeting_id:
                return number
        return None

    def editable(self, index: QModelIndex) -> bool:
        row, column = self.row_at(index), self.column_at(index.column())
        return (
            row is not None
            and column is not None
            and not column.locked
            and self.register.counts(row, column)
        )

    def record(self, index: QModelIndex, status: str | None) -> None:
        """Show a mark the service has saved, with the totals it changes."""
        row, column = self.row_at(index), self.column_at(index.column())
        key = (row.participant_id, column.meeting_id)
        if status is None:
            self.register.marks.pop(key, None)
        else:
            self.register.marks[key] = status
        self.dataChanged.emit(index, index)
        total = self.index(index.row(), self.total_column())
        self.dataChanged.emit(total, total)
        self.headerDataChanged.emit(Qt.Horizontal, index.column(), index.column())

    # -- data -------------------------------------------------------------------------------

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or self.register is None:
            return None
        row = self.register.rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return row
        if col == NAME_COLUMN:
            return self._name_data(row, role)
        if col == self.total_column():
            return self._total_data(row, role)
        column = self.register.columns[col - FIRST_MEETING_COLUMN]
        status = self.register.mark(row.participant_id, column.meeting_id)
        member = self.register.counts(row, column)
        if role == Qt.DisplayRole:
            if column.meeting.status == "cancelled":
                return "×"
            if not member:
                return "–"
            return STATUS_LETTERS.get(status, "")
        if role in (STATUS_ROLE, SORT_ROLE):
            return status or ""
        if role == MEETING_ROLE:
            return column.meeting_id
        if role == Qt.BackgroundRole:
            if column.meeting.status == "cancelled":
                return _cancelled
            if not member:
                return _grey
            return _brushes.get(status)
        if role == Qt.ForegroundRole and column.locked:
            return _muted
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.FontRole and status:
            return self._bold
        if role == Qt.ToolTipRole:
            return self._cell_tip(row, column, status, member)
        return None

    def _name_data(self, row: RegisterRow, role: int):
        if role == Qt.DisplayRole:
            return row.name
        if role == SORT_ROLE:
            return row.name.casefold()
        if role == Qt.ToolTipRole:
            status = row.enrollment_status.replace("_", " ")
            return f"{row.name} · {row.code} · {row.phone or 'no phone'} · {status}"
        if role == Qt.ForegroundRole and row.enrollment_status in ("dropped", "transferred"):
            return _muted
        return None

    def _total_data(self, row: RegisterRow, role: int):
        total = self.register.row_total(row)
        eligible = self.register.eligible(row)
        if role == Qt.DisplayRole:
            return f"✓ {total.text}" if eligible else total.text
        if role == SORT_ROLE:
            return total.attended
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole:
            verdict = (
                "enough to complete: eligible for a certificate"
                if eligible
                else f"needs {self.register.required} sessions to complete"
            )
            return (
                f"{total.attended} sessions attended of {total.held} held · "
                f"{total.excused} excused · {total.absent} absent · {verdict}"
            )
        if role == Qt.ForegroundRole and eligible:
            return QBrush(QColor("#1e6b4f"))
        return None

    def _cell_tip(self, row, column: RegisterColumn, status, member) -> str:
        meeting = column.meeting
        day = meeting.date.strftime("%d/%m/%Y")
        lines = [f"{row.name} — session {column.label} on {day}"]
        if meeting.status == "cancelled":
            lines.append(f"Cancelled: {meeting.cancel_reason}")
        elif not member:
            lines.append("Not a member of the group on that day")
        else:
            lines.append(STATUS_WORDS.get(status, "Not marked"))
        if column.locked:
            lines.append("Locked: ask a supervisor to correct it")
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if self.register is None:
            return None
        if orientation == Qt.Vertical:
            if role == Qt.DisplayRole and 0 <= section < len(self.register.rows):
                return str(section + 1)
            return None
        if section == NAME_COLUMN:
            return "Participant" if role == Qt.DisplayRole else None
        if section == self.total_column():
            if role == Qt.DisplayRole:
                return f"Attended\n(needs {self.register.required})"
            return None
        column = self.column_at(section)
        if column is None:
            return None
        meeting = column.meeting
        if role == Qt.DisplayRole:
            attended, expected = self.register.column_total(column)
            count = f"{attended}/{expected}" if meeting.status == "held" else _short(meeting.status)
            return f"{column.label}\n{meeting.date:%d/%m}\n{count}"
        if role == Qt.ToolTipRole:
            status = meeting.status
            if meeting.status == "held":
                attended, expected = self.register.column_total(column)
                status = f"held · {attended} of {expected} attended"
            return (
                f"Session {meeting.number}: {meeting.title}\n"
                f"{'Make-up meeting · ' if meeting.is_makeup else ''}"
                f"{meeting.date:%d/%m/%Y} · {status}"
            )
        if role == Qt.ForegroundRole and meeting.status != "held":
            return _muted
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable


def _short(status: str) -> str:
    return {"planned": "plan", "postponed": "post", "cancelled": "canc"}.get(status, status)
