"""Each group's members counted, kept on the group row as enrolments change.

The Groups panel shows every group's member count: at national scale that is 122,000 enrolments
counted on each opening (~36 ms). With the count on the group (written in the same transaction
as the enrolment, by the ORM events below) the panel reads it with the group's own row.
Members are the enrolments whose status is in MEMBER_STATUSES: dropping out or transferring
away takes a person off the count, completing or not completing does not.
Every change to enrolments through the ORM keeps it; code that writes enrolment rows with bulk
SQL (the demo builder, the participant import) calls `recount_members` afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from ..groups import MEMBER_STATUSES, Enrollment, Group
from .group_sessions import recount_group_sessions
from .orm_events import keep_count

_groups, _enrolments = Group.__table__, Enrollment.__table__
# The count is derived, not an edit of the group: its updated_at is left as it was (the column's
# onupdate would otherwise stamp every group the demo builder recounts, and each enrolment's).
_UNTOUCHED = {"updated_at": _groups.c.updated_at}
_MEMBER = _enrolments.c.status.in_(MEMBER_STATUSES)
# Every group's members counted afresh in one grouped query, for the check (wrong_counts.py).
RECOUNTED = (
    select(_enrolments.c.group_id, func.count().label("member_count"))
    .where(_MEMBER)
    .group_by(_enrolments.c.group_id)
)


def recount_members(connection: Connection, group_ids: Iterable[int] | None = None) -> None:
    """Count the members of every group (or of the groups `group_ids`) again from the
    enrolments, after they were written with bulk SQL; and their sessions' members on the day
    each was first held (group_sessions.py)."""
    counted = (
        select(func.count())
        .where(_enrolments.c.group_id == _groups.c.id)
        .where(_MEMBER)
        .scalar_subquery()
    )
    statement = update(_groups).values(member_count=counted, **_UNTOUCHED)
    if group_ids is not None:
        group_ids = list(group_ids)
        statement = statement.where(_groups.c.id.in_(group_ids))
    connection.execute(statement)
    recount_group_sessions(connection, group_ids)


def _add(connection: Connection, group_id: int | None, status: str | None, step: int) -> None:
    if group_id is None or status not in MEMBER_STATUSES:
        return
    connection.execute(
        update(_groups)
        .where(_groups.c.id == group_id)
        .values(member_count=_groups.c.member_count + step, **_UNTOUCHED)
    )


keep_count(Enrollment, "group_id", _add)
