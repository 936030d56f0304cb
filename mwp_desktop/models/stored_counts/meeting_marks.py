"""Each meeting's marks counted by status, kept on the meeting row as the marks change.

The dashboard sums attendance over every meeting held in a year: at national scale that is
hundreds of thousands of marks per refresh. With the four counts on the meeting (written in the
same transaction as the mark, by the ORM events below) it reads one row per meeting instead.
Every change to attendance through the ORM keeps them; code that writes attendance rows with
bulk SQL (the demo builder) calls `recount_marks` afterwards.
"""

from __future__ import annotations

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection

from ..meetings import ATTENDANCE_STATUSES, Attendance, Meeting
from .group_held_marks import recount_held_marks
from .orm_events import keep_count

COUNT_COLUMNS = {status: f"marks_{status}" for status in ATTENDANCE_STATUSES}


def recount_marks(connection: Connection) -> None:
    """Count every meeting's marks again from the attendance table (after bulk writes), and
    from them each group's marks at its held meetings (group_held_marks.py)."""
    connection.execute(text(RECOUNT_SQL))
    recount_held_marks(connection)


RECOUNT_SQL = "UPDATE meetings SET " + ", ".join(
    f"{column} = (SELECT count(*) FROM attendance "
    f"WHERE attendance.meeting_id = meetings.id AND attendance.status = '{status}')"
    for status, column in COUNT_COLUMNS.items()
)
_marks = Attendance.__table__
# Every meeting's marks counted afresh in one grouped query, for the check (wrong_counts.py).
RECOUNTED = select(
    _marks.c.meeting_id,
    *(
        func.count().filter(_marks.c.status == status).label(column)
        for status, column in COUNT_COLUMNS.items()
    ),
).group_by(_marks.c.meeting_id)


def _add(connection: Connection, meeting_id: int | None, status: str | None, step: int) -> None:
    column = COUNT_COLUMNS.get(status or "")
    if meeting_id is None or column is None:
        return
    counted = Meeting.__table__.c[column]
    connection.execute(
        update(Meeting.__table__)
        .where(Meeting.__table__.c.id == meeting_id)
        .values({counted: counted + step})
    )


keep_count(Attendance, "meeting_id", _add)
