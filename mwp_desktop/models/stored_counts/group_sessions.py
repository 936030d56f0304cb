"""Each group's curriculum sessions held, one row per session number, with the figures the
dashboard's retention chart needs, kept as meetings, marks and enrolments change.

Retention (services/statistics/retention.py) asks, for every group that started in the
period and every session it has held: when was it first held, how many men came (a man at the
session and at its make-up counts once), and how many members the group had that day (men
transferred out leave from their transfer; dropped men stay). Worked out from the meetings,
marks and enrolments on each refresh, that read 109,000 meetings and joined 94,000 sessions to
the enrolments at four times national scale (~540 ms); kept here, it reads one row per group
and session.

A row covers every held meeting of the group with that session number: `first_held` and
`last_held` let the chart use the row only when all of them lie in its period, and count the
others from the meetings as before.

What changes a row, and so recounts its group (once per flush, from the group's own rows,
through their indexes): a meeting inserted, deleted or changed in group, status, session or
held day; a mark inserted, deleted or changed; an enrolment inserted, deleted or changed in
group, status or days. No service renumbers a curriculum's sessions. Code that writes these
tables with bulk SQL calls `recount_group_sessions` (recount_members and recount_sessions_held
do it for the groups they recount).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    Table,
    and_,
    delete,
    distinct,
    func,
    insert,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from ..base import Base
from ..curriculum import CurriculumSession
from ..groups import Enrollment
from ..meetings import Attendance, Meeting
from .orm_events import GroupsToRecount

ATTENDED = ("present", "late")

GROUP_SESSION_TOTALS = Table(
    "group_session_totals",
    Base.metadata,
    # Derived rows: they go with their group (which is only ever removed while it has none).
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("session_number", Integer, primary_key=True),
    Column("first_held", Date, nullable=False),
    Column("last_held", Date, nullable=False),
    Column("meetings", Integer, nullable=False),
    Column("attended", Integer, nullable=False),  # distinct men present or late
    Column("members", Integer, nullable=False),  # members on the day it was first held
    # Kept in key order with every column (SQLite): a group's rows are one range of the key.
    sqlite_with_rowid=False,
)
COUNTED_COLUMNS = ("first_held", "last_held", "meetings", "attended", "members")

_meetings, _marks, _enrolments = Meeting.__table__, Attendance.__table__, Enrollment.__table__
_sessions = CurriculumSession.__table__


def members_on(group_id, day):
    """The group's members on `day`: enrolments begun by then, less those transferred out by
    then (a dropped man stays counted: retention measures the men the group set out with)."""
    enrolled = (
        select(func.count())
        .where(_enrolments.c.group_id == group_id, _enrolments.c.enrolled_on <= day)
        .scalar_subquery()
    )
    transferred = (
        select(func.count())
        .where(
            _enrolments.c.group_id == group_id,
            _enrolments.c.status == "transferred",
            _enrolments.c.ended_on <= day,
        )
        .scalar_subquery()
    )
    return enrolled - transferred


def counted(groups=None):
    """Every row worked out afresh from the meetings, marks and enrolments, for the groups of
    the condition `groups` (on meetings.group_id) or for all."""
    marks = aliased(_marks)
    per_session = (
        select(
            _meetings.c.group_id.label("group_id"),
            _sessions.c.number.label("session_number"),
            func.min(_meetings.c.held_date).label("first_held"),
            func.max(_meetings.c.held_date).label("last_held"),
            func.count(distinct(_meetings.c.id)).label("meetings"),
            func.count(distinct(marks.c.participant_id)).label("attended"),
        )
        .join(_sessions, _sessions.c.id == _meetings.c.session_id)
        .outerjoin(marks, and_(marks.c.meeting_id == _meetings.c.id, marks.c.status.in_(ATTENDED)))
        .where(_meetings.c.status == "held", *(() if groups is None else (groups,)))
        .group_by(_meetings.c.group_id, _sessions.c.number)
        .subquery()
    )
    return select(
        *per_session.c,
        members_on(per_session.c.group_id, per_session.c.first_held).label("members"),
    )


def recount_group_sessions(connection: Connection, group_ids: Iterable[int] | None = None) -> None:
    """The rows of every group (or of the groups `group_ids`) again from their meetings, marks
    and enrolments."""
    table = GROUP_SESSION_TOTALS
    if group_ids is None:
        connection.execute(delete(table))
        connection.execute(insert(table).from_select(list(table.c.keys()), counted()))
        return
    ids = sorted(set(group_ids))
    if not ids:
        return
    connection.execute(delete(table).where(table.c.group_id.in_(ids)))
    connection.execute(
        insert(table).from_select(list(table.c.keys()), counted(_meetings.c.group_id.in_(ids)))
    )


def wrong_rows(connection: Connection) -> list[tuple[int, int, str, object, object]]:
    """(group id, session number, column, stored, recounted) for every stored value that differs
    from a recount; a row missing on one side differs in every column ("nothing" there).

    One statement, so a change committed meanwhile is in both sides or in neither; the recount
    is worked out once for both halves (a common table expression used twice)."""
    table, fresh = GROUP_SESSION_TOTALS, counted().cte("recounted")
    on = and_(
        fresh.c.group_id == table.c.group_id, fresh.c.session_number == table.c.session_number
    )
    differs = or_(*(table.c[c].is_distinct_from(fresh.c[c]) for c in COUNTED_COLUMNS))
    both = [x for c in COUNTED_COLUMNS for x in (table.c[c], fresh.c[c])]
    stored_side = (
        select(table.c.group_id, table.c.session_number, *both)
        .outerjoin_from(table, fresh, on)
        .where(differs)
    )
    fresh_only = (
        select(fresh.c.group_id, fresh.c.session_number, *both)
        .outerjoin_from(fresh, table, on)
        .where(table.c.group_id.is_(None))
    )
    wrong = []
    rows = connection.execute(union_all(stored_side, fresh_only)).all()
    for group_id, number, *values in sorted(rows, key=lambda row: (row[0], row[1])):
        for column, stored, recounted in zip(
            COUNTED_COLUMNS, values[0::2], values[1::2], strict=True
        ):
            if stored != recounted:
                wrong.append((group_id, number, column, _said(stored), _said(recounted)))
    return wrong


def _said(value):
    return "nothing" if value is None else value


# ---------------------------------------------------------------- kept by the ORM's flush

_MEETING_KEYS = ("group_id", "status", "session_id", "held_date")
_MARK_KEYS = ("meeting_id", "participant_id", "status")
_ENROLMENT_KEYS = ("group_id", "status", "enrolled_on", "ended_on")

_due = GroupsToRecount("group_sessions", _meetings, recount_group_sessions)
_due.follow(Meeting, "group_id", _MEETING_KEYS, counts=lambda meeting: meeting.status == "held")
_due.follow(Attendance, "meeting_id", _MARK_KEYS, through=True)
_due.follow(Enrollment, "group_id", _ENROLMENT_KEYS)
