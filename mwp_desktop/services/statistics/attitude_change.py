"""Attitude change on the dashboard: each man's GEM score at baseline and at endline, averaged
by group, community, district or facilitator, and against the sessions he attended (does
coming more go with changing more?).

A man counts when both his baseline and his endline were scored (80% of the statements
answered) and his endline was taken in the filter's period, in one of its groups. Scores and
sessions attended (distinct curriculum sessions he came to, present or late) are the ones kept
on each response (models/surveys.py, models/stored_counts/survey_sessions.py), so a refresh
reads a row per man."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from ...models import (
    Community,
    Facilitator,
    Group,
    SurveyInstrument,
    SurveyResponse,
    SurveyRound,
)
from ..surveys.instruments import Instrument, instrument_from_definition
from ..surveys.scoring import band_of
from .filters import DashboardFilter, in_groups

CHANGE_BY = ("group", "community", "district", "facilitator")


@dataclass(frozen=True)
class ManChange:
    participant_id: int
    group_id: int
    group: str
    community: str
    district: str
    facilitator: str
    before: float
    after: float
    before_band: str | None
    after_band: str | None
    attended: int

    @property
    def change(self) -> float:
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class ChangeLine:
    label: str
    men: int
    mean_before: float
    mean_after: float
    rose: int  # men whose score went up
    bands_before: tuple[tuple[str, int], ...]  # (band, men), the least equitable band first
    bands_after: tuple[tuple[str, int], ...]

    @property
    def mean_change(self) -> float:
        return round(self.mean_after - self.mean_before, 1)

    @property
    def share_rose(self) -> float:
        return self.rose / self.men


@dataclass(frozen=True)
class DosePoint:
    attended: int  # sessions attended
    men: int
    mean_change: float


def paired_changes(
    session: Session, f: DashboardFilter, *, group_id: int | None = None
) -> list[ManChange]:
    """Every man of the filter's groups (or of the one group) with both rounds scored."""
    start, end = f.period()
    base_round, end_round = aliased(SurveyRound), aliased(SurveyRound)
    before, after = aliased(SurveyResponse), aliased(SurveyResponse)
    lead = aliased(Facilitator)
    rows = session.execute(
        select(
            before.participant_id, base_round.group_id, Group.code, Community.name,
            Community.district, func.coalesce(lead.name, "No facilitator recorded"),
            before.total, after.total, base_round.instrument_id, end_round.instrument_id,
            after.sessions_attended,
        )
        .join(base_round, base_round.id == before.round_id)
        .join(end_round, and_(end_round.group_id == base_round.group_id,
                              end_round.kind == "endline"))
        .join(after, and_(after.round_id == end_round.id,
                          after.participant_id == before.participant_id))
        .join(Group, Group.id == base_round.group_id)
        .join(Community, Community.id == Group.community_id)
        .outerjoin(lead, lead.id == Group.facilitator_id)
        .where(
            base_round.kind == "baseline",
            before.total.is_not(None),
            after.total.is_not(None),
            after.taken_on.between(start, end),
            in_groups(base_round.group_id, f),
            *(() if group_id is None else (base_round.group_id == group_id,)),
        )
    ).all()  # fmt: skip
    instruments = _instruments(session, {row[8] for row in rows} | {row[9] for row in rows})
    return [
        ManChange(pid, group_id, code, community, district, leader, first, last,
                  band_of(instruments[first_id], first), band_of(instruments[last_id], last),
                  attended)
        for pid, group_id, code, community, district, leader, first, last, first_id, last_id,
        attended in rows
    ]  # fmt: skip


def _instruments(session: Session, ids: set[int]) -> dict[int, Instrument]:
    rows = session.execute(
        select(SurveyInstrument.id, SurveyInstrument.definition).where(SurveyInstrument.id.in_(ids))
    )
    return {i: instrument_from_definition(json.loads(text)) for i, text in rows}


def change_by(changes: list[ManChange], by: str) -> tuple[ChangeLine, ...]:
    """Mean scores before and after, by group, community, district or facilitator; the
    largest mean change first."""
    if by not in CHANGE_BY:
        raise ValueError(f"unknown grouping {by!r}")
    parts: dict[str, list[ManChange]] = defaultdict(list)
    for man in changes:
        parts[getattr(man, by)].append(man)
    lines = [summarise(label, men) for label, men in parts.items()]
    return tuple(sorted(lines, key=lambda line: (-line.mean_change, line.label)))


def summarise(label: str, men: list[ManChange]) -> ChangeLine:
    count = len(men)
    return ChangeLine(
        label=label,
        men=count,
        mean_before=round(sum(m.before for m in men) / count, 1),
        mean_after=round(sum(m.after for m in men) / count, 1),
        rose=sum(1 for m in men if m.after > m.before),
        bands_before=_bands((m.before_band, m.before) for m in men),
        bands_after=_bands((m.after_band, m.after) for m in men),
    )


def _bands(scored) -> tuple[tuple[str, int], ...]:
    """How many men in each band; bands ordered by their lowest score, so low comes first
    whatever the instrument calls them."""
    counts: dict[str, int] = defaultdict(int)
    lowest: dict[str, float] = {}
    for label, total in scored:
        label = label or "No band"
        counts[label] += 1
        lowest[label] = min(total, lowest.get(label, total))
    return tuple((label, counts[label]) for label in sorted(counts, key=lowest.__getitem__))


def dose_response(changes: list[ManChange]) -> tuple[DosePoint, ...]:
    """The mean change of the men who attended each number of sessions, fewest first."""
    by_dose: dict[int, list[float]] = defaultdict(list)
    for man in changes:
        by_dose[man.attended].append(man.after - man.before)
    return tuple(
        DosePoint(dose, len(values), round(sum(values) / len(values), 1))
        for dose, values in sorted(by_dose.items())
    )
