"""Each man's scores per round and his change from baseline to endline: individual results,
which only supervisors and administrators read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Participant, SurveyRound
from .. import scope
from ..actor import Actor
from ..permissions import require
from .answers_read import responses_of_rounds
from .rounds import instrument_of
from .scoring import Score, score


@dataclass(frozen=True)
class ManScores:
    participant_id: int
    code: str
    rounds: dict[str, Score | None]  # round kind -> his score; None when he refused it
    days: dict[str, date]  # round kind -> the day he answered (or refused)

    @property
    def change(self) -> float | None:
        """Endline total minus baseline total, when both were scored."""
        before, after = self.rounds.get("baseline"), self.rounds.get("endline")
        if before is None or after is None or not (before.scored and after.scored):
            return None
        return round(after.total - before.total, 1)


def man_scores(session: Session, actor: Actor, group_id: int) -> list[ManScores]:
    require(actor, "survey_answers")
    scope.require_group(session, actor, group_id)
    rounds = session.execute(
        select(SurveyRound.id, SurveyRound.kind, SurveyRound.instrument_id).where(
            SurveyRound.group_id == group_id
        )
    ).all()
    recorded = responses_of_rounds(session, [r.id for r in rounds])
    found: dict[int, dict[str, Score | None]] = {}
    days: dict[int, dict[str, date]] = {}
    for round_id, kind, instrument_id in rounds:
        instrument = instrument_of(session, instrument_id)
        for response in recorded.get(round_id, []):
            result = score(instrument, response.answers) if response.consent == "given" else None
            found.setdefault(response.participant_id, {})[kind] = result
            days.setdefault(response.participant_id, {})[kind] = response.taken_on
    codes = dict(
        session.execute(
            select(Participant.id, Participant.code).where(Participant.id.in_(list(found)))
        ).all()
    )
    return sorted(
        (ManScores(pid, codes[pid], kinds, days[pid]) for pid, kinds in found.items()),
        key=lambda man: man.code,
    )
