"""The register as a table: a row per member, a column per meeting, then the member's total.

The header of each meeting column shows the session, the day and the column total, so the
totals stay in view however far the list scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.registration.validation import display_phone
from ...services.sessions.attendance import STATUS_LETTERS, Register, RegisterColumn, RegisterRow
from ..shared.table_model import (
    BACKGROUND,
    CENTER,
    DISPLAY,
    FONT,
    FOREGROUND,
    RIGHT,
    ROOT,
    TOOLTIP,
    Column,
    Index,
    TableModel,
)

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
MEETING_ROLE = int(Qt.UserRole) + 3
STATUS_ROLE = int(Qt.UserRole) + 4

_brushes = {key: QBrush(QColor(value)) for key, value in STATUS_COLOURS.items()}
_grey = QBrush(QColor(NOT_MEMBER_COLOUR))
_cancelled = QBrush(QColor(CANCELLED_COLOUR))
_muted = QBrush(QColor("#7b8a90"))
_eligible = QBrush(QColor("#1e6b4f"))


class RegisterModel(TableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.register: Register | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading and local updates ----------------------------------------------------------

    def load(self, register: Register | None) -> None:
        self.beginResetModel()
        self.register = register
        self.columns = self._columns(register) if register is not None else ()
        self.endResetModel()

    def _columns(self, register: Register) -> tuple[Column, ...]:
        """Name, total, then a column per meeting, each reading the register's marks."""
        return (
            Column("Participant", lambda r: r.name, width=190, tip=_name_tip),
            Column(
                f"Attended\n(needs {register.required})",
                self._total_text,
                lambda r: register.row_total(r).attended,
                width=112,
                fixed=True,
                align=RIGHT,
                tip=self._total_tip,
            ),
            *(self._meeting_column(column) for column in register.columns),
        )

    def _meeting_column(self, column: RegisterColumn) -> Column:
        register = self.register
        meeting_id = column.meeting_id

        def text(row: RegisterRow) -> str:
            if column.meeting.status == "cancelled":
                return "×"
            if not register.counts(row, column):
                return "–"
            return STATUS_LETTERS.get(register.mark(row.participant_id, meeting_id), "")

        return Column(
            column.label,
            text,
            lambda row: register.mark(row.participant_id, meeting_id) or "",
            width=38,  # a letter under a number: 16 meetings fit 1280 pixels beside the names
            fixed=True,
            align=CENTER,
            tip=lambda row: self._cell_tip(row, column),
        )

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self.register is None:
            return 0
        return len(self.register.rows)

    def cell_row(self, line: int) -> RegisterRow | None:
        rows = self.register.rows if self.register is not None else ()
        return rows[line] if 0 <= line < len(rows) else None

    def total_column(self) -> int:
        return TOTAL_COLUMN

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

    def editable(self, index: Index) -> bool:
        row, column = self.row_at(index.row()), self.column_at(index.column())
        return (
            row is not None
            and column is not None
            and not column.locked
            and self.register.counts(row, column)
        )

    def record(self, index: Index, status: str | None) -> None:
        """Show a mark the service has saved, with the totals it changes."""
        row, column = self.row_at(index.row()), self.column_at(index.column())
        key = (row.participant_id, column.meeting_id)
        if status is None:
            self.register.marks.pop(key, None)
        else:
            self.register.marks[key] = status
        self.dataChanged.emit(index, index)
        total = self.index(index.row(), self.total_column())
        self.dataChanged.emit(total, total)
        self.headerDataChanged.emit(Qt.Horizontal, index.column(), index.column())

    # -- the cells: colours and fonts (text, alignment and tooltips are the columns') --------

    def role_data(self, row: RegisterRow, col: int, role: int):
        if col == NAME_COLUMN:
            if role == FOREGROUND and row.enrollment_status in ("dropped", "transferred"):
                return _muted
            return None
        if col == TOTAL_COLUMN:
            if role == FOREGROUND and self.register.eligible(row):
                return _eligible
            return None
        column = self.register.columns[col - FIRST_MEETING_COLUMN]
        status = self.register.mark(row.participant_id, column.meeting_id)
        if role == STATUS_ROLE:
            return status or ""
        if role == MEETING_ROLE:
            return column.meeting_id
        if role == BACKGROUND:
            if column.meeting.status == "cancelled":
                return _cancelled
            if not self.register.counts(row, column):
                return _grey
            return _brushes.get(status)
        if role == FOREGROUND and column.locked:
            return _muted
        if role == FONT and status:
            return self._bold
        return None

    def _total_text(self, row: RegisterRow) -> str:
        text = self.register.row_total(row).text
        return f"✓ {text}" if self.register.eligible(row) else text

    def _total_tip(self, row: RegisterRow) -> str:
        total = self.register.row_total(row)
        verdict = (
            "enough to complete: eligible for a certificate"
            if self.register.eligible(row)
            else f"needs {self.register.required} sessions to complete"
        )
        return (
            f"{total.attended} sessions attended of {total.held} held · "
            f"{total.excused} excused · {total.absent} absent · {verdict}"
        )

    def _cell_tip(self, row: RegisterRow, column: RegisterColumn) -> str:
        meeting = column.meeting
        day = meeting.date.strftime("%d/%m/%Y")
        lines = [f"{row.name} — session {column.label} on {day}"]
        if meeting.status == "cancelled":
            lines.append(f"Cancelled: {meeting.cancel_reason}")
        elif not self.register.counts(row, column):
            lines.append("Not a member of the group on that day")
        else:
            status = self.register.mark(row.participant_id, column.meeting_id)
            lines.append(STATUS_WORDS.get(status, "Not marked"))
        if column.locked:
            lines.append("Locked: ask a supervisor to correct it")
        return "\n".join(lines)

    # -- the meeting headers: the session, its day and how many came -------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        column = self.column_at(section) if orientation == Qt.Horizontal else None
        if column is None:
            return super().headerData(section, orientation, role)
        meeting = column.meeting
        if role == DISPLAY:
            attended, expected = self.register.column_total(column)
            count = f"{attended}/{expected}" if meeting.status == "held" else _short(meeting.status)
            return f"{column.label}\n{meeting.date:%d/%m}\n{count}"
        if role == TOOLTIP:
            status = meeting.status
            if meeting.status == "held":
                attended, expected = self.register.column_total(column)
                status = f"held · {attended} of {expected} attended"
            return (
                f"Session {meeting.number}: {meeting.title}\n"
                f"{'Make-up meeting · ' if meeting.is_makeup else ''}"
                f"{meeting.date:%d/%m/%Y} · {status}"
            )
        if role == FOREGROUND and meeting.status != "held":
            return _muted
        return None


def _name_tip(row: RegisterRow) -> str:
    status = row.enrollment_status.replace("_", " ")
    return f"{row.name} · {row.code} · {display_phone(row.phone) or 'no phone'} · {status}"


def _short(status: str) -> str:
    return {"planned": "plan", "postponed": "post", "cancelled": "canc"}.get(status, status)
