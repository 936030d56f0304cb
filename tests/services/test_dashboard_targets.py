"""The office's targets on the dashboard, and where to act first (issue 16, item 18)."""

from __future__ import annotations

import pytest

from mwp_desktop.services.admin.settings import get_setting, set_setting
from mwp_desktop.services.statistics.charts import FacilitatorRow, weakest_first
from mwp_desktop.services.statistics.dashboard import read_dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from tests.builders.accounts import SUPERVISOR
from tests.builders.dashboard_office import PERIOD, TODAY, add_dashboard_office

FILTER = DashboardFilter(date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY)


def by_key(board):
    return {figure.key: figure for figure in board.figures}


def test_the_office_targets_default_to_eighty_percent(db):
    with db.session() as s:
        assert get_setting(s, "target_attendance") == 0.8
        assert get_setting(s, "target_completion") == 0.8


def test_headline_rates_say_how_far_they_are_from_the_targets(db):
    add_dashboard_office(db)
    with db.session() as s:
        set_setting(s, SUPERVISOR, "target_completion", 0.7)
    board = read_dashboard(db, FILTER)
    assert (board.targets.attendance, board.targets.completion) == (0.8, 0.7)
    attendance, completion = by_key(board)["attendance_recent"], by_key(board)["completion"]
    assert attendance.value == pytest.approx(2 / 3) and attendance.target == 0.8
    assert (attendance.standing, attendance.target_text()) == (
        "below",
        "13 points below the 80% target",
    )
    assert (completion.standing, completion.target_text()) == (
        "near",
        "3 points below the 70% target",
    )
    assert by_key(board)["active_groups"].standing is None  # no target for a count


def test_a_rate_at_its_target_is_met(db):
    add_dashboard_office(db)
    with db.session() as s:
        set_setting(s, SUPERVISOR, "target_attendance", 0.6)
    attendance = by_key(read_dashboard(db, FILTER))["attendance_recent"]
    assert (attendance.standing, attendance.target_text()) == ("met", "meets the 60% target")


def test_facilitators_weakest_attendance_first_and_unmarked_last():
    rows = (
        FacilitatorRow(1, "Many meetings, good", 30, 30, 300, 270),
        FacilitatorRow(2, "No marks yet", 2, 2, 0, 0),
        FacilitatorRow(3, "Weak", 10, 8, 100, 55),
        FacilitatorRow(4, "Middling", 12, 10, 120, 90),
    )
    assert [r.name for r in weakest_first(rows)] == [
        "Weak",
        "Middling",
        "Many meetings, good",
        "No marks yet",
    ]
