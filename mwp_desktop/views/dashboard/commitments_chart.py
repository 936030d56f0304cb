"""The dashboard's commitments chart: per area, the share of men's commitments kept at their
latest check-in (services/statistics/commitments_kept.py). Office-wide counts, naming nobody."""

from __future__ import annotations

import pyqtgraph as pg

from ...services.statistics.dashboard import Dashboard
from . import chart_places as places
from .chart_card import Category, ChartCard
from .palette import BAR


class CommitmentsChart(ChartCard):
    def __init__(self):
        super().__init__(places.COMMITMENTS, horizontal=True)
        self.plot.getPlotItem().setLabel("bottom", "Commitments kept")
        axis = self.plot.getPlotItem().getAxis("bottom")
        axis.setTicks([[(v / 4, f"{v * 25}%") for v in range(5)]])

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        areas = [area for area in board.commitments if area.kept_share is not None]
        self.set_empty(not areas, "No commitment has been checked on yet")
        self.shown = {area.label: area.kept_share for area in areas}
        if self.is_empty:
            return
        ys = list(range(len(areas)))
        self.plot.addItem(
            pg.BarGraphItem(x0=0, y=ys, width=[a.kept_share for a in areas], height=0.7,
                            brush=BAR, pen=None)
        )  # fmt: skip
        for y, area in zip(ys, areas, strict=True):
            label = pg.TextItem(f"{area.kept_share:.0%}", color="#1d2a2f", anchor=(0, 0.5))
            label.setPos(area.kept_share + 0.01, y)
            self.plot.addItem(label)
        self.plot.getPlotItem().invertY(True)
        self.plot.setXRange(0, 1.16, padding=0)  # room for "100%" after the longest bar
        self.plot.setYRange(-0.6, len(areas) - 0.4, padding=0)
        self.set_category_ticks([a.label for a in areas], len(areas))
        self.categories = [
            Category(
                f"{a.label}: {a.kept:,} kept, {a.partly:,} partly, {a.not_yet:,} not yet, "
                f"{a.changed:,} changed; {a.unchecked:,} not checked on yet"
            )
            for a in areas
        ]
        self.set_note("Per area, of the commitments checked on at least once; the groups in the "
                      "export.")  # fmt: skip
