"""Each group's sessions held (distinct curriculum sessions of its held meetings), kept on the
group row as meetings change.

The Groups panel shows "sessions held of N" for every group: at national scale a distinct count
over 62,000 meetings on each opening (~26 ms). A make-up meeting of a session already held does
not add one, so the count cannot be stepped like the member count: each change recounts the
group it touches, from its own meetings through the index on (group_id, status, session_id).
Every change to meetings through the ORM keeps it; code that writes meetings with bulk SQL (the
demo builder) calls `recount_sessions_held` afterwards.
"""

from __future__ import annotations

from sqlalchemy import bindparam, distinct, func, select, update
from sqlalchemy.engine import Connection

from ..groups import Group
from ..meetings import Meeting
from .group_sessions import recount_group_sessions
from .orm_events import recount_on_change

_groups, _meetings = Group.__table__, Meeting.__table__
# A derived figure, not an edit of the group: its updated_at stays as it was.
_UNTOUCHED = {"updated_at": _groups.c.updated_at}
_HELD, _SESSIONS = _meetings.c.status == "held", func.count(distinct(_meetings.c.session_id))
_HELD_OF_GROUP = (
    select(_SESSIONS).where(_meetings.c.group_id == _groups.c.id, _HELD).scalar_subquery()
)
# Every group's sessions held counted afresh in one grouped query, for the check (wrong_counts.py).
RECOUNTED = (
    select(_meetings.c.group_id, _SESSIONS.label("sessions_held"))
    .where(_HELD)
    .group_by(_meetings.c.group_id)
)
_RECOUNT_ONE = (
    update(_groups)
    .where(_groups.c.id == bindparam("group"))
    .values(sessions_held=_HELD_OF_GROUP, **_UNTOUCHED)
)
_WATCHED = ("status", "session_id")


def recount_sessions_held(connection: Connection) -> None:
    """Count every group's sessions held again from the meetings (after bulk writes), and
    each session's figures kept for the dashboard (group_sessions.py)."""
    connection.execute(update(_groups).values(sessions_held=_HELD_OF_GROUP, **_UNTOUCHED))
    recount_group_sessions(connection)


def _recount(connection: Connection, group_id: int) -> None:
    connection.execute(_RECOUNT_ONE, {"group": group_id})


recount_on_change(Meeting, "group_id", "held", _WATCHED, _recount)
