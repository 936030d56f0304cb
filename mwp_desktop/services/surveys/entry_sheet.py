"""The entry grid's contents: one row per member of the round's group, one column per
statement, with what has been typed so far. Office staff type answers, so they read them back
here; scores are not on it (services/surveys/man_scores.py, for supervisors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound
from ...models import Enrollment, Group, Participant, SurveyRound
from .. import scope
from ..actor import Actor
from ..permissions import require
from .answers_read import responses_of_rounds
from .instruments import Instrument
from .rounds import ROUND_TITLES, instrument_of, session_day


@dataclass(frozen=True)
class SheetRow:
    participant_id: int
    code: str
    name: str
    consent: str | None  # None: nothing recorded yet
    taken_on: date | None
    answers: dict[int, int | None]


@dataclass(frozen=True)
class EntrySheet:
    round_id: int
    group_code: str
    title: str  # "Baseline of WR-001"
    instrument: Instrument
    rows: tuple[SheetRow, ...]
    suggested_day: date  # the day a new man's answers are dated, until the user says otherwise


def entry_sheet(
    session: Session, actor: Actor, round_id: int, *, today: date | None = None
) -> EntrySheet:
    require(actor, "survey_entry")
    survey_round = session.get(SurveyRound, round_id)
    if survey_round is None:
        raise NotFound("That survey round no longer exists.")
    scope.require_group(session, actor, survey_round.group_id)
    group = session.get(Group, survey_round.group_id)
    recorded = {
        r.participant_id: r for r in responses_of_rounds(session, [round_id]).get(round_id, [])
    }
    members = session.execute(
        select(Participant.id, Participant.code, Participant.first_name, Participant.last_name)
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .where(Enrollment.group_id == group.id)
        .distinct()
    ).all()
    rows = []
    for pid, code, first, last in members:
        response = recorded.get(pid)
        rows.append(
            SheetRow(pid, code, f"{first} {last}".strip(),
                     response.consent if response else None,
                     response.taken_on if response else None,
                     dict(response.answers) if response else {})
        )  # fmt: skip
    rows.sort(key=lambda row: (row.name.casefold(), row.code))
    return EntrySheet(
        round_id,
        group.code,
        f"{ROUND_TITLES[survey_round.kind]} of {group.code}",
        instrument_of(session, survey_round.instrument_id),
        tuple(rows),
        suggested_day(session, survey_round, today or date.today()),
    )


def suggested_day(session: Session, survey_round: SurveyRound, today: date) -> date:
    """Today, unless the round belongs elsewhere: a baseline typed in after session 1 was taken
    at session 1 at the latest, so that day."""
    if survey_round.kind == "baseline":
        first = session_day(session, survey_round.group_id, 1)
        if first is not None and first < today:
            return first
    return today
