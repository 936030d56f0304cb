"""Demo attitude surveys: every man of a finished men's group answered the GEM Scale at its
first session and, if he stayed to the end, at its last; his change follows his attendance.

Believable rather than rosy: men start mostly inequitable (a mean item score near 1.7 of 3),
the change grows with the sessions attended (about +0.9 for a man who came to all sixteen,
close to nothing for one who came to four), with a man-to-man spread that lets some fall back;
a few refuse a round, a few statements are refused or not known. The rows go in by bulk SQL,
with each response's score worked out by the program's own scoring rule."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, insert, select

from ...models import SurveyAnswer, SurveyInstrument, SurveyResponse, SurveyRound
from ..surveys.instruments import Instrument, instrument_from_definition
from ..surveys.scoring import score

REFUSE_ROUND = 0.03  # men who decline a round
NOT_ANSWERED = 0.02  # statements refused or not known
CHUNK_ROWS = 10_000


@dataclass(frozen=True)
class SurveyedMan:
    person: int
    attended: int  # distinct sessions he came to
    stayed: bool  # enrolled to the end: he answers the endline too


@dataclass(frozen=True)
class SurveyedGroup:
    group_id: int
    first_day: date
    last_day: date
    sessions: int
    men: tuple[SurveyedMan, ...]


def add_demo_surveys(
    conn: Connection, groups: list[SurveyedGroup], seed: int, new_id, new_uuid
) -> int:
    """Baseline and endline rounds with answers for these groups; returns the responses added.
    `new_id(table)` and `new_uuid()` are the builder's, so ids follow on from its own."""
    if not groups:
        return 0
    rng = random.Random(seed * 7919 + 17)  # its own stream: the rest of the demo is unchanged
    instrument_id = conn.scalar(select(func.min(SurveyInstrument.id)))
    definition = conn.scalar(
        select(SurveyInstrument.definition).where(SurveyInstrument.id == instrument_id)
    )
    instrument = instrument_from_definition(json.loads(definition))
    rounds, responses, answers = [], [], []

    def respond(round_id: int, man: SurveyedMan, day: date, level: float) -> None:
        response_id = new_id(SurveyResponse.__table__)
        row = {"id": response_id, "uuid": new_uuid(), "round_id": round_id,
               "participant_id": man.person, "taken_on": day, "recorded_by_id": None,
               "consent": "refused", "answered": 0, "total": None, "inequitable": None,
               "equitable": None, "sessions_attended": man.attended}  # fmt: skip
        if rng.random() >= REFUSE_ROUND:
            given = _answers(rng, instrument, level)
            result = score(instrument, given)
            row.update(consent="given", answered=result.answered, total=result.total,
                       inequitable=result.inequitable, equitable=result.equitable)  # fmt: skip
            answers.extend((response_id, n, c) for n, c in given.items())
        responses.append(row)

    for g in groups:
        ids = {}
        for kind in ("baseline", "endline"):
            ids[kind] = new_id(SurveyRound.__table__)
            rounds.append({"id": ids[kind], "uuid": new_uuid(), "group_id": g.group_id,
                           "kind": kind, "instrument_id": instrument_id})  # fmt: skip
        for man in g.men:
            start = min(2.7, max(1.0, rng.gauss(1.7, 0.35)))  # his mean item score, 1 to 3
            respond(ids["baseline"], man, g.first_day, start)
            if man.stayed:
                respond(ids["endline"], man, g.last_day, _after(rng, start, man, g.sessions))
    for table, rows in ((SurveyRound.__table__, rounds), (SurveyResponse.__table__, responses)):
        for at in range(0, len(rows), CHUNK_ROWS):
            conn.execute(insert(table), rows[at : at + CHUNK_ROWS])
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {SurveyAnswer.__tablename__} (response_id, item_number, code) "
           f"VALUES ({mark}, {mark}, {mark})")  # fmt: skip
    for at in range(0, len(answers), CHUNK_ROWS):
        conn.exec_driver_sql(sql, answers[at : at + CHUNK_ROWS])
    return len(responses)


def _after(rng: random.Random, start: float, man: SurveyedMan, sessions: int) -> float:
    dose = man.attended / max(1, sessions)
    change = 0.95 * dose**1.5 + rng.gauss(0, 0.18)
    return min(3.0, max(1.0, start + change))


def _answers(rng: random.Random, instrument: Instrument, level: float) -> dict[int, int | None]:
    """Codes whose item scores centre on `level`; reverse-scored items coded the other way."""
    given: dict[int, int | None] = {}
    for item in instrument.items:
        if rng.random() < NOT_ANSWERED:
            given[item.number] = None
            continue
        item_score = min(3, max(1, round(rng.gauss(level, 0.6))))
        given[item.number] = 4 - item_score if item.reverse else item_score
    return given
