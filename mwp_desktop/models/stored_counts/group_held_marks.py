"""Each group's marks at its held meetings, and how many of them say present or late, kept on
the group row as marks and meetings change.

The Groups panel shows every group's attendance rate. Summed from the held meetings' mark
counts on each opening, that read 204,000 meetings at four times national scale (~100 ms after
the list was shown, and a second paint). A mark steps its meeting's group while that meeting is
held; a meeting that changes group, status or mark counts recounts the groups it touches from
their held meetings' mark counts (meeting_marks.py), through the index on (group_id, status,
session_id, marks_…), so the order of marks and meetings within one flush does not matter.
Code that writes marks or meetings with bulk SQL calls `recount_marks`, which recounts these too.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection

from ..groups import Group
from ..meetings import ATTENDANCE_STATUSES, Attendance, Meeting
from .orm_events import keep_count, recount_on_change

ATTENDED = ("present", "late")
_groups, _meetings, _marks = Group.__table__, Meeting.__table__, Attendance.__table__
# A derived figure, not an edit of the group: its updated_at stays as it was.
_UNTOUCHED = {"updated_at": _groups.c.updated_at}
_MARK_COUNTS = ("marks_present", "marks_late", "marks_excused", "marks_absent")
_WATCHED = ("status", *_MARK_COUNTS)


def _held_sum(*columns: str):
    """The sum of these mark counts over the held meetings of the group on the row updated."""
    total = sum((_meetings.c[c] for c in columns[1:]), _meetings.c[columns[0]])
    summed = select(func.coalesce(func.sum(total), 0)).where(
        _meetings.c.group_id == _groups.c.id, _meetings.c.status == "held"
    )
    return summed.scalar_subquery()


_RECOUNT = {
    "held_marks": _held_sum(*_MARK_COUNTS),
    "held_marks_attended": _held_sum("marks_present", "marks_late"),
}
_RECOUNT_ONE = (
    update(_groups).where(_groups.c.id == bindparam("group")).values(**_RECOUNT, **_UNTOUCHED)
)
_attended_filter = _marks.c.status.in_(ATTENDED)
# Every group's counts worked out afresh from the marks themselves, for the check (wrong_counts.py).
RECOUNTED = (
    select(
        _meetings.c.group_id,
        func.count().label("held_marks"),
        func.count().filter(_attended_filter).label("held_marks_attended"),
    )
    .join_from(_marks, _meetings, _meetings.c.id == _marks.c.meeting_id)
    .where(_meetings.c.status == "held", _marks.c.status.in_(ATTENDANCE_STATUSES))
    .group_by(_meetings.c.group_id)
)


def recount_held_marks(connection: Connection) -> None:
    """Every group's counts again from its meetings' mark counts (recount_marks calls it)."""
    connection.execute(update(_groups).values(**_RECOUNT, **_UNTOUCHED))


def _step(connection: Connection, meeting_id: int | None, status: str | None, step: int) -> None:
    if meeting_id is None or status not in ATTENDANCE_STATUSES:
        return
    held_group = (
        select(_meetings.c.group_id)
        .where(_meetings.c.id == meeting_id, _meetings.c.status == "held")
        .scalar_subquery()
    )
    attended = step if status in ATTENDED else 0
    connection.execute(
        update(_groups)
        .where(_groups.c.id == held_group)
        .values(
            held_marks=_groups.c.held_marks + step,
            held_marks_attended=_groups.c.held_marks_attended + attended,
            **_UNTOUCHED,
        )
    )


keep_count(Attendance, "meeting_id", _step)


def _recount(connection: Connection, group_id: int) -> None:
    connection.execute(_RECOUNT_ONE, {"group": group_id})


recount_on_change(Meeting, "group_id", "held", _WATCHED, _recount)
