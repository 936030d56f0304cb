"""Attitude change on the dashboard: each man's GEM score at baseline and at endline, averaged
by group, community, district or facilitator, and against the sessions he attended (does
coming more go with changing more?).

A man counts when both his baseline and his endline were scored (80% of the statements
answered) and his endline was taken in the filter's period, in one of its groups. Scores and
sessions attended (distinct curriculum sessions he came to, present or late) are the ones kept
on each response (models/surveys.py, models/stored_counts/survey_sessions.py), so nothing is
scored at a refresh; the dashboard has the database sum those rows (change_and_dose), and the
per-man list (paired_changes) is for one group's summary.

Means are worked out from sums in tenths and rounded half up exactly, as the scoring rule
rounds a man's total, so a group summary and the dashboard agree to the last decimal."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Integer, and_, case, cast, func, null, select
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


def _band(instruments: dict[int, Instrument], instrument_id, total):
    """The band a total falls in under its round's instrument (scoring.band_of), in SQL, as its
    place in BAND_LABELS of these instruments: the database groups by a small number (a third
    quicker than by the label, 157,000 men at four times national scale)."""
    labels = _band_labels(instruments)
    whens = [
        (and_(instrument_id == i, total >= band.lower), labels.index(band.label))
        for i, instrument in instruments.items()
        for band in reversed(instrument.bands)  # the highest band reached wins
    ]
    return case(*whens, else_=null()) if whens else null()


def _band_labels(instruments: dict[int, Instrument]) -> list[str]:
    return sorted({band.label for instrument in instruments.values() for band in instrument.bands})


def change_and_dose(
    session: Session, f: DashboardFilter, by: str
) -> tuple[tuple[ChangeLine, ...], tuple[DosePoint, ...]]:
    """change_by() and dose_response() of every paired man, summed by the database: one row per
    line, band before, band after and sessions attended (a few thousand at most) instead of a
    row per man — a national office has tens of thousands of men with both rounds."""
    if by not in CHANGE_BY:
        raise ValueError(f"unknown grouping {by!r}")
    pairs = pairs_query(f).subquery()
    instruments = _instruments(session)
    before, after, attended = pairs.c.before, pairs.c.after, pairs.c.attended
    band_before = _band(instruments, pairs.c.before_instrument, before)
    band_after = _band(instruments, pairs.c.after_instrument, after)
    in_tenths = (
        func.sum(cast(func.round(before * 10), Integer)),
        func.sum(cast(func.round(after * 10), Integer)),
    )
    rows = session.execute(
        select(pairs.c[by], band_before, band_after, attended, func.count(), *in_tenths,
               func.count().filter(after > before), func.min(before), func.min(after))
        .group_by(pairs.c[by], band_before, band_after, attended)
    )  # fmt: skip
    lines: dict[str, list] = {}
    doses: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    labels = _band_labels(instruments)
    for label, first_place, last_place, dose, men, first, last, rose, low, last_low in rows:
        first_band, last_band = (
            None if p is None else labels[p] for p in (first_place, last_place)
        )
        line = lines.setdefault(label, [0, 0, 0, 0, {}, {}])
        line[0] += men
        line[1] += int(first)
        line[2] += int(last)
        line[3] += rose
        for bands, band, lowest in ((line[4], first_band, low), (line[5], last_band, last_low)):
            counted = bands.setdefault(band or "No band", [0, lowest])
            counted[0] += men
            counted[1] = min(counted[1], lowest)
        doses[dose][0] += men
        doses[dose][1] += int(last) - int(first)
    changes = sorted(
        (
            ChangeLine(label, men, tenths_mean(first, men), tenths_mean(last, men), rose,
                       _ordered(bands_before), _ordered(bands_after))
            for label, (men, first, last, rose, bands_before, bands_after) in lines.items()
        ),
        key=lambda line: (-line.mean_change, line.label),
    )  # fmt: skip
    dose = tuple(
        DosePoint(attended, men, tenths_mean(change, men))
        for attended, (men, change) in sorted(doses.items())
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
