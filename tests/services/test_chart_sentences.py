"""Each dashboard chart's finding said in words (issue 16, item 19), against the hand-worked
office in tests/builders/dashboard_office.py."""

from __future__ import annotations

import pytest

from mwp_desktop.services.statistics import chart_sentences as say
from mwp_desktop.services.statistics.dashboard import read_dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from tests.builders.dashboard_office import PERIOD, TODAY, add_dashboard_office


@pytest.fixture
def board(db):
    add_dashboard_office(db)
    return read_dashboard(db, DashboardFilter(date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY))


def test_each_chart_says_what_it_shows(board):
    # Sessions 1 to 4 of the groups that started in the period: 5 of 6, 3 of 6, 0 of 3, 1 of 3.
    assert say.retention_sentence(board) == (
        "Attendance falls from 83% at session 1 to 33% at session 4."
    )
    # 12 of 22 marks present or late; the week of 19/01 had 1 of 5.
    assert say.weekly_sentence(board) == (
        "Attendance was 55% over the period (target 80%); lowest in the week of 19/01/2026 (20%)."
    )
    assert say.completion_sentence(board) == (
        "The one district is below the 80% completion target. Bo: 67%."
    )
    assert say.facilitators_sentence(board) == (
        "Both facilitators are below the 80% attendance target."
    )
    assert say.status_mix_sentence(board) == (
        "Absent: 37% of the marks in Jan 2026, 33% in Feb 2026."
    )
    assert say.enrolment_sentence(board) == (
        "9 people registered in total; 4 in a group at the end of Mar 2026."
    )


@pytest.mark.parametrize(
    ("below", "total", "said"),
    [
        (0, 5, "All 5 districts meet the 80% completion target."),
        (2, 5, "2 of 5 districts are below the 80% completion target."),
        (5, 5, "All 5 districts are below the 80% completion target."),
        (2, 2, "Both districts are below the 80% completion target."),
        (0, 1, "The one district meets the 80% completion target."),
    ],
)
def test_the_words_fit_the_counts(below, total, said):
    assert say.below_target(below, total, 0.8, "completion", "district/districts") == said
