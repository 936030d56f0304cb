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
from ..registry import Participant
from ..surveys import SurveyResponse
from . import (
    attitude_totals,
    enrolment_days,
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
    wrong.extend(_wrong_enrolment_days(connection))
    wrong.extend(_wrong_overlaps(connection))
    # Kept per group and session number: named by the group's id, the session in the column.
    wrong.extend(
        WrongCount(group_sessions.GROUP_SESSION_TOTALS.name, f"{column} (session {number})",
                   group_id, stored, recounted)
        for group_id, number, column, stored, recounted in group_sessions.wrong_rows(connection)
    )  # fmt: skip
    # Kept per group, endline day and bands or sessions: named by the group's id, the rest of
    # the row's key in the column.
    wrong.extend(
        WrongCount(table, f"{column} ({_key_said(key[1:])})", key[0], stored, recounted)
        for table, key, column, stored, recounted in attitude_totals.wrong_rows(connection)
    )
    return wrong


def _key_said(key: tuple) -> str:
    """The rest of a kept row's key as `check` says it: "ended 2026-04-20, Low equity to High
    equity" or "ended 2026-04-20, 12 sessions"."""
    day, *rest = key
    if len(rest) == 1:
        return f"ended {day:%Y-%m-%d}, {rest[0]} sessions"
    before, after = (band or "no band" for band in rest)
    return f"ended {day:%Y-%m-%d}, {before} to {after}"


def _wrong_overlaps(connection: Connection) -> list[WrongCount]:
    """The people listed as having overlapping enrolments: 1 listed, 0 not, by participant id."""
    table = enrolment_days.enrolment_overlaps
    listed = set(connection.scalars(select(table.c.participant_id)))
    people = set(connection.scalars(select(Participant.__table__.c.id)))
    found = set(connection.scalars(enrolment_days.OVERLAPPING)) & people
    return [
        WrongCount(table.name, "overlapping", person, int(person in listed), int(person in found))
        for person in sorted(listed ^ found)
    ]


def _wrong_enrolment_days(connection: Connection) -> list[WrongCount]:
    """The enrolments started and ended per group and day: a row per group and day that had
    any, so a row missing on one side counts as zeros. Named by the group's id, the count and
    the day. Enrolments of a group that does not exist are a broken reference, reported as
    such, as for the counts stored on a group's row."""
    table = enrolment_days.enrolment_days
    names = [c.name for c in table.c if c.name not in ("group_id", "day")]
    groups = set(connection.scalars(select(Group.__table__.c.id)))
    stored = {(g, day): counts for g, day, *counts in connection.execute(select(table))}
    recounted = {
        (g, day): [int(n) for n in counts]
        for g, day, *counts in connection.execute(enrolment_days.RECOUNTED)
        if g in groups
    }
    wrong = []
    for group_id, day in sorted(stored.keys() | recounted.keys()):
        now = stored.get((group_id, day), [0] * len(names))
        then = recounted.get((group_id, day), [0] * len(names))
        for name, kept, counted in zip(names, now, then, strict=True):
            if kept != counted:
                wrong.append(
                    WrongCount(table.name, f"{name} on {day:%Y-%m-%d}", group_id, kept, counted)
                )
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
