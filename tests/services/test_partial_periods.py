"""The dashboard compares like with like when the period ends part-way through a month or a week
(issue 16, item 17): on 6 December, six days of December against six days of November."""

from __future__ import annotations

from datetime import date

import pytest

from mwp_desktop.services.statistics.dashboard import read_dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from tests.builders.groups import add_group, add_meeting
from tests.builders.marks import add_marks
from tests.builders.people import add_members

SIXTH_OF_DECEMBER = date(2026, 12, 6)
HELD = [date(2026, 11, d) for d in (2, 4, 9, 16, 23, 30)] + [date(2026, 12, 1), date(2026, 12, 3)]


@pytest.fixture
def weekly_group(db):
    with db.session() as s:
        group = add_group(s, "BO-M001", start=date(2026, 11, 2))
        men = add_members(s, group, 2)
        for number, day in enumerate(HELD, start=1):
            meeting = add_meeting(s, group, number, day, status="held")
            add_marks(s, meeting, {men[0]: "present", men[1]: "absent"})


def board_to(db, end: date, start: date = date(2026, 11, 2)):
    return read_dashboard(db, DashboardFilter(date_from=start, date_to=end, today=end))


def test_meetings_this_month_are_compared_with_the_same_days_of_last_month(db, weekly_group):
    figure = next(f for f in board_to(db, SIXTH_OF_DECEMBER).figures if f.key == "meetings_month")
    # 1 and 3 December against 2 and 4 November, not against the whole of November (6).
    assert (figure.value, figure.previous) == (2, 2)
    assert figure.change_text() == "no change"
    assert figure.compared_with == "1–6 Nov"
    assert "01/11/2026 to 06/11/2026" in figure.explanation


def test_a_month_that_is_over_is_compared_with_the_whole_month_before(db, weekly_group):
    figure = next(f for f in board_to(db, date(2026, 11, 30)).figures if f.key == "meetings_month")
    assert (figure.value, figure.previous) == (6, 0)
    assert figure.compared_with == "last month"


def test_a_week_the_period_cuts_short_is_marked_partial(db, weekly_group):
    # Thursday 3 December: the week of Monday 30 November has had four of its seven days.
    board = board_to(db, date(2026, 12, 3), start=date(2026, 11, 4))
    first, last = board.weeks[0], board.weeks[-1]
    assert (last.week_start, last.days, last.partial) == (date(2026, 11, 30), 4, True)
    assert (first.week_start, first.days, first.partial) == (date(2026, 11, 2), 5, True)
    assert not any(w.partial for w in board.weeks[1:-1])
    assert last.meetings == 3  # 30 November, 1 and 3 December: what was held so far
