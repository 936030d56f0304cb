"""Attitude change by group, district and facilitator, and against sessions attended; and one
group's summary as its facilitator reads it.

Two men's groups that met every Monday from 5 January 2026 (sixteen sessions, the last on 20
April): WR-001 in Western Rural led by Abu Kamara, BO-001 in Bo led by Musa Bangura. Each man
answered the baseline on 5 January and the endline on 20 April."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied
from mwp_desktop.models import Group, Participant
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
from tests.builders.people import add_members
from tests.builders.surveys import (
    BASELINE,
    ENDLINE,
    EQUITABLE,
    MIDDLE,
    NOT_EQUITABLE,
    TODAY,
    add_surveyed_group,
    uniform,
)

YEAR = DashboardFilter(date_from=date(2026, 1, 1), date_to=TODAY, today=TODAY)


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


def test_the_dashboard_and_its_export_carry_the_change(db, office):
    from mwp_desktop.services.statistics.dashboard import dashboard
    from mwp_desktop.services.statistics.summary_export import summary_tables

    with db.session() as s:
        board = dashboard(s, YEAR)
        in_bo = dashboard(s, DashboardFilter(date_from=date(2026, 1, 1), today=TODAY,
                                             district="Bo"))  # fmt: skip
    assert board.attitudes_by == "district"
    assert [(line.label, line.mean_change) for line in board.attitudes] == [
        ("Western Rural", 23.0), ("Bo", -8.5)
    ]  # fmt: skip
    assert [p.attended for p in board.dose] == [4, 12, 16]
    assert (in_bo.attitudes_by, [line.label for line in in_bo.attitudes]) == ("group", ["BO-001"])
    tables = {table.title: table for table in summary_tables(board)}
    assert tables["Attitude change (GEM)"].rows[0] == (
        "Western Rural", 3, 38.3, 61.3, 23.0, 66.7, "Low equity 1, Moderate equity 2",
        "Moderate equity 1, High equity 2",
    )  # fmt: skip
    assert tables["Change by sessions attended"].rows == ((4, 2, -11.5), (12, 2, 14.5),
                                                          (16, 1, 46.0))  # fmt: skip


def test_the_deidentified_export_carries_answers_under_pseudonyms(db, office, tmp_path):
    import csv

    from mwp_desktop.errors import PermissionDenied
    from mwp_desktop.services.statistics.deidentified_export import export_deidentified
    from tests.builders.accounts import ADMIN

    path = tmp_path / "evaluator.csv"
    with db.session() as s, pytest.raises(PermissionDenied, match="individual survey answers"):
        export_deidentified(s, STAFF, path, TODAY, with_answers=True)
    assert not path.exists()
    with db.session() as s:
        export_deidentified(s, ADMIN, path, TODAY, with_answers=True)
        codes = set(s.scalars(select(Participant.code)))
    with path.open(encoding="utf-8-sig") as f:
        table = list(csv.DictReader(f))
    assert len(table) == 5
    text = path.read_text(encoding="utf-8-sig")
    assert not any(code in text for code in codes)  # pseudonyms, never codes
    western = sorted((r for r in table if r["Group code"] == "WR-001"),
                     key=lambda r: float(r["Baseline score"]))  # fmt: skip
    least = western[0]  # the man who agreed with every inequitable statement at first
    assert (least["Baseline score"], least["Baseline Q7"], least["Endline Q7"]) == (
        "23.0",
        "1",
        "3",
    )
    assert least["Endline score"] == "69.0"
