"""The men with both attitude rounds scored, summed per group and endline day, kept as their
responses, their group's rounds and their marks change.

The dashboard's attitude charts average, for the men whose endline lies in the period, their
baseline and endline totals by district (or group, community, facilitator), count them by band
before and after, and set their change against the sessions they attended. Worked out from the
responses on each refresh, that joined each endline to its round, its baseline, its group and
its place, and sorted 157,000 men by label, band and sessions at four times national scale
(~300 ms). Here they are summed already, in two tables, per group and day of the endline:

- attitude_band_totals, per band before and after: the men, the sums of their two totals in
  tenths (sums of tenths are exact), how many rose, and the lowest total of each side (the
  charts order bands by it); about a fifth as many rows as men.
- attitude_dose_totals, per number of sessions attended: the men and the sum of their changes
  in tenths; about a third as many rows as men.

A man counts once per group whose baseline and endline he has both scored (80% of the
statements answered), with the totals and sessions attended kept on his responses
(services/surveys/responses.py, survey_sessions.py). A band is the one the scoring rule gives
(services/surveys/scoring.band_of: the highest band whose lower bound the total reaches) under
the instrument version of the round, which is never changed once answered; NO_BAND when the
total reaches none.

What recounts a group's rows (once per flush, from its own responses): a response inserted,
deleted or changed in round, man, day, total or sessions attended; a round inserted, deleted or
changed in group, kind or instrument; a man's sessions attended recounted by his marks
(survey_sessions.py, which writes past the ORM and so says so here). Code that writes
responses or rounds with bulk SQL (the demo builder, the score recount) calls
`recount_attitude_totals`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    and_,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from ..base import Base
from ..surveys import SurveyInstrument, SurveyResponse, SurveyRound
from .orm_events import GroupsToRecount

NO_BAND = ""  # a total below every band: a key column cannot be NULL

# Derived rows: they go with their group. Kept in key order with every column (SQLite): the
# charts read the table itself, a group's rows one range of it.
attitude_band_totals = Table(
    "attitude_band_totals",
    Base.metadata,
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("ended_on", Date, primary_key=True),  # the day of the men's endline
    Column("before_band", String(60), primary_key=True),
    Column("after_band", String(60), primary_key=True),
    Column("men", Integer, nullable=False),
    Column("before_tenths", Integer, nullable=False),
    Column("after_tenths", Integer, nullable=False),
    Column("rose", Integer, nullable=False),  # men whose endline total is above their baseline
    Column("lowest_before", Integer, nullable=False),  # in tenths
    Column("lowest_after", Integer, nullable=False),
    sqlite_with_rowid=False,
)
attitude_dose_totals = Table(
    "attitude_dose_totals",
    Base.metadata,
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("ended_on", Date, primary_key=True),
    Column("attended", Integer, primary_key=True),  # sessions attended
    Column("men", Integer, nullable=False),
    Column("change_tenths", Integer, nullable=False),  # the sum of endline less baseline
    sqlite_with_rowid=False,
)
TABLES = (attitude_band_totals, attitude_dose_totals)

_responses, _rounds = SurveyResponse.__table__, SurveyRound.__table__


def _scored_pairs(group_ids: list[int] | None):
    """(group, endline day, baseline total, endline total, their instruments, sessions
    attended) for every man with both rounds of a group scored, of these groups or all."""
    base_round, end_round = aliased(_rounds), aliased(_rounds)
    before, after = aliased(_responses), aliased(_responses)
    chosen = () if group_ids is None else (base_round.c.group_id.in_(group_ids),)
    return (
        select(base_round.c.group_id, after.c.taken_on, before.c.total, after.c.total,
               base_round.c.instrument_id, end_round.c.instrument_id, after.c.sessions_attended)
        .select_from(base_round)
        .join(before, before.c.round_id == base_round.c.id)
        .join(end_round, and_(end_round.c.group_id == base_round.c.group_id,
                              end_round.c.kind == "endline"))
        .join(after, and_(after.c.round_id == end_round.c.id,
                          after.c.participant_id == before.c.participant_id))
        .where(base_round.c.kind == "baseline", before.c.total.is_not(None),
               after.c.total.is_not(None), *chosen)
    )  # fmt: skip


def _bands(connection: Connection) -> dict[int, list[tuple[float, str]]]:
    """Each instrument version's bands, (lower bound, label), lowest first (an office has a
    handful of versions)."""
    found = {}
    for instrument_id, definition in connection.execute(
        select(SurveyInstrument.id, SurveyInstrument.definition)
    ):
        rows = json.loads(definition).get("bands") or []
        found[instrument_id] = [(float(row["from"]), str(row["label"]).strip()) for row in rows]
    return found


def _band(bands: list[tuple[float, str]], total: float) -> str:
    reached = [label for lower, label in bands if total >= lower]
    return reached[-1] if reached else NO_BAND


def counted(connection: Connection, group_ids: list[int] | None = None) -> tuple[dict, dict]:
    """The rows of both tables for these groups (or all), worked out afresh: {key: counts}."""
    bands = _bands(connection)
    by_band: dict[tuple, list[int]] = {}
    by_dose: dict[tuple, list[int]] = {}
    for group_id, ended_on, before, after, first, last, attended in connection.execute(
        _scored_pairs(group_ids)
    ):
        first_tenths, last_tenths = round(before * 10), round(after * 10)
        key = (group_id, ended_on, _band(bands[first], before), _band(bands[last], after))
        # men, both sums, how many rose, each side's lowest
        band = by_band.setdefault(key, [0, 0, 0, 0, first_tenths, last_tenths])
        band[0] += 1
        band[1] += first_tenths
        band[2] += last_tenths
        band[3] += last_tenths > first_tenths
        band[4] = min(band[4], first_tenths)
        band[5] = min(band[5], last_tenths)
        dose = by_dose.setdefault((group_id, ended_on, attended), [0, 0])
        dose[0] += 1
        dose[1] += last_tenths - first_tenths
    return by_band, by_dose


CHUNK_ROWS = 5000


def recount_attitude_totals(connection: Connection, group_ids: Iterable[int] | None = None) -> None:
    """The rows of every group (or of the groups `group_ids`) again from their responses."""
    ids = None if group_ids is None else sorted(set(group_ids))
    if ids == []:
        return
    for table, fresh in zip(TABLES, counted(connection, ids), strict=True):
        if ids is None:
            connection.execute(delete(table))
        else:
            connection.execute(delete(table).where(table.c.group_id.in_(ids)))
        names = [c.name for c in table.c]
        rows = [dict(zip(names, (*key, *counts), strict=True)) for key, counts in fresh.items()]
        for at in range(0, len(rows), CHUNK_ROWS):
            connection.execute(insert(table), rows[at : at + CHUNK_ROWS])


def wrong_rows(connection: Connection) -> list[tuple[str, tuple, str, object, object]]:
    """(table, key, column, stored, recounted) for every kept value that differs from a
    recount, by table then key; a row missing on one side differs in every count ("nothing"
    there). Read in one transaction by the caller (`mwp-desktop check` opens one)."""
    wrong = []
    for table, fresh in zip(TABLES, counted(connection), strict=True):
        width = sum(1 for c in table.c if c.primary_key)  # the key's columns come first
        counts = [c.name for c in table.c if not c.primary_key]
        stored = {
            tuple(row[:width]): list(row[width:]) for row in connection.execute(select(table))
        }
        nothing = ["nothing"] * len(counts)
        for key in sorted(stored.keys() | fresh.keys()):
            kept, recounted = stored.get(key, nothing), fresh.get(key, nothing)
            for column, a, b in zip(counts, kept, recounted, strict=True):
                if a != b:
                    wrong.append((table.name, key, column, a, b))
    return wrong


# ---------------------------------------------------------------- kept by the ORM's flush

_RESPONSE_KEYS = ("round_id", "participant_id", "taken_on", "total", "sessions_attended")
_ROUND_KEYS = ("group_id", "kind", "instrument_id")

_due = GroupsToRecount("attitude_totals", _rounds, recount_attitude_totals)
_due.follow(SurveyResponse, "round_id", _RESPONSE_KEYS, through=True)
_due.follow(SurveyRound, "group_id", _ROUND_KEYS)


def totals_due(connection: Connection, group_id: int) -> None:
    """Recount this group's rows at the end of the flush running on `connection` (a man's
    sessions attended, recounted past the ORM by survey_sessions.py)."""
    _due.add(connection, groups=[group_id])
