"""Each man's score as kept on his survey response (models/surveys.py says why it is kept),
against his answers scored afresh by the program's own rule: what `mwp-desktop check` reports,
and what puts right a score that a writer past the answer service left wrong.

The answers are read in one query, whatever the number of men, and scored
with scoring.score itself: a second copy of the rule in SQL could drift from the first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.engine import Connection

from ...models import SurveyAnswer, SurveyInstrument, SurveyResponse, SurveyRound
from ...models.stored_counts import recount_attitude_totals
from .instruments import instrument_from_definition
from .scoring import Score, score

# The columns of survey_responses that hold his score.
SCORE_COLUMNS = ("answered", "total", "inequitable", "equitable")


class WrongScore(NamedTuple):
    response_id: int
    column: str
    stored: int | float | None
    recounted: int | float | None

    def sentence(self) -> str:
        """Names the response by its id only: nothing of the man's."""
        return (
            f"survey_responses.{self.column} of id {self.response_id} is stored as "
            f"{_shown(self.stored)}, recounted {_shown(self.recounted)}"
        )


def _shown(value: int | float | None) -> str:
    return "not scored" if value is None else str(value)


def _scores(connection: Connection) -> Iterator[tuple[int, tuple, Score]]:
    """(response id, its stored score columns, its answers scored afresh) for every response."""
    instruments = {
        i: instrument_from_definition(json.loads(text))
        for i, text in connection.execute(select(SurveyInstrument.id, SurveyInstrument.definition))
    }
    # A man's answers come as one string of item*10 + code (0: refused or not known), so a
    # national office's millions of answers are read as a row per man.
    packed = (
        select(
            SurveyAnswer.response_id,
            func.aggregate_strings(
                cast(SurveyAnswer.item_number * 10 + func.coalesce(SurveyAnswer.code, 0), String),
                ",",
            ).label("answers"),
        )
        .group_by(SurveyAnswer.response_id)
        .subquery()
    )
    stored = [getattr(SurveyResponse, column) for column in SCORE_COLUMNS]
    rows = connection.execute(
        select(SurveyResponse.id, SurveyRound.instrument_id, *stored, packed.c.answers)
        .join(SurveyRound, SurveyRound.id == SurveyResponse.round_id)
        .outerjoin(packed, packed.c.response_id == SurveyResponse.id)
    )
    for response_id, instrument_id, *kept, answers in rows:
        given = {}
        for value in answers.split(",") if answers else ():
            number, code = divmod(int(value), 10)
            given[number] = code or None
        yield response_id, tuple(kept), score(instruments[instrument_id], given)


def wrong_scores(connection: Connection) -> list[WrongScore]:
    """Every stored score column that differs from the man's answers scored afresh, by
    response id, then column."""
    wrong = []
    for response_id, stored, recounted in sorted(_scores(connection), key=lambda s: s[0]):
        for column, kept in zip(SCORE_COLUMNS, stored, strict=True):
            fresh = getattr(recounted, column)
            if kept != fresh:
                wrong.append(WrongScore(response_id, column, kept, fresh))
    return wrong


def recount_scores(connection: Connection) -> int:
    """Write every wrong stored score afresh from the answers, in the caller's transaction;
    how many responses were put right. A score is derived, not an edit: updated_at is left.
    The attitude totals kept from the scores (models/stored_counts/attitude_totals.py) of the
    groups concerned are recounted after them."""
    fixed = []
    for response_id, stored, recounted in list(_scores(connection)):
        fresh = {column: getattr(recounted, column) for column in SCORE_COLUMNS}
        if stored != tuple(fresh.values()):
            connection.execute(
                update(SurveyResponse)
                .where(SurveyResponse.id == response_id)
                .values(**fresh, updated_at=SurveyResponse.updated_at)
            )
            fixed.append(response_id)
    if fixed:
        groups = connection.scalars(
            select(SurveyRound.group_id)
            .join(SurveyResponse, SurveyResponse.round_id == SurveyRound.id)
            .where(SurveyResponse.id.in_(fixed))
            .distinct()
        )
        recount_attitude_totals(connection, list(groups))
    return len(fixed)
