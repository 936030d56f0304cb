"""A mark refused because the meeting was before the man joined: offer to move his joining
date back, rather than only refuse.

Offices type the paper list in after the first meeting, so a man's recorded joining day is often
later than the sessions he came to. Asked, the office moves it back to the meeting and the mark
is saved; a man who really joined later is left as he is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...services.registration.enrollments import move_joining_date
from ...services.sessions.attendance import RegisterColumn, RegisterRow
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed


def joined_after(row: RegisterRow, column: RegisterColumn) -> bool:
    """True when the only thing between this cell and a mark is that he joined after it."""
    if column.locked or column.meeting.status == "cancelled" or not row.periods:
        return False
    return column.meeting.date < min(start for start, _end in row.periods)


def move_joining_back(
    parent: QWidget, context: AppContext, group_id: int, row: RegisterRow, column: RegisterColumn
) -> bool:
    """Ask, then move his joining date back to the meeting's day; True once moved."""
    day, joined = column.meeting.date, min(start for start, _end in row.periods)
    question = (
        f"Session {column.label} ({day:%d/%m/%Y}) was before {row.name} joined the group "
        f"({joined:%d/%m/%Y}).\n\nMove his joining date back to {day:%d/%m/%Y} and save the mark?"
    )
    answer = QMessageBox.question(
        parent, "Attendance", question, QMessageBox.Yes | QMessageBox.No, QMessageBox.No
    )
    if answer != QMessageBox.Yes:
        return False
    return operations.change(
        parent, context,
        lambda session, actor: move_joining_date(session, actor, row.participant_id, group_id, day),
        changes=Changed.MEMBERSHIPS, title="Attendance", initiator=parent,
    ).ok  # fmt: skip
