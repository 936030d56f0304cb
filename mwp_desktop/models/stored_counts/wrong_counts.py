"""Stored counts that differ from a recount of the rows they count: what `mwp-desktop check`
reports.

Each kind of count is recounted in one grouped query beside its stored value (not one query per
group or meeting: a national database has 62,000 meetings and 1.5 million marks), and stored and
recounted are read by the same statement, so a change committed meanwhile is seen in both or
in neither.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import NamedTuple

from sqlalchemy import Select, Table, func, or_, select
from sqlalchemy.engine import Connection

from ..groups import Group
from ..meetings import Meeting
from ..surveys import SurveyResponse
from . import (
    group_held_marks,
    group_members,
    group_sessions,
    meeting_marks,
    sessions_held,
    survey_sessions,
)

# Each kind of stored count: the table it is stored on, and its recount grouped by that table's
# id (the first column; each other column named as the stored count it recounts).
_KINDS: tuple[tuple[Table, Select], ...] = (
    (Group.__table__, group_members.RECOUNTED),
    (Group.__table__, sessions_held.RECOUNTED),
    (Group.__table__, group_held_marks.RECOUNTED),
    (Meeting.__table__, meeting_marks.RECOUNTED),
    (SurveyResponse.__table__, survey_sessions.RECOUNTED),
)


class WrongCount(NamedTuple):
    table: str
    column: str
    record_id: int
    stored: int | date | str  # "nothing": a row kept per group and session is missing
    recounted: int | date | str


def wrong_counts(connection: Connection) -> list[WrongCount]:
    """Every stored count that differs from its recount, by kind, then record id, then column."""
    wrong: list[WrongCount] = []
    for owner, recounted in _KINDS:
        wrong.extend(_wrong_of_kind(connection, owner, recounted.subquery()))
    # Kept per group and session number: named by the group's id, the session in the column.
    wrong.extend(
        WrongCount(group_sessions.GROUP_SESSION_TOTALS.name, f"{column} (session {number})",
                   group_id, stored, recounted)
        for group_id, number, column, stored, recounted in group_sessions.wrong_rows(connection)
    )  # fmt: skip
    return wrong


def _wrong_of_kind(connection: Connection, owner: Table, recount) -> list[WrongCount]:
    owner_id, *counts = recount.c
    # A record with nothing to count has no row in the grouped recount: its count is 0.
    pairs = [(owner.c[count.name], func.coalesce(count, 0)) for count in counts]
    query = (
        select(owner.c.id, *chain.from_iterable(pairs))
        .outerjoin_from(owner, recount, owner_id == owner.c.id)
        .where(or_(*(stored != recounted for stored, recounted in pairs)))
        .order_by(owner.c.id)
    )
    wrong = []
    for record_id, *values in connection.execute(query):
        for count, stored, recounted in zip(counts, values[0::2], values[1::2], strict=True):
            if stored != recounted:
                wrong.append(WrongCount(owner.name, count.name, record_id, stored, recounted))
    return wrong
