"""One group's attitude change as its facilitator and a donor read it: no man's answers or
score, only the group's means, the share whose score rose, the bands, and for each statement
the share of men agreeing before and after ("There are times when a woman deserves to be
beaten": 60% agreed at baseline, 15% at endline)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ...models import SurveyAnswer, SurveyResponse, SurveyRound
from .. import scope
from ..actor import Actor
from ..permissions import require
from ..statistics.attitude_change import ChangeLine, paired_changes, summarise
from ..statistics.filters import DashboardFilter
from .instruments import Instrument
from .rounds import instrument_of

# A group's change whenever its endline was taken, not only in the dashboard's period.
EVER = DashboardFilter(date_from=date(2000, 1, 1))


@dataclass(frozen=True)
class StatementAgreement:
    number: int
    statement: str
    agreed_before: float | None  # share of the men who answered it who agreed
    agreed_after: float | None


@dataclass(frozen=True)
class GroupAttitudes:
    change: ChangeLine | None  # None until some man has both rounds scored
    statements: tuple[StatementAgreement, ...]


def group_attitudes(session: Session, actor: Actor, group_id: int) -> GroupAttitudes:
    require(actor, "view")
    scope.require_group(session, actor, group_id)
    men = paired_changes(session, EVER, group_id=group_id)
    rounds = dict(
        session.execute(
            select(SurveyRound.kind, SurveyRound.id).where(SurveyRound.group_id == group_id)
        ).all()
    )
    instrument = _instrument(session, rounds)
    agreed = {kind: _agreement(session, rounds[kind]) for kind in ("baseline", "endline")
              if kind in rounds}  # fmt: skip
    statements = tuple(
        StatementAgreement(item.number, item.statement,
                           agreed.get("baseline", {}).get(item.number),
                           agreed.get("endline", {}).get(item.number))
        for item in (instrument.items if instrument else ())
    )  # fmt: skip
    return GroupAttitudes(summarise(men[0].group, men) if men else None, statements)


def _instrument(session: Session, rounds: dict[str, int]) -> Instrument | None:
    for kind in ("baseline", "endline", "follow-up"):
        if kind in rounds:
            return instrument_of(session, session.get(SurveyRound, rounds[kind]).instrument_id)
    return None


def _agreement(session: Session, round_id: int) -> dict[int, float]:
    """Each statement's share of Agree among the men who answered it (consenting men only:
    a refusal keeps no answers)."""
    rows = session.execute(
        select(
            SurveyAnswer.item_number,
            func.count(SurveyAnswer.code),
            func.sum(case((SurveyAnswer.code == 1, 1), else_=0)),
        )
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.round_id == round_id)
        .group_by(SurveyAnswer.item_number)
    )
    shares: dict[int, float] = defaultdict(float)
    for number, answered, agreed in rows:
        if answered:
            shares[number] = agreed / answered
    return dict(shares)
