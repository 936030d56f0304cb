"""Reading answers back: every man's answers to a round, grouped by response, for the entry grid
and for scoring. One query per round, so a national office's rounds score in one pass each."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import SurveyAnswer, SurveyResponse


@dataclass(frozen=True)
class RecordedResponse:
    participant_id: int
    consent: str
    taken_on: date
    answers: dict[int, int | None]  # statement number -> code; None refused or not known


def responses_of_rounds(
    session: Session, round_ids: list[int]
) -> dict[int, list[RecordedResponse]]:
    """Each round's responses with their answers (a refusal has none)."""
    if not round_ids:
        return {}
    answers: dict[int, dict[int, int | None]] = defaultdict(dict)
    query = (
        select(SurveyAnswer.response_id, SurveyAnswer.item_number, SurveyAnswer.code)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.round_id.in_(round_ids))
    )
    for response_id, item, code in session.execute(query):
        answers[response_id][item] = code
    found: dict[int, list[RecordedResponse]] = defaultdict(list)
    rows = session.execute(
        select(SurveyResponse.id, SurveyResponse.round_id, SurveyResponse.participant_id,
               SurveyResponse.consent, SurveyResponse.taken_on)
        .where(SurveyResponse.round_id.in_(round_ids))
    )  # fmt: skip
    for response_id, round_id, participant_id, consent, taken_on in rows:
        found[round_id].append(
            RecordedResponse(participant_id, consent, taken_on, answers.get(response_id, {}))
        )
    return found
