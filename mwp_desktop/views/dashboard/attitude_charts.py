"""The dashboard's two attitude charts (GEM Scale, baseline to endline): the mean score before
and after by district (by group once one district is chosen), and the mean change by sessions
attended, which tells a supervisor whether coming more goes with changing more."""

from __future__ import annotations

import pyqtgraph as pg

from ...services.statistics.dashboard import Dashboard
from . import chart_places as places
from .chart_card import Category, ChartCard
from .charts import MAX_BARS, legend_html
from .palette import BAR_LIGHT, LINE, OKABE_ITO

NO_PAIRS = "No man has a scored baseline and endline in this period"
ROSE, FELL = OKABE_ITO["green"], OKABE_ITO["vermillion"]


def signed(value: float) -> str:
    return f"{value:+.1f}"


class AttitudeChart(ChartCard):
    """Mean GEM score at baseline (light) and endline (dark), the largest change first."""

    def __init__(self):
        super().__init__(places.ATTITUDE, horizontal=True)
        self.plot.getPlotItem().setLabel("bottom", "Mean GEM score (higher is more equitable)")

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        lines = board.attitudes[:MAX_BARS]
        self.set_empty(not lines, NO_PAIRS)
        self.shown = {line.label: (line.mean_before, line.mean_after) for line in lines}
        if self.is_empty:
            return
        ys = list(range(len(lines)))
        for offset, brush, values in (
            (-0.18, BAR_LIGHT, [line.mean_before for line in lines]),
            (0.18, LINE, [line.mean_after for line in lines]),
        ):
            self.plot.addItem(pg.BarGraphItem(x0=0, y=[y + offset for y in ys], width=values,
                                              height=0.34, brush=brush, pen=None))  # fmt: skip
        widest = max(max(line.mean_before, line.mean_after) for line in lines)
        for y, line in zip(ys, lines, strict=True):
            label = pg.TextItem(signed(line.mean_change), anchor=(0, 0.5),
                                color=ROSE if line.mean_change >= 0 else FELL)  # fmt: skip
            label.setPos(max(line.mean_before, line.mean_after) + widest * 0.01, y)
            self.plot.addItem(label)
        self.plot.getPlotItem().invertY(True)
        self.plot.setXRange(0, widest * 1.15, padding=0)
        self.plot.setYRange(-0.6, len(lines) - 0.4, padding=0)
        self.set_category_ticks([line.label for line in lines], MAX_BARS)
        self.categories = [
            Category(
                f"{line.label}: {line.men:,} men with both rounds scored\n"
                f"mean {line.mean_before} before, {line.mean_after} after "
                f"({signed(line.mean_change)})\nscore rose for {line.share_rose:.0%} "
                f"({line.rose:,} of {line.men:,})\n"
                f"bands before: {_bands(line.bands_before)}\n"
                f"bands after: {_bands(line.bands_after)}"
            )
            for line in lines
        ]
        more = len(board.attitudes) - len(lines)
        self.set_note(
            legend_html(
                [("Baseline", BAR_LIGHT), ("Endline", LINE)],
                f"By {board.attitudes_by}, largest change first"
                + (f"; {more} more in the export." if more else "."),
            )
        )


def _bands(bands: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{label} {men:,}" for label, men in bands)


class DoseChart(ChartCard):
    """Mean change in score (y) by sessions attended (x): bars above zero rose, below fell."""

    def __init__(self):
        super().__init__(places.DOSE)
        self.plot.getPlotItem().setLabel("bottom", "Sessions attended")
        self.plot.getPlotItem().setLabel("left", "Mean change in score")

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        points = board.dose
        self.set_empty(not points, NO_PAIRS)
        self.shown = {p.attended: (p.men, p.mean_change) for p in points}
        if self.is_empty:
            return
        last = max(p.attended for p in points)
        # Categories are indexed by sessions attended: x = k sits at index k.
        by_dose = {p.attended: p for p in points}
        self.plot.addItem(pg.BarGraphItem(
            x=[p.attended for p in points], height=[p.mean_change for p in points], width=0.7,
            brushes=[ROSE if p.mean_change >= 0 else FELL for p in points], pen=None,
        ))  # fmt: skip
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#33444a", width=1)))
        low = min(0.0, *(p.mean_change for p in points))
        high = max(0.0, *(p.mean_change for p in points))
        span = (high - low) or 1.0
        self.plot.setYRange(low - span * 0.08, high + span * 0.08, padding=0)
        self.plot.setXRange(-0.6, last + 0.6, padding=0)
        self.plot.getAxis("bottom").setTicks([[(n, str(n)) for n in range(0, last + 1, 2)]])
        self.categories = [
            Category(
                f"{k} sessions attended: {by_dose[k].men:,} men, mean change "
                f"{signed(by_dose[k].mean_change)}" if k in by_dose
                else f"{k} sessions attended: no man with both rounds scored"
            )
            for k in range(last + 1)
        ]  # fmt: skip
        men = sum(p.men for p in points)
        self.set_note(
            legend_html(
                [("Score rose on average", ROSE), ("Score fell on average", FELL)],
                f"{men:,} men with a scored baseline and endline; each bar is the men who "
                "came to that many sessions.",
            )
        )


ATTITUDE_CHARTS = (AttitudeChart, DoseChart)
