"""Attitude change on the dashboard: each man's GEM score at baseline and at endline, averaged
by group, community, district or facilitator, and against the sessions he attended (does
coming more go with changing more?).

A man counts when both his baseline and his endline were scored (80% of the statements
answered) and his endline was taken in the filter's period, in one of its groups. Scores and
sessions attended (distinct curriculum sessions he came to, present or late) are the ones kept
on each response (models/surveys.py, models/stored_counts/survey_sessions.py), so nothing is
scored at a refresh. pairs_query and paired_changes say which men count, from the responses,
and list them for one group's summary; the dashboard reads the same men summed already per group
and endline day, by bands and by sessions attended (models/stored_counts/attitude_totals.py;
change_and_dose), and tests hold the two to the same figures.

Means are worked out from sums in tenths and rounded half up exactly, as the scoring rule
rounds a man's total, so a group summary and the dashboard agree to the last decimal."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
from ...models.stored_counts.attitude_totals import attitude_band_totals, attitude_dose_totals
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


def pairs_query(f: DashboardFilter, group_id: int | None = None):
    """One row per man of the filter's groups (or of the one group) with both rounds scored and
    his endline in the period: his group, its place and leader, his two totals, the instrument
    of each round, and the sessions he attended."""
    start, end = f.period()
    base_round, end_round = aliased(SurveyRound), aliased(SurveyRound)
    before, after = aliased(SurveyResponse), aliased(SurveyResponse)
    lead = aliased(Facilitator)
    return (
        select(
            before.participant_id.label("participant_id"),
            base_round.group_id.label("group_id"),
            Group.code.label("group"),
            Community.name.label("community"),
            Community.district.label("district"),
            func.coalesce(lead.name, "No facilitator recorded").label("facilitator"),
            before.total.label("before"),
            after.total.label("after"),
            base_round.instrument_id.label("before_instrument"),
            end_round.instrument_id.label("after_instrument"),
            after.sessions_attended.label("attended"),
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
    )  # fmt: skip


def paired_changes(
    session: Session, f: DashboardFilter, *, group_id: int | None = None
) -> list[ManChange]:
    """Every man of the filter's groups (or of the one group) with both rounds scored."""
    rows = session.execute(pairs_query(f, group_id)).all()
    instruments = _instruments(session, {row[8] for row in rows} | {row[9] for row in rows})
    return [
        ManChange(pid, group_id, code, community, district, leader, first, last,
                  band_of(instruments[first_id], first), band_of(instruments[last_id], last),
                  attended)
        for pid, group_id, code, community, district, leader, first, last, first_id, last_id,
        attended in rows
    ]  # fmt: skip


def _instruments(session: Session, ids: set[int] | None = None) -> dict[int, Instrument]:
    """The instrument versions with these ids, or every version (an office has a handful)."""
    query = select(SurveyInstrument.id, SurveyInstrument.definition)
    if ids is not None:
        query = query.where(SurveyInstrument.id.in_(ids))
    return {i: instrument_from_definition(json.loads(text)) for i, text in session.execute(query)}


def tenths(total: float) -> int:
    """A score kept to one decimal, as a whole number of tenths: sums of them are exact."""
    return round(total * 10)


def tenths_mean(tenths_sum: int, count: int) -> float:
    """The mean of `count` scores from their sum in tenths, to one decimal, rounded half up
    exactly as the scoring rule rounds: a float mean of 5.65 is 5.6499… and would show 5.6."""
    exact = Decimal(tenths_sum) / Decimal(10 * count)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _label(by: str):
    """The column naming each line: a group's code, its community, district or facilitator."""
    return {
        "group": Group.code,
        "community": Community.name,
        "district": Community.district,
        "facilitator": func.coalesce(Facilitator.name, "No facilitator recorded"),
    }[by]


def change_and_dose(
    session: Session, f: DashboardFilter, by: str
) -> tuple[tuple[ChangeLine, ...], tuple[DosePoint, ...]]:
    """change_by() and dose_response() of every paired man, from the sums kept per group and
    endline day (models/stored_counts/attitude_totals.py): by line and bands, and by sessions
    attended, a few rows each. A national office has tens of thousands of men with both
    rounds."""
    if by not in CHANGE_BY:
        raise ValueError(f"unknown grouping {by!r}")
    kept, doses = attitude_band_totals.c, attitude_dose_totals.c
    start, end = f.period()
    label = _label(by).label("label")
    query = (
        select(label, kept.before_band, kept.after_band,
               *(func.sum(kept[c]) for c in ("men", "before_tenths", "after_tenths", "rose")),
               func.min(kept.lowest_before), func.min(kept.lowest_after))
        .join(Group, Group.id == kept.group_id)
        .where(kept.ended_on.between(start, end), in_groups(kept.group_id, f))
        .group_by(label, kept.before_band, kept.after_band)
    )  # fmt: skip
    if by in ("community", "district"):
        query = query.join(Community, Community.id == Group.community_id)
    elif by == "facilitator":
        query = query.outerjoin(Facilitator, Facilitator.id == Group.facilitator_id)
    rows = session.execute(query)
    lines: dict[str, list] = {}
    for label_text, first_band, last_band, men, before, after, rose, low, last_low in rows:
        line = lines.setdefault(label_text, [0, 0, 0, 0, {}, {}])
        men = int(men)
        line[0] += men
        line[1] += int(before)
        line[2] += int(after)
        line[3] += int(rose)
        for bands, band, lowest in ((line[4], first_band, low), (line[5], last_band, last_low)):
            counted = bands.setdefault(band or "No band", [0, lowest])  # NO_BAND is ""
            counted[0] += men
            counted[1] = min(counted[1], lowest)
    changes = sorted(
        (
            ChangeLine(label_text, men, tenths_mean(before, men), tenths_mean(after, men), rose,
                       _ordered(bands_before), _ordered(bands_after))
            for label_text, (men, before, after, rose, bands_before, bands_after) in lines.items()
        ),
        key=lambda line: (-line.mean_change, line.label),
    )  # fmt: skip
    per_dose = session.execute(
        select(doses.attended, func.sum(doses.men), func.sum(doses.change_tenths))
        .where(doses.ended_on.between(start, end), in_groups(doses.group_id, f))
        .group_by(doses.attended)
        .order_by(doses.attended)
    )
    dose = tuple(
        DosePoint(attended, int(men), tenths_mean(int(change), int(men)))
        for attended, men, change in per_dose
    )
    return tuple(changes), dose


def _ordered(bands: dict[str, list]) -> tuple[tuple[str, int], ...]:
    """(band, men), bands ordered by their lowest score, so low comes first whatever the
    instrument calls them."""
    return tuple(
        (label, men)
        for label, (men, _lowest) in sorted(bands.items(), key=lambda b: (b[1][1], b[0]))
    )


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
        mean_before=tenths_mean(sum(tenths(m.before) for m in men), count),
        mean_after=tenths_mean(sum(tenths(m.after) for m in men), count),
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
    by_dose: dict[int, list[int]] = defaultdict(list)
    for man in changes:
        by_dose[man.attended].append(tenths(man.after) - tenths(man.before))
    return tuple(
        DosePoint(dose, len(values), tenths_mean(sum(values), len(values)))
        for dose, values in sorted(by_dose.items())
    )
