"""The dashboard's commitments chart draws, per area, the share kept at the latest check-in, and
says so plainly when nothing has been checked on yet."""

from __future__ import annotations

from dataclasses import replace

from mwp_desktop.services.statistics.commitments_kept import AreaKept
from mwp_desktop.services.statistics.dashboard import dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.views.dashboard.commitments_chart import CommitmentsChart


def test_the_chart_shows_the_share_kept_per_area(qtbot, db):
    with db.session() as s:
        board = dashboard(s, DashboardFilter())
    chart = CommitmentsChart()
    qtbot.addWidget(chart)
    chart.show_board(board)
    assert chart.is_empty
    chart.show_board(replace(board, commitments=(
        AreaKept("Non-violence", kept=3, partly=1),
        AreaKept("Decisions and money", unchecked=4),
    )))  # fmt: skip
    assert chart.shown == {"Non-violence": 0.75}
    assert "3 kept, 1 partly" in chart.categories[0].tooltip
