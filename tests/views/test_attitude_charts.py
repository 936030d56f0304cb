"""The dashboard's attitude charts, as a supervisor reads them: the change by district (by group
once a district is chosen), the change by sessions attended, and the exact numbers on hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from mwp_desktop.views.dashboard.attitude_charts import NO_PAIRS, AttitudeChart, DoseChart
from mwp_desktop.views.shared.context import AppContext
from tests.builders.surveys import (
    EQUITABLE,
    MIDDLE,
    NOT_EQUITABLE,
    TODAY,
    add_surveyed_group,
    uniform,
)


@pytest.fixture
def panel(db, qtbot):
    from mwp_desktop.views.dashboard.panel import DashboardPanel

    add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [
        (NOT_EQUITABLE, EQUITABLE, 16), (MIDDLE, EQUITABLE, 12), (MIDDLE, MIDDLE, 4),
    ])  # fmt: skip
    add_surveyed_group(db, "BO-001", "Bo", "Musa Bangura", [
        (EQUITABLE, MIDDLE, 4), (MIDDLE, uniform(2, 1), 12),
    ])  # fmt: skip
    widget = DashboardPanel(AppContext(db=db), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None and not widget.busy_now, timeout=15000)
    with qtbot.waitSignal(widget.refreshed, timeout=15000):
        widget.filters.date_from.setDate(QDate(2026, 1, 1))
    yield widget
    qtbot.waitUntil(lambda: not widget.busy_now, timeout=15000)


def test_the_change_by_district_and_by_sessions_attended(panel):
    attitude = panel.chart(AttitudeChart)
    assert attitude.shown == {"Western Rural": (38.3, 61.3), "Bo": (57.5, 49.0)}
    tip = attitude.categories[0].tooltip
    assert "Western Rural: 3 men with both rounds scored" in tip
    assert "(+23.0)" in tip and "score rose for 67% (2 of 3)" in tip
    dose = panel.chart(DoseChart)
    assert dose.shown == {4: (2, -11.5), 12: (2, 14.5), 16: (1, 46.0)}
    assert dose.categories[12].tooltip == "12 sessions attended: 2 men, mean change +14.5"


def test_choosing_a_district_shows_its_groups(panel, qtbot):
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.district.setCurrentIndex(panel.filters.district.findText("Bo"))
    assert panel.chart(AttitudeChart).shown == {"BO-001": (57.5, 49.0)}
    assert "By group" in panel.chart(AttitudeChart).note_label.text()


def test_a_period_with_no_endline_says_so(panel, qtbot):
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.date_to.setDate(QDate(2026, 3, 1))
    for chart in (panel.chart(AttitudeChart), panel.chart(DoseChart)):
        assert chart.is_empty and chart.empty_label.text() == NO_PAIRS


def test_one_refresh_reads_the_attitude_charts_with_every_other_figure(panel, qtbot, monkeypatch):
    """F5 is one read: the attitude charts are filled when the other charts are, with the same
    filter, not by a second read that leaves them empty meanwhile."""
    from mwp_desktop.views.shared import operations

    started = []
    original = operations.run_in_background

    def counted(*args, **kwargs):
        started.append(kwargs.get("key"))
        return original(*args, **kwargs)

    monkeypatch.setattr(operations, "run_in_background", counted)
    shown = []
    panel.refreshed.connect(lambda: shown.append(panel.chart(AttitudeChart).shown))
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy_now, timeout=15000)
    assert sorted(started) == ["choices", "figures"]  # the filter's choices come apart
    assert shown == [{"Western Rural": (38.3, 61.3), "Bo": (57.5, 49.0)}]
