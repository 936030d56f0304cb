"""The dashboard charts. Each takes a `Dashboard` (numbers from the statistics service) and
draws it; `shown` keeps the numbers drawn, the tooltips give them exactly, and the note above
the plot says in one sentence what the chart shows (services/statistics/chart_sentences.py).
The office's targets (Settings) are drawn as a dashed line wherever a rate is drawn."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFontMetrics

from ...services.statistics import chart_sentences as say
from ...services.statistics.dashboard import Dashboard
from ...services.statistics.headline import NEAR_TARGET
from ...services.statistics.retention import RETENTION_BY
from . import chart_places as places
from .chart_card import Category, ChartCard, axis_font
from .commitments_chart import CommitmentsChart
from .direct_labels import spread
from .palette import (
    BAR,
    BELOW_TARGET,
    COUNT_BAR,
    COUNT_TEXT,
    LINE,
    LINE_COLOURS,
    LINE_SYMBOLS,
    NEAR_TARGET_BAR,
    SECOND,
    STATUS_COLOURS,
    TARGET,
)

MAX_LINES = len(LINE_COLOURS)
MAX_BARS = 12


def rate_text(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part:,} of {whole:,})" if whole else "no marks"


def _pen(colour: str, width: float = 2.5, style=Qt.SolidLine):
    return pg.mkPen(colour, width=width, style=style)


def partial_brush(colour: str) -> QBrush:
    """Hatched: a bar for part of a week or month, which must not read as a fall."""
    return QBrush(QColor(colour).darker(130), Qt.BDiagPattern)


def _percent_axis(card: ChartCard, axis: str = "left") -> None:
    card.plot.getAxis(axis).setTicks([[(v / 100, f"{v}%") for v in range(0, 101, 25)]])


def target_line(target: float, vertical: bool = False, named: bool = True) -> pg.InfiniteLine:
    """The office's target as a dashed line across the plot. A level line is named where it
    starts (unless the chart names it itself); a standing one (bars) is named on the value
    axis, where no bar label can cover it."""
    if vertical or not named:
        angle = 90 if vertical else 0
        return pg.InfiniteLine(pos=target, angle=angle, pen=_pen(TARGET, 1.5, Qt.DashLine))
    return pg.InfiniteLine(
        pos=target,
        angle=0,
        pen=_pen(TARGET, 1.5, Qt.DashLine),
        label=f"target {target:.0%}",
        labelOpts={"position": 0.04, "color": TARGET, "anchors": [(0, 1), (0, 1)]},
    )


def standing_colour(rate: float | None, target: float) -> str:
    """A bar's colour by its distance from the target, as the headline tiles are coloured."""
    if rate is None or rate >= target - 1e-9:
        return BAR
    return NEAR_TARGET_BAR if target - rate <= NEAR_TARGET else BELOW_TARGET


def month_ticks(days, max_labels: int = 5) -> list[tuple[int, str]]:
    """Month and year at the first point of each month: "Jan 2026" names a week unambiguously
    where "26 Jan" leaves the year to guess. Thinned so that the labels never overlap."""
    starts = [
        (i, day.strftime("%b %Y"))
        for i, day in enumerate(days)
        if i == 0 or (day.year, day.month) != (days[i - 1].year, days[i - 1].month)
    ]
    step = max(1, -(-len(starts) // max_labels))
    return starts[::step]


def with_sentence(sentence: str, extra: str = "") -> str:
    return " ".join(part for part in (sentence, extra) if part)


def legend_html(items: list[tuple[str, str]], extra: str = "") -> str:
    """A legend in the note line above the plot: it never covers a line or a bar."""
    keys = "&nbsp;&nbsp;".join(
        f'<span style="color:{colour}; font-size:12pt">■</span>&nbsp;{label.replace(" ", "&nbsp;")}'
        for label, colour in items
    )
    return keys + (f"<br>{extra}" if extra else "")


class WeeklyChart(ChartCard):
    """Attendance rate week by week (blue line, right axis) over meetings held (grey bars, left
    axis): each axis in the colour of what it measures, so the two cannot be mixed up."""

    def __init__(self):
        super().__init__(places.WEEKLY)
        plot = self.plot.getPlotItem()
        plot.setLabel("left", "Meetings held (bars)", color=COUNT_TEXT)
        plot.showAxis("right")
        plot.setLabel("right", "Attendance (line)", color=LINE)
        plot.getAxis("right").setTextPen(LINE)
        plot.getAxis("left").setTextPen(COUNT_TEXT)
        self.rate_box = pg.ViewBox(enableMenu=False)  # no parentless menu: see ChartCard
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
                x=xs,
                height=self.shown["meetings"],
                width=0.7,
                brushes=[partial_brush(COUNT_BAR) if w.partial else COUNT_BAR for w in weeks],
                pens=[_pen(COUNT_TEXT, 1) if w.partial else None for w in weeks],
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
        self.rate_box.addItem(target_line(board.targets.attendance))
        self.shown_target = board.targets.attendance
        self.rate_box.setYRange(0, 1.02, padding=0)
        self.plot.setYRange(0, max(self.shown["meetings"]) * 1.1, padding=0)
        self.plot.setXRange(-0.6, len(weeks) - 0.4, padding=0)
        self.plot.getAxis("bottom").setTicks([month_ticks([w.week_start for w in weeks])])
        self.categories = [
            Category(
                f"Week of {w.week_start:%d/%m/%Y}\n{w.meetings:,} meetings held"
                + (f" in {w.days} of its 7 days (the period cuts it short)" if w.partial else "")
                + f"\nAttendance {rate_text(w.attended, w.marks)}",
                ("week", w.week_start) if w.meetings else None,
            )
            for w in weeks
        ]
        cut = [w for w in weeks if w.partial]
        self.set_note(
            legend_html(
                [
                    ("Meetings held (left)", COUNT_BAR),
                    ("Attendance, present or late (right)", LINE),
                ],
                with_sentence(
                    say.weekly_sentence(board),
                    "Hatched: a week the period cuts short ("
                    + "; ".join(f"{w.week_start:%d/%m/%Y}: {w.days} of 7 days" for w in cut)
                    + "), not a fall in meetings."
                    if cut
                    else "",
                ),
            )
        )


class RetentionChart(ChartCard):
    """Share of enrolled members present at each curriculum session, one line per place."""

    def __init__(self):
        super().__init__(places.RETENTION)
        self.plot.getPlotItem().setLabel("bottom", "Session number")
        self.plot.getPlotItem().setLabel("left", "Members present")
        _percent_axis(self)
        self.line_labels: list[str] = []  # the names written at the end of each line

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
        ends = []
        for i, line in enumerate(chosen):
            points = [p for p in line.points if p.share is not None]
            if not points:
                continue
            item = self.plot.plot(
                [p.number for p in points],
                [p.share for p in points],
                pen=_pen(LINE_COLOURS[i], 4 if i == 0 else 2),
                symbol=LINE_SYMBOLS[i],
                symbolSize=7 if i == 0 else 6,
                symbolBrush=LINE_COLOURS[i],
                symbolPen=None,
            )
            item.setZValue(10 if i == 0 else 1)
            ends.append((line.label, LINE_COLOURS[i], points[-1].share))
        target = board.targets.attendance
        self.plot.addItem(target_line(target, named=False))
        self.shown_target = target
        ends.append((f"target {target:.0%}", TARGET, target))
        self.plot.setYRange(0, 1.05, padding=0)
        last = self._last_session = max(numbers)
        # Each line named at its end, in its colour, the names spread apart so none overlap:
        # no legend to match colours against (two of them merge for colour-blind readers).
        heights = spread([share for _, _, share in ends], gap=0.09, low=0.03, high=1.02)
        for (label, colour, _share), y in zip(ends, heights, strict=True):
            text = pg.TextItem(label, color=colour, anchor=(0, 0.5))
            text.setFont(axis_font())
            text.setPos(last + 0.3, y)
            self.plot.addItem(text)
        self.line_labels = [label for label, _, _ in ends]
        self._fit_label_room()
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
        self.set_note(with_sentence(say.retention_sentence(board), extra))

    def _fit_label_room(self) -> None:
        """Keep room right of the last session for the longest name, whatever the width."""
        if self.is_empty or not self.line_labels:
            return
        names = QFontMetrics(axis_font()).horizontalAdvance(max(self.line_labels, key=len)) + 12
        plot_width = max(self.plot.getPlotItem().vb.width(), names + 100)
        sessions = self._last_session
        room = sessions * names / (plot_width - names)
        self.plot.setXRange(0.5, sessions + 0.5 + room, padding=0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_label_room)  # once the plot has its new width

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
        super().__init__(places.COMPLETION, horizontal=True)
        _percent_axis(self, "bottom")

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        bars = board.completion[:MAX_BARS]
        self.set_empty(not bars, "No group finished in this period")
        self.shown = {bar.label: bar.rate for bar in bars}
        if self.is_empty:
            return
        ys = list(range(len(bars)))
        target = board.targets.completion
        self.plot.addItem(
            pg.BarGraphItem(
                x0=0,
                y=ys,
                width=[b.rate for b in bars],
                height=0.7,
                brushes=[standing_colour(b.rate, target) for b in bars],
                pen=None,
            )
        )
        self.plot.addItem(target_line(target, vertical=True))
        self.shown_target = target
        self.plot.getPlotItem().setLabel(
            "bottom", f"Members who completed (dashed line: {target:.0%} target)"
        )
        for y, bar in zip(ys, bars, strict=True):
            # The rate written at the end of each bar: readable from the back of a room.
            label = pg.TextItem(f"{bar.rate:.0%}", color="#1d2a2f", anchor=(0, 0.5))
            label.setPos(max(bar.rate, target) + 0.01, y)  # clear of the target line
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
            with_sentence(
                say.completion_sentence(board),
                f"Lowest {len(bars)} of {len(board.completion)} shown; all are in the export."
                if more > 0
                else f"By {kind}, lowest first; click a bar for its groups.",
            )
        )


class EnrolmentChart(ChartCard):
    def __init__(self):
        super().__init__(places.ENROLMENT)
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
        self.set_note(
            legend_html(
                [("Registered, in total", LINE), ("In a group (dashed)", SECOND)],
                say.enrolment_sentence(board),
            )
        )


class StatusMixChart(ChartCard):
    def __init__(self):
        super().__init__(places.STATUS_MIX)
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
        self.set_note(
            legend_html(
                [(k.capitalize(), c) for k, c in STATUS_COLOURS.items()],
                say.status_mix_sentence(board),
            )
        )


class FacilitatorChart(ChartCard):
    """Where to act: the facilitators whose groups attend least, weakest first, each bar with its
    rate and its number of meetings (a low rate over two meetings is not one over twenty); bars
    under the office's attendance target in its warning colour; a click lists the groups."""

    def __init__(self):
        super().__init__(places.WHERE_TO_ACT, horizontal=True)
        self.plot.getPlotItem().setLabel("bottom", "Attendance at their meetings")
        _percent_axis(self, "bottom")
        self.bar_labels: list[str] = []

    def show_board(self, board: Dashboard) -> None:
        self.reset()
        ranked = board.weakest_facilitators
        rows = ranked[:MAX_BARS]
        self.set_empty(not rows)
        self.shown = {r.name: r.rate for r in rows}
        if self.is_empty:
            return
        ys = list(range(len(rows)))
        target = board.targets.attendance
        self.plot.addItem(
            pg.BarGraphItem(
                x0=0,
                y=ys,
                width=[r.rate or 0 for r in rows],
                height=0.7,
                brushes=[standing_colour(r.rate, target) for r in rows],
                pen=None,
            )
        )
        self.bar_labels = [
            ("no marks" if r.rate is None else f"{r.rate:.0%}")
            + f" · {r.meetings:,} meeting{'s' if r.meetings != 1 else ''}"
            for r in rows
        ]
        for y, row, text in zip(ys, rows, self.bar_labels, strict=True):
            label = pg.TextItem(text, color="#1d2a2f", anchor=(0, 0.5))
            label.setPos(max(row.rate or 0, target) + 0.01, y)  # clear of the target line
            self.plot.addItem(label)
        self.plot.addItem(target_line(target, vertical=True))
        self.shown_target = target
        self.plot.getPlotItem().setLabel("bottom", f"Attendance (dashed line: {target:.0%} target)")
        self.plot.getPlotItem().invertY(True)  # weakest at the top
        self.plot.setXRange(0, 1.35, padding=0)  # room for "62% · 14 meetings" after a full bar
        self.plot.setYRange(-0.6, len(rows) - 0.4, padding=0)
        self.set_category_ticks([r.name for r in rows], MAX_BARS)
        self.categories = [
            Category(
                f"{r.name}: {r.meetings:,} meetings\n"
                f"attendance {rate_text(r.attended, r.marks)}\n"
                f"on the planned day {rate_text(r.on_planned_date, r.meetings)}",
                ("facilitator", r.facilitator_id),
            )
            for r in rows
        ]
        more = len(ranked) - len(rows)
        self.set_note(
            with_sentence(
                say.facilitators_sentence(board),
                f"The {len(rows)} weakest of {len(ranked)}; all are in the export."
                if more
                else "Click a bar to see the facilitator's groups.",
            )
        )


# In order of use: where to act first (the first screen at 1366x768 holds the first two).
CHART_CLASSES = (
    FacilitatorChart,
    WeeklyChart,
    CompletionChart,
    RetentionChart,
    StatusMixChart,
    EnrolmentChart,
    CommitmentsChart,
)
