"""The dashboard charts. Each takes a `Dashboard` (numbers from the statistics service) and
draws it; `shown` keeps the numbers drawn, the tooltips give them exactly."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from ...services.statistics.dashboard import Dashboard
from ...services.statistics.retention import RETENTION_BY
from .chart_card import Category, ChartCard
from .commitments_chart import CommitmentsChart
from .palette import BAR, BAR_LIGHT, LINE, LINE_COLOURS, SECOND, STATUS_COLOURS

MAX_LINES = len(LINE_COLOURS)
MAX_BARS = 12


def rate_text(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part:,} of {whole:,})" if whole else "no marks"


def _pen(colour: str, width: float = 2.5, style=Qt.SolidLine):
    return pg.mkPen(colour, width=width, style=style)


def _percent_axis(card: ChartCard, axis: str = "left") -> None:
    card.plot.getAxis(axis).setTicks([[(v / 100, f"{v}%") for v in range(0, 101, 25)]])


def legend_html(items: list[tuple[str, str]], extra: str = "") -> str:
    """A legend in the note line above the plot: it never covers a line or a bar."""
    keys = "&nbsp;&nbsp;".join(
        f'<span style="color:{colour}; font-size:12pt">■</span>&nbsp;{label.replace(" ", "&nbsp;")}'
        for label, colour in items
    )
    return keys + (f"<br>{extra}" if extra else "")


class WeeklyChart(ChartCard):
    """Attendance rate week by week (line, right axis) over meetings held (bars, left axis)."""

    def __init__(self):
        super().__init__("Attendance week by week")
        plot = self.plot.getPlotItem()
        plot.setLabel("left", "Meetings held")
        plot.showAxis("right")
        plot.setLabel("right", "Attendance")
        self.rate_box = pg.ViewBox()
        self.rate_box.setMouseEnabled(x=False, y=False)
        plot.scene().addItem(self.rate_box)
        plot.getAxis("right").linkToView(self.rate_box)
        self.rate_box.setXLink(plot)
        plot.vb.sigResized.connect(self._align)
        _percent_axis(self, "right")

    def _align(self) -> None:
        self.rate_box.setGeometry(self.plot.getPlotItem().vb.sceneBoundingRect())
        self.rate_box.linkedViewChanged(self.plot.getPlotItem().vb, self.rate_box.XAxis)

    def reset(self) -> None:
        super().reset()
        self.rate_box.clear()

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        weeks = board.weeks
        self.set_empty(board.meetings_held == 0)
        self.shown = {
            "weeks": [w.week_start for w in weeks],
            "meetings": [w.meetings for w in weeks],
            "rate": [w.rate for w in weeks],
        }
        if self.is_empty:
            return
        xs = list(range(len(weeks)))
        self.plot.addItem(
            pg.BarGraphItem(
                x=xs, height=self.shown["meetings"], width=0.7, brush=BAR_LIGHT, pen=None
            )
        )
        points = [(x, w.rate) for x, w in zip(xs, weeks, strict=True) if w.rate is not None]
        line = pg.PlotDataItem(
            [p[0] for p in points],
            [p[1] for p in points],
            pen=_pen(LINE, 3),
            symbol="o",
            symbolSize=5,
            symbolBrush=LINE,
            symbolPen=None,
        )
        self.rate_box.addItem(line)
        self.rate_box.setYRange(0, 1.02, padding=0)
        self.plot.setYRange(0, max(self.shown["meetings"]) * 1.1, padding=0)
        self.plot.setXRange(-0.6, len(weeks) - 0.4, padding=0)
        self.set_category_ticks([w.week_start.strftime("%d %b") for w in weeks], 8)
        self.categories = [
            Category(
                f"Week of {w.week_start:%d/%m/%Y}\n{w.meetings:,} meetings held\n"
                f"Attendance {rate_text(w.attended, w.marks)}",
                ("week", w.week_start) if w.meetings else None,
            )
            for w in weeks
        ]
        self.set_note(
            legend_html(
                [("Meetings held (left)", BAR), ("Attendance, present or late (right)", LINE)]
            )
        )


class RetentionChart(ChartCard):
    """Share of enrolled members present at each curriculum session, one line per place."""

    def __init__(self):
        super().__init__("Attendance by session number")
        self.plot.getPlotItem().setLabel("bottom", "Session number")
        self.plot.getPlotItem().setLabel("left", "Members present")
        _percent_axis(self)

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        lines = board.retention
        self.set_empty(not lines)
        # Biggest lines first after "all groups": a projector cannot show sixteen colours.
        chosen = []
        if len(lines) == 2:
            chosen = [lines[1]]  # one place only: "all groups" would hide it, line for line
        elif lines:
            others = sorted(lines[1:], key=lambda ln: -sum(p.enrolled for p in ln.points))
            chosen = [lines[0], *others][:MAX_LINES]
        self.shown = {line.label: {p.number: p.share for p in line.points} for line in chosen}
        if self.is_empty:
            return
        numbers = sorted({p.number for line in chosen for p in line.points})
        for i, line in enumerate(chosen):
            points = [p for p in line.points if p.share is not None]
            item = self.plot.plot(
                [p.number for p in points],
                [p.share for p in points],
                pen=_pen(LINE_COLOURS[i], 4 if i == 0 else 2.5),
                symbol="o",
                symbolSize=6 if i == 0 else 4,
                symbolBrush=LINE_COLOURS[i],
                symbolPen=None,
            )
            item.setZValue(10 if i == 0 else 1)
        self.plot.setYRange(0, 1.05, padding=0)
        last = max(numbers)
        self.plot.setXRange(0.5, last + 0.5, padding=0)
        self.plot.getAxis("bottom").setTicks([[(n, str(n)) for n in range(1, last + 1)]])
        # Categories are indexed from 0; session k sits at x = k, so index 0 is unused.
        self.categories = [Category("")] + [
            Category(self._tooltip(chosen, k)) for k in range(1, last + 1)
        ]
        hidden = len(lines) - 1 - sum(1 for line in chosen if line is not lines[0])
        by = RETENTION_BY[board.retention_by].lower()
        extra = (
            f"By {by}; {hidden} smaller not drawn (narrow the filter to see them)."
            if hidden > 0
            else f"Groups that started in the period, by {by}."
        )
        self.set_note(
            legend_html([(ln.label, LINE_COLOURS[i]) for i, ln in enumerate(chosen)], extra)
        )

    @staticmethod
    def _tooltip(lines, number: int) -> str:
        rows = [f"Session {number}"]
        for line in lines:
            point = next((p for p in line.points if p.number == number), None)
            if point:
                rows.append(f"{line.label}: {rate_text(point.attended, point.enrolled)}")
        return "\n".join(rows)

    def _hover(self, scene_pos) -> None:
        index = self._index_at(scene_pos)
        if index == 0:
            return
        super()._hover(scene_pos)


class CompletionChart(ChartCard):
    """Completion rate by district (or community), lowest first: the places to look at."""

    def __init__(self):
        super().__init__("Completion by place (groups that finished)", horizontal=True)
        self.plot.getPlotItem().setLabel("bottom", "Members who completed")
        _percent_axis(self, "bottom")

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        bars = board.completion[:MAX_BARS]
        self.set_empty(not bars, "No group finished in this period")
        self.shown = {bar.label: bar.rate for bar in bars}
        if self.is_empty:
            return
        ys = list(range(len(bars)))
        self.plot.addItem(
            pg.BarGraphItem(
                x0=0, y=ys, width=[b.rate for b in bars], height=0.7, brush=BAR, pen=None
            )
        )
        for y, bar in zip(ys, bars, strict=True):
            # The rate written at the end of each bar: readable from the back of a room.
            label = pg.TextItem(f"{bar.rate:.0%}", color="#1d2a2f", anchor=(0, 0.5))
            label.setPos(bar.rate + 0.01, y)
            self.plot.addItem(label)
        self.plot.getPlotItem().invertY(True)  # lowest rate at the top
        self.plot.setXRange(0, 1.08, padding=0)
        self.plot.setYRange(-0.6, len(bars) - 0.4, padding=0)
        self.set_category_ticks([b.label for b in bars], MAX_BARS)
        kind = board.completion_by
        self.categories = [
            Category(
                f"{b.label}: {rate_text(b.completed, b.completed + b.not_completed)} completed\n"
                f"{b.not_completed:,} did not complete, {b.dropped:,} dropped out",
                (kind, b.key),
            )
            for b in bars
        ]
        more = len(board.completion) - len(bars)
        self.set_note(
            f"Lowest {len(bars)} of {len(board.completion)} shown; all are in the export."
            if more > 0
            else f"By {kind}, lowest first."
        )


class EnrolmentChart(ChartCard):
    def __init__(self):
        super().__init__("Enrolment over time")
        self.plot.getPlotItem().setLabel("left", "People")

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        points = board.enrolment
        self.set_empty(not points or points[-1].registered == 0, "Nobody enrolled yet")
        self.shown = {
            "registered": [p.registered for p in points],
            "enrolled": [p.enrolled for p in points],
        }
        if self.is_empty:
            return
        xs = list(range(len(points)))
        self.plot.plot(xs, self.shown["registered"], pen=_pen(LINE, 3))
        self.plot.plot(xs, self.shown["enrolled"], pen=_pen(SECOND, 3, Qt.DashLine))
        self.plot.setXRange(-0.5, len(points) - 0.5, padding=0)
        self.plot.setYRange(0, max(self.shown["registered"]) * 1.1, padding=0)
        self.set_category_ticks([p.label for p in points], 6)
        self.categories = [
            Category(
                f"End of {p.label}\n{p.registered:,} registered in total\n{p.enrolled:,} in a group"
            )
            for p in points
        ]
        self.set_note(legend_html([("Registered, in total", LINE), ("In a group", SECOND)]))


class StatusMixChart(ChartCard):
    def __init__(self):
        super().__init__("Attendance marks by month")
        self.plot.getPlotItem().setLabel("left", "Share of marks")
        _percent_axis(self)

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        months = board.status_mix
        self.set_empty(board.meetings_held == 0)
        self.shown = {m.label: (m.present, m.late, m.excused, m.absent) for m in months}
        if self.is_empty:
            return
        xs = list(range(len(months)))
        base = [0.0] * len(months)
        for index, status in enumerate(("present", "late", "excused", "absent")):
            heights = [
                (m.present, m.late, m.excused, m.absent)[index] / m.marks if m.marks else 0
                for m in months
            ]
            item = pg.BarGraphItem(
                x=xs, y0=base, height=heights, width=0.75, brush=STATUS_COLOURS[status], pen=None
            )
            self.plot.addItem(item)
            base = [b + h for b, h in zip(base, heights, strict=True)]
        self.plot.setYRange(0, 1.0, padding=0.02)
        self.plot.setXRange(-0.6, len(months) - 0.4, padding=0)
        self.set_category_ticks([m.label for m in months], 6)
        self.categories = [
            Category(
                f"{m.label}: {m.marks:,} marks\npresent {rate_text(m.present, m.marks)}\n"
                f"late {rate_text(m.late, m.marks)}\nexcused {rate_text(m.excused, m.marks)}\n"
                f"absent {rate_text(m.absent, m.marks)}",
                ("month", (m.year, m.month)) if m.marks else None,
            )
            for m in months
        ]
        self.set_note(legend_html([(k.capitalize(), c) for k, c in STATUS_COLOURS.items()]))


class FacilitatorChart(ChartCard):
    def __init__(self):
        super().__init__("Facilitators: on the planned day, and attendance", horizontal=True)
        _percent_axis(self, "bottom")

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        rows = board.facilitators[:MAX_BARS]
        self.set_empty(not rows)
        self.shown = {r.name: (r.on_time_share, r.rate) for r in rows}
        if self.is_empty:
            return
        ys = list(range(len(rows)))
        on_time = pg.BarGraphItem(
            x0=0,
            y=[y - 0.18 for y in ys],
            width=[r.on_time_share or 0 for r in rows],
            height=0.34,
            brush=BAR,
            pen=None,
        )
        attendance = pg.BarGraphItem(
            x0=0,
            y=[y + 0.18 for y in ys],
            width=[r.rate or 0 for r in rows],
            height=0.34,
            brush=LINE,
            pen=None,
        )
        self.plot.addItem(on_time)
        self.plot.addItem(attendance)
        self.plot.getPlotItem().invertY(True)
        self.plot.setXRange(0, 1, padding=0.02)
        self.plot.setYRange(-0.6, len(rows) - 0.4, padding=0)
        self.set_category_ticks([r.name for r in rows], MAX_BARS)
        self.categories = [
            Category(
                f"{r.name}: {r.meetings:,} meetings\n"
                f"on the planned day {rate_text(r.on_planned_date, r.meetings)}\n"
                f"attendance {rate_text(r.attended, r.marks)}",
                ("facilitator", r.facilitator_id),
            )
            for r in rows
        ]
        more = len(board.facilitators) - len(rows)
        self.set_note(
            legend_html(
                [("Held on the planned day", BAR), ("Attendance", LINE)],
                f"The {len(rows)} with most meetings; {more} more in the export." if more else "",
            )
        )


CHART_CLASSES = (
    WeeklyChart,
    RetentionChart,
    CompletionChart,
    StatusMixChart,
    EnrolmentChart,
    FacilitatorChart,
    CommitmentsChart,
)
