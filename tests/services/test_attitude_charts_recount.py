"""The dashboard's attitude charts on a built demo office, against a straightforward recount:
every man's rounds scored afresh from his answers by the published rule, his sessions counted
from his marks, and the lines and dose points averaged in plain Python with exact arithmetic.

Whatever the dashboard keeps or aggregates to be quick, what it shows must equal this."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select

from mwp_desktop.models import (
    Attendance,
    Community,
    Facilitator,
    Group,
    Meeting,
    SurveyAnswer,
    SurveyInstrument,
    SurveyResponse,
    SurveyRound,
)
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.statistics.dashboard import dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.surveys.instruments import instrument_from_definition
from mwp_desktop.services.surveys.scoring import score

TODAY = date(2026, 11, 28)


def _tenth(value: Fraction) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _men(s, f: DashboardFilter) -> list[dict]:
    """Each man with both rounds scored, his endline in the period, his group in the filter."""
    import json

    start, end = f.period()
    instruments = {
        i: instrument_from_definition(json.loads(text))
        for i, text in s.execute(select(SurveyInstrument.id, SurveyInstrument.definition))
    }
    groups = {
        gid: {"group": code, "community": community, "district": district,
              "facilitator": leader or "No facilitator recorded"}
        for gid, code, community, district, leader in s.execute(
            select(Group.id, Group.code, Community.name, Community.district, Facilitator.name)
            .join(Community, Community.id == Group.community_id)
            .outerjoin(Facilitator, Facilitator.id == Group.facilitator_id)
        )
    }  # fmt: skip
    answers: dict[int, dict[int, int | None]] = defaultdict(dict)
    for rid, number, code in s.execute(
        select(SurveyAnswer.response_id, SurveyAnswer.item_number, SurveyAnswer.code)
    ):
        answers[rid][number] = code
    rounds: dict[tuple[int, int], dict[str, tuple]] = defaultdict(dict)
    for rid, pid, consent, taken_on, gid, kind, instrument_id in s.execute(
        select(SurveyResponse.id, SurveyResponse.participant_id, SurveyResponse.consent,
               SurveyResponse.taken_on, SurveyRound.group_id, SurveyRound.kind,
               SurveyRound.instrument_id)
        .join(SurveyRound, SurveyRound.id == SurveyResponse.round_id)
    ):  # fmt: skip
        if consent == "given":
            result = score(instruments[instrument_id], answers[rid])
            rounds[(pid, gid)][kind] = (result, taken_on)
    sessions: dict[tuple[int, int], set[int]] = defaultdict(set)
    for pid, gid, session_id in s.execute(
        select(Attendance.participant_id, Meeting.group_id, Meeting.session_id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.status.in_(("present", "late")))
    ):
        sessions[(pid, gid)].add(session_id)
    men = []
    for (pid, gid), kinds in rounds.items():
        if "baseline" not in kinds or "endline" not in kinds:
            continue
        (before, _), (after, taken_on) = kinds["baseline"], kinds["endline"]
        if not (before.scored and after.scored and start <= taken_on <= end):
            continue
        if f.district and groups[gid]["district"] != f.district:
            continue
        men.append({**groups[gid], "before": before, "after": after,
                    "attended": len(sessions[(pid, gid)])})  # fmt: skip
    return men


def _lines(men: list[dict], by: str) -> list[tuple]:
    parts: dict[str, list[dict]] = defaultdict(list)
    for man in men:
        parts[man[by]].append(man)
    lines = []
    for label, part in parts.items():
        n = len(part)
        before = _tenth(sum(Fraction(str(m["before"].total)) for m in part) / n)
        after = _tenth(sum(Fraction(str(m["after"].total)) for m in part) / n)
        rose = sum(1 for m in part if m["after"].total > m["before"].total)
        bands = []
        for when in ("before", "after"):
            counts: dict[str, int] = defaultdict(int)
            lowest: dict[str, float] = {}
            for m in part:
                band = m[when].band or "No band"
                counts[band] += 1
                lowest[band] = min(m[when].total, lowest.get(band, m[when].total))
            bands.append(tuple((b, counts[b]) for b in sorted(counts, key=lowest.__getitem__)))
        lines.append((label, n, before, after, rose, *bands))
    return sorted(lines, key=lambda line: (-round(line[3] - line[2], 1), line[0]))


def _dose(men: list[dict]) -> list[tuple]:
    by_dose: dict[int, list[Fraction]] = defaultdict(list)
    for m in men:
        by_dose[m["attended"]].append(
            Fraction(str(m["after"].total)) - Fraction(str(m["before"].total))
        )
    return [(dose, len(v), _tenth(sum(v) / len(v))) for dose, v in sorted(by_dose.items())]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from mwp_desktop.services.admin.database import open_for_use

    db = open_for_use(str(tmp_path_factory.mktemp("demo") / "office.sqlite3"))
    build_demo(db, "office", 1, today=TODAY)
    yield db
    db.close()


@pytest.mark.parametrize(
    "f",
    [
        DashboardFilter(date_from=date(2020, 1, 1), today=TODAY),
        DashboardFilter(today=TODAY),  # the last 52 weeks: endlines before it are left out
        "one district",
    ],
    ids=["ever", "last 52 weeks", "one district"],
)
def test_attitude_charts_equal_a_recount_of_every_answer(demo, f):
    with demo.session() as s:
        if f == "one district":
            district = s.scalars(select(Community.district).order_by(Community.district)).first()
            f = DashboardFilter(date_from=date(2020, 1, 1), today=TODAY, district=district)
        men = _men(s, f)
        board = dashboard(s, f)
    assert len(men) > 100  # enough men that rounding and bands are really exercised
    by = "group" if f.district else "district"
    shown = [
        (line.label, line.men, line.mean_before, line.mean_after, line.rose,
         line.bands_before, line.bands_after)
        for line in board.attitudes
    ]  # fmt: skip
    assert board.attitudes_by == by
    assert shown == _lines(men, by)
    assert [(p.attended, p.men, p.mean_change) for p in board.dose] == _dose(men)
