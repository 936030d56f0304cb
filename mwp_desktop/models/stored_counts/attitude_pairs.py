"""Each man's two attitude scores side by side, one row per man with both rounds scored in a
group, kept as his responses, his group's rounds and his marks change.

The dashboard's attitude charts average, for the men whose endline lies in the period, their
baseline and endline totals by district (or group, community, facilitator), count them by band
before and after, and set their change against the sessions they attended. Worked out from the
responses on each refresh, that joined each endline to its round, its baseline, its group and
its place, and sorted 157,000 men by label, band and sessions at four times national scale
(~300 ms). Here each man is one row with his group, his endline's day, both totals in tenths
(sums of them are exact), the band of each under its round's instrument, and his sessions
attended; an index in group and band order lets the database add up each group's men as it
walks them, and one in sessions order the dose-response chart's.

A row holds what the responses hold: the totals and sessions attended kept on them
(services/surveys/responses.py, survey_sessions.py). A band is the one the scoring rule gives
(services/surveys/scoring.band_of: the highest band whose lower bound the total reaches) under
the instrument version of the round, which is never changed once answered.

What recounts a group's rows (once per flush, from its own responses): a response inserted,
deleted or changed in round, man, day, total or sessions attended; a round inserted, deleted or
changed in group, kind or instrument; a man's sessions attended recounted by his marks
(survey_sessions.py, which writes past the ORM and so says so here). Code that writes
responses or rounds with bulk SQL (the demo builder, the score recount) calls
`recount_attitude_pairs`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    and_,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from ..base import Base
from ..surveys import SurveyInstrument, SurveyResponse, SurveyRound
from .orm_events import before_flush_value

ATTITUDE_PAIRS = Table(
    "attitude_pairs",
    Base.metadata,
    # Derived rows: they go with their group and their man.
    Column("group_id", Integer, ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "participant_id",
        Integer,
        ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("ended_on", Date, nullable=False),  # the day of his endline
    Column("before_tenths", Integer, nullable=False),
    Column("after_tenths", Integer, nullable=False),
    Column("before_band", String(60)),  # None: below every band
    Column("after_band", String(60)),
    Column("attended", Integer, nullable=False),
    # Each group's men in band order, with what the charts add up: summed as they are walked.
    Index(
        "ix_attitude_pairs_bands",
        "group_id",
        "before_band",
        "after_band",
        "ended_on",
        "before_tenths",
        "after_tenths",
    ),
    # The dose-response chart's men, by sessions attended.
    Index(
        "ix_attitude_pairs_dose",
        "attended",
        "ended_on",
        "group_id",
        "before_tenths",
        "after_tenths",
    ),
    sqlite_with_rowid=False,
)
KEPT_COLUMNS = (
    "ended_on",
    "before_tenths",
    "after_tenths",
    "before_band",
    "after_band",
    "attended",
)

_responses, _rounds = SurveyResponse.__table__, SurveyRound.__table__


def _scored_pairs(groups=None):
    """(group, man, endline day, baseline total, endline total, their instruments, sessions
    attended) for every man with both rounds of a group scored, of the groups of the condition
    `groups` (on the baseline round's group_id) or all."""
    base_round, end_round = aliased(_rounds), aliased(_rounds)
    before, after = aliased(_responses), aliased(_responses)
    return (
        select(base_round.c.group_id, before.c.participant_id, after.c.taken_on,
               before.c.total, after.c.total, base_round.c.instrument_id,
               end_round.c.instrument_id, after.c.sessions_attended)
        .select_from(base_round)
        .join(before, before.c.round_id == base_round.c.id)
        .join(end_round, and_(end_round.c.group_id == base_round.c.group_id,
                              end_round.c.kind == "endline"))
        .join(after, and_(after.c.round_id == end_round.c.id,
                          after.c.participant_id == before.c.participant_id))
        .where(base_round.c.kind == "baseline", before.c.total.is_not(None),
               after.c.total.is_not(None), *(() if groups is None else (groups(base_round),)))
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


def _band(bands: list[tuple[float, str]], total: float) -> str | None:
    reached = [label for lower, label in bands if total >= lower]
    return reached[-1] if reached else None


def counted(connection: Connection, groups=None) -> list[dict]:
    """The rows of the groups of the condition `groups` (or of all), worked out afresh."""
    bands = _bands(connection)
    return [
        {"group_id": group_id, "participant_id": man, "ended_on": ended_on,
         "before_tenths": round(before * 10), "after_tenths": round(after * 10),
         "before_band": _band(bands[first], before), "after_band": _band(bands[last], after),
         "attended": attended}
        for group_id, man, ended_on, before, after, first, last, attended
        in connection.execute(_scored_pairs(groups))
    ]  # fmt: skip


CHUNK_ROWS = 5000


def recount_attitude_pairs(connection: Connection, group_ids: Iterable[int] | None = None) -> None:
    """The rows of every group (or of the groups `group_ids`) again from their responses."""
    table = ATTITUDE_PAIRS
    if group_ids is None:
        connection.execute(delete(table))
        rows = counted(connection)
    else:
        ids = sorted(set(group_ids))
        if not ids:
            return
        connection.execute(delete(table).where(table.c.group_id.in_(ids)))
        rows = counted(connection, lambda base_round: base_round.c.group_id.in_(ids))
    for at in range(0, len(rows), CHUNK_ROWS):
        connection.execute(insert(table), rows[at : at + CHUNK_ROWS])


def wrong_rows(connection: Connection) -> list[tuple[int, int, str, object, object]]:
    """(group id, participant id, column, stored, recounted) for every kept value that differs
    from a recount; a row missing on one side differs in every column ("nothing" there). Read
    in one transaction by the caller (`mwp-desktop check` opens one)."""
    table = ATTITUDE_PAIRS
    stored = {
        (group_id, man): tuple(kept)
        for group_id, man, *kept in connection.execute(
            select(table.c.group_id, table.c.participant_id, *(table.c[c] for c in KEPT_COLUMNS))
        )
    }
    fresh = {
        (row["group_id"], row["participant_id"]): tuple(row[c] for c in KEPT_COLUMNS)
        for row in counted(connection)
    }
    nothing = ("nothing",) * len(KEPT_COLUMNS)
    wrong = []
    for key in sorted(stored.keys() | fresh.keys()):
        kept, recounted = stored.get(key, nothing), fresh.get(key, nothing)
        for column, a, b in zip(KEPT_COLUMNS, kept, recounted, strict=True):
            if a != b:
                wrong.append((*key, column, a, b))
    return wrong


# ---------------------------------------------------------------- kept by the ORM's flush

_DUE = "attitude_pairs_due"  # on the flush's connection: {"groups": {...}, "rounds": {...}}
_RESPONSE_KEYS = ("round_id", "participant_id", "taken_on", "total", "sessions_attended")
_ROUND_KEYS = ("group_id", "kind", "instrument_id")


def pairs_due(connection: Connection, *, groups: Iterable[int] = (), rounds: Iterable[int] = ()):
    """Recount these groups' rows, and those of these rounds' groups, at the end of the flush
    running on `connection`."""
    due = connection.info.setdefault(_DUE, {"groups": set(), "rounds": set()})
    due["groups"].update(g for g in groups if g is not None)
    due["rounds"].update(r for r in rounds if r is not None)


def _follow(model, kind: str, owner: str, keys: tuple[str, ...]) -> None:
    def changed(target) -> bool:
        return any(before_flush_value(target, key) != getattr(target, key) for key in keys)

    @event.listens_for(model, "after_insert")
    def added(_mapper, connection: Connection, target) -> None:
        pairs_due(connection, **{kind: [getattr(target, owner)]})

    @event.listens_for(model, "after_update")
    def updated(_mapper, connection: Connection, target) -> None:
        if changed(target):
            was, now = before_flush_value(target, owner), getattr(target, owner)
            pairs_due(connection, **{kind: [was, now]})

    @event.listens_for(model, "after_delete")
    def removed(_mapper, connection: Connection, target) -> None:
        pairs_due(connection, **{kind: [before_flush_value(target, owner)]})


_follow(SurveyResponse, "rounds", "round_id", _RESPONSE_KEYS)
_follow(SurveyRound, "groups", "group_id", _ROUND_KEYS)


@event.listens_for(Session, "after_flush")
def _recount_due(session: Session, _context) -> None:
    connection = session.connection()
    due = connection.info.pop(_DUE, None)
    if not due:
        return
    groups = set(due["groups"])
    if due["rounds"]:
        groups.update(
            connection.execute(
                select(_rounds.c.group_id).where(_rounds.c.id.in_(sorted(due["rounds"])))
            ).scalars()
        )
    recount_attitude_pairs(connection, groups)
