"""Attitude change by group, district and facilitator, and against sessions attended; and one
group's summary as its facilitator reads it.

Two men's groups that met every Monday from 5 January 2026 (sixteen sessions, the last on 20
April): WR-001 in Western Rural led by Abu Kamara, BO-001 in Bo led by Musa Bangura. Each man
answered the baseline on 5 January and the endline on 20 April."""

from __future__ import annotations

from datetime import date

import pytest

from mwp_desktop.errors import PermissionDenied
from mwp_desktop.models import Group
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.statistics.attitude_change import (
    change_by,
    dose_response,
    paired_changes,
)
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.surveys.group_summary import group_attitudes
from mwp_desktop.services.surveys.responses import replace_response
from mwp_desktop.services.surveys.rounds import open_round
from tests.builders.accounts import STAFF
from tests.builders.groups import add_group, add_weekly_meetings
from tests.builders.marks import add_marks
from tests.builders.people import add_members
from tests.builders.places import add_community, add_facilitator

BASELINE, ENDLINE, TODAY = date(2026, 1, 5), date(2026, 4, 20), date(2026, 6, 1)
YEAR = DashboardFilter(date_from=date(2026, 1, 1), date_to=TODAY, today=TODAY)


def uniform(inequitable: int, equitable: int) -> dict[int, int]:
    """Every inequitable statement answered one way, every equitable one another."""
    return {n: inequitable if n <= 17 else equitable for n in range(1, 24)}


NOT_EQUITABLE = uniform(1, 3)  # scores 23
MIDDLE = uniform(2, 2)  # 46
EQUITABLE = uniform(3, 1)  # 69


def add_surveyed_group(db, code, district, leader, men):
    """men: (baseline answers, endline answers, sessions attended) for each man."""
    with db.session() as s:
        group = add_group(s, code, community=add_community(s, f"{code} town", district=district),
                          facilitator=add_facilitator(s, leader), start=BASELINE)  # fmt: skip
        people = add_members(s, group, len(men), enrolled_on=date(2026, 1, 1))
        meetings = add_weekly_meetings(s, group, held=16)
        for person, (_before, _after, came) in zip(people, men, strict=True):
            for meeting in meetings[:came]:
                add_marks(s, meeting, {person: "present"})
            for meeting in meetings[came:]:
                add_marks(s, meeting, {person: "absent"})
        ids = [(p.id, group.id) for p in people]
    for (pid, group_id), (before, after, _came) in zip(ids, men, strict=True):
        with db.session() as s:
            for kind, day, answers in (("baseline", BASELINE, before), ("endline", ENDLINE, after)):
                round_id = open_round(s, STAFF, group_id, kind)
                replace_response(s, STAFF, round_id, pid, "given", day, answers, today=TODAY)
    return ids[0][1]


@pytest.fixture
def office(db):
    western = add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (NOT_EQUITABLE, EQUITABLE, 16),  # +46
        (MIDDLE, EQUITABLE, 12),  # +23
        (MIDDLE, MIDDLE, 4),  # 0
    ])  # fmt: skip
    bo = add_surveyed_group(db, "BO-001", "Bo", "Musa Bangura", [
        (EQUITABLE, MIDDLE, 4),  # -23
        (MIDDLE, uniform(2, 1), 12),  # +6 (19 ... 46 -> 52)
    ])  # fmt: skip
    return western, bo


def test_change_by_district_with_means_rises_and_bands(db, office):
    with db.session() as s:
        lines = {line.label: line for line in change_by(paired_changes(s, YEAR), "district")}
    western = lines["Western Rural"]
    assert (western.men, western.mean_before, western.mean_after) == (3, 38.3, 61.3)
    assert western.mean_change == 23.0
    assert western.rose == 2 and western.share_rose == pytest.approx(2 / 3)
    assert western.bands_before == (("Low equity", 1), ("Moderate equity", 2))
    assert western.bands_after == (("Moderate equity", 1), ("High equity", 2))
    bo = lines["Bo"]
    assert (bo.men, bo.mean_before, bo.mean_after, bo.rose) == (2, 57.5, 49.0, 1)


def test_change_by_facilitator_and_by_group(db, office):
    with db.session() as s:
        changes = paired_changes(s, YEAR)
    assert [(line.label, line.mean_change) for line in change_by(changes, "facilitator")] == [
        ("Abu Kamara", 23.0), ("Musa Bangura", -8.5)
    ]  # fmt: skip
    assert [line.label for line in change_by(changes, "group")] == ["WR-001", "BO-001"]


def test_dose_response_pairs_sessions_attended_with_change(db, office):
    with db.session() as s:
        points = dose_response(paired_changes(s, YEAR))
    assert [(p.attended, p.men, p.mean_change) for p in points] == [
        (4, 2, -11.5), (12, 2, 14.5), (16, 1, 46.0)
    ]  # fmt: skip


def test_the_filters_keep_their_groups_and_period(db, office):
    with db.session() as s:
        bo_only = paired_changes(s, DashboardFilter(date_from=date(2026, 1, 1), today=TODAY,
                                                   district="Bo"))  # fmt: skip
        before_the_endlines = paired_changes(
            s, DashboardFilter(date_from=date(2026, 1, 1), date_to=date(2026, 4, 19))
        )
    assert {m.group for m in bo_only} == {"BO-001"}
    assert before_the_endlines == []


def test_a_man_not_scored_in_either_round_is_left_out(db, office):
    western, _bo = office
    with db.session() as s:
        (man,) = add_members(s, s.get(Group, western), 1, enrolled_on=date(2026, 1, 1))
        pid = man.id
    with db.session() as s:
        baseline = open_round(s, STAFF, western, "baseline")
        few = {n: 2 for n in range(1, 10)}  # 9 of 23: not scored
        replace_response(s, STAFF, baseline, pid, "given", BASELINE, few, today=TODAY)
        endline = open_round(s, STAFF, western, "endline")
        replace_response(s, STAFF, endline, pid, "given", ENDLINE, MIDDLE, today=TODAY)
    with db.session() as s:
        assert pid not in {m.participant_id for m in paired_changes(s, YEAR)}


def test_a_group_summary_for_its_facilitator_with_each_statement_agreed(db, office):
    western, bo = office
    with db.session() as s:
        leader = Actor(None, "abu", "facilitator", s.get(Group, western).facilitator_id)
        summary = group_attitudes(s, leader, western)
        with pytest.raises(PermissionDenied):
            group_attitudes(s, leader, bo)
    assert summary.change.mean_change == 23.0
    beaten = summary.statements[6]
    assert beaten.statement == "There are times when a woman deserves to be beaten."
    # Baseline: one of three men agreed; endline: none did.
    assert (beaten.agreed_before, beaten.agreed_after) == (pytest.approx(1 / 3), 0.0)
    children = summary.statements[17]  # equitable: agreeing is the equitable answer
    assert (children.agreed_before, children.agreed_after) == (0.0, pytest.approx(2 / 3))
