"""A group's survey rounds: the baseline before or at its first session, the endline at or
after its last, a follow-up some months later. Each round is answered with one instrument
version, chosen when the round is opened."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import (
    ROUND_KINDS,
    CurriculumSession,
    Group,
    Meeting,
    SurveyInstrument,
    SurveyResponse,
    SurveyRound,
)
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .instruments import Instrument, instrument_from_definition

ROUND_TITLES = {"baseline": "Baseline", "endline": "Endline", "follow-up": "Follow-up"}


@dataclass(frozen=True)
class RoundSummary:
    id: int
    group_id: int
    kind: str
    instrument_id: int
    instrument_title: str
    consented: int
    refused: int

    @property
    def title(self) -> str:
        return ROUND_TITLES[self.kind]


def round_kind(text: str) -> str:
    kind = text.strip().lower().replace("_", "-").replace("followup", "follow-up")
    if kind not in ROUND_KINDS:
        raise ValidationError(
            {"round": f"{text!r} is not a round (baseline, endline or follow-up)"}
        )
    return kind


def instrument_of(session: Session, instrument_id: int) -> Instrument:
    row = session.get(SurveyInstrument, instrument_id)
    if row is None:
        raise NotFound("That survey instrument no longer exists.")
    return instrument_from_definition(json.loads(row.definition))


def instrument_in_use(session: Session) -> int:
    """The version new rounds are answered with: the one made last."""
    found = session.scalar(select(func.max(SurveyInstrument.id)))
    if found is None:
        raise NotFound("This database holds no survey instrument.")
    return found


def open_round(
    session: Session, actor: Actor, group_id: int, kind: str, instrument_id: int | None = None
) -> int:
    """The group's round of this kind, opened now if it was not (with the instrument in use,
    or the one named)."""
    require(actor, "survey_entry")
    scope.require_group(session, actor, group_id)
    kind = round_kind(kind)
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    found = session.scalar(
        select(SurveyRound).where(SurveyRound.group_id == group_id, SurveyRound.kind == kind)
    )
    if found is not None:
        if instrument_id is not None and found.instrument_id != instrument_id:
            raise ValidationError(
                {
                    "instrument": f"the {kind} of {group.code} is already answered with another version"
                }
            )
        return found.id
    chosen = instrument_id if instrument_id is not None else instrument_in_use(session)
    instrument_of(session, chosen)  # refuses an unknown or broken version
    row = SurveyRound(group_id=group_id, kind=kind, instrument_id=chosen)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "survey_round", row.id,
                 after={"group_id": group_id, "kind": kind, "instrument_id": chosen},
                 summary=f"{ROUND_TITLES[kind]} survey round of {group.code} opened")  # fmt: skip
    return row.id


def group_rounds(session: Session, actor: Actor, group_id: int) -> list[RoundSummary]:
    """The group's rounds with how many men consented or refused: no one's answers, so a
    facilitator of the group may read it."""
    require(actor, "view")
    scope.require_group(session, actor, group_id)
    counts = (
        select(
            SurveyResponse.round_id,
            func.sum(case((SurveyResponse.consent == "given", 1), else_=0)),
            func.sum(case((SurveyResponse.consent == "refused", 1), else_=0)),
        )
        .group_by(SurveyResponse.round_id)
        .subquery()
    )
    rows = session.execute(
        select(
            SurveyRound, SurveyInstrument.name, SurveyInstrument.version, counts.c[1], counts.c[2]
        )
        .join(SurveyInstrument, SurveyInstrument.id == SurveyRound.instrument_id)
        .outerjoin(counts, counts.c.round_id == SurveyRound.id)
        .where(SurveyRound.group_id == group_id)
    ).all()
    order = {kind: index for index, kind in enumerate(ROUND_KINDS)}
    summaries = [
        RoundSummary(r.id, r.group_id, r.kind, r.instrument_id, f"{name} (version {version})",
                     int(given or 0), int(refused or 0))
        for r, name, version, given, refused in rows
    ]  # fmt: skip
    return sorted(summaries, key=lambda s: order[s.kind])


def session_day(session: Session, group_id: int, number: int) -> date | None:
    """The day the group holds (or held) the curriculum session of this number, if scheduled."""
    return session.scalar(
        select(func.min(func.coalesce(Meeting.held_date, Meeting.planned_date)))
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(
            Meeting.group_id == group_id,
            CurriculumSession.number == number,
            Meeting.status != "cancelled",
        )
    )


def last_session_number(session: Session, group: Group) -> int:
    return (
        session.scalar(
            select(func.max(CurriculumSession.number)).where(
                CurriculumSession.curriculum_id == group.curriculum_id
            )
        )
        or 1
    )


def check_round_day(session: Session, survey_round: SurveyRound, day: date, today: date) -> None:
    """A baseline is taken before or at session 1, an endline at or after the last session, a
    follow-up after it; none in the future."""
    if day > today:
        raise ValidationError({"date": f"{day:%d/%m/%Y} has not come yet"})
    group = survey_round.group
    first = session_day(session, group.id, 1)
    last = session_day(session, group.id, last_session_number(session, group))
    kind = survey_round.kind
    if kind == "baseline" and first is not None and day > first:
        raise ValidationError({"date": f"a baseline is taken before or at session 1 "
                                       f"({first:%d/%m/%Y}), not on {day:%d/%m/%Y}"})  # fmt: skip
    if kind == "endline" and last is not None and day < last:
        raise ValidationError({"date": f"an endline is taken at or after the last session "
                                       f"({last:%d/%m/%Y}), not on {day:%d/%m/%Y}"})  # fmt: skip
    if kind == "follow-up" and last is not None and day <= last:
        raise ValidationError({"date": f"a follow-up is taken after the last session "
                                       f"({last:%d/%m/%Y}), not on {day:%d/%m/%Y}"})  # fmt: skip
