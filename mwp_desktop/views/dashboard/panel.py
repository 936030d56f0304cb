"""The Dashboard panel: headline figures, nine charts and the filters they share.

Figures are computed off the UI thread through the operations seam, keyed "figures": only the
newest request's answer is shown, so a slow answer for an old filter never replaces a newer one.

The panel is shown at once: filters, tiles and each chart's place saying "Reading the
figures…". Once it has painted, the figures' read starts on a worker thread and the charts'
library (pyqtgraph) loads on another (chart_library.py); the charts are built one at a time as
it arrives, each showing the figures if they are there. The person waits for the longer of the
read and the charts, not for both; and the panel is drawn before either starts, since Python
shares one lock between threads and a read in full flight slows the drawing by half.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.statistics.filters import filter_choices
from ...services.statistics.retention import RETENTION_BY
from ..shared import operations
from ..shared.context import AppContext
from ..shared.header import PanelHeader
from ..shared.operations import Changed
from ..shared.panel import Panel
from ..shared.roles import offer
from . import chart_library
from .chart_places import IN_ORDER, READING, ChartPlace
from .filter_bar import FilterBar
from .tiles import HeadlineTiles

if TYPE_CHECKING:
    from ...services.statistics.dashboard import Dashboard

log = logging.getLogger(__name__)
STYLE = """
#HeadlineTile, #ChartCard { background: #ffffff; border: 1px solid #d5dde0; border-radius: 8px; }
#ChartCard:focus { border: 2px solid #1f4e5f; }
#TileLabel { color: #4d5d63; font-size: 9.5pt; }
#TileValue { color: #1f4e5f; font-size: 20pt; font-weight: bold; }
#TileChange { color: #4d5d63; font-size: 9pt; }
#TileChange[tone="good"] { color: #00704f; }
#TileChange[tone="bad"] { color: #b34700; }
#TileTarget { color: #33444a; font-size: 9pt; font-weight: bold; }
#HeadlineTile[standing="met"] { border-left: 6px solid #009E73; }
#HeadlineTile[standing="near"] { border-left: 6px solid #E69F00; }
#HeadlineTile[standing="below"] { border-left: 6px solid #D55E00; }
#ChartTitle { color: #1f4e5f; font-size: 10.5pt; font-weight: bold; }
#ChartNote { color: #5c6b71; font-size: 8.5pt; }
#ChartEmpty { color: #5c6b71; font-size: 12pt; background: #ffffff; }
#FilterLabel { color: #4d5d63; font-size: 9pt; }
#BusyLabel { color: #5c6b71; }
"""
WIDE = 1500  # from this width the charts sit three to a row
DEBOUNCE_MS = 150  # typing a date fires several changes; compute once they settle


class DashboardPanel(Panel):
    cares_about = (
        Changed.GROUPS | Changed.MEMBERSHIPS | Changed.PARTICIPANTS | Changed.MEETINGS
        | Changed.ATTENDANCE | Changed.COMMUNITIES | Changed.CERTIFICATES | Changed.CURRICULA
        | Changed.SETTINGS  # the office's targets, the follow-up rule
        | Changed.SURVEYS
        | Changed.COMMITMENTS
    )  # fmt: skip
    refreshed = Signal()  # a new dashboard is on screen (tests wait for it)

    def __init__(self, context: AppContext, today: date | None = None, parent=None):
        super().__init__(context, parent)
        self.board: Dashboard | None = None  # the figures on screen: tiles and every chart
        self._arrived: Dashboard | None = None  # figures on the tiles, waiting for the charts
        self.setStyleSheet(STYLE)

        self.filters = FilterBar(today or date.today())
        self.tiles = HeadlineTiles()
        self.retention_by = QComboBox(self, objectName="RetentionBy", visible=False)
        for key, label in RETENTION_BY.items():
            self.retention_by.addItem(f"By {label.lower()}", key)
        self.retention_by.setToolTip("Draw one line per district, or per year the group started")
        self.retention_by.setProperty("chartButton", True)
        self.retention_by.setMaximumWidth(170)

        self.busy = QProgressBar(maximumWidth=120, textVisible=False)
        self.busy.setRange(0, 0)  # moving bar: we cannot say how far along SQL is
        self.busy_label = QLabel(READING, objectName="BusyLabel")
        self.status_label = QLabel("", objectName="BusyLabel")
        self.export_button = QPushButton("&Export figures…")
        self.export_button.setToolTip("Save the numbers behind every chart as XLSX or CSV")
        self.print_button = QPushButton("&Print dashboard…")
        self.print_button.setToolTip("Save a printable PDF report of the figures and charts")
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Work out the figures again (F5)")
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        # One chart built per turn of the event loop: keys and clicks are answered in between.
        self._builder = QTimer(self, singleShot=True, interval=0)
        self._to_build: list[type] = []
        self._charts_asked = False
        self._charts_failed = False  # their library would not load: the figures show without
        self._figures_asked = False  # the first read starts once the panel has painted

        if context.actor is not None:  # else built while the person signs in: nothing read
            self._offer_actions()
            self._read_choices()  # a short read: the filters are usable with the panel
        else:
            self._set_busy(False)  # nothing is being read until somebody signs in
        self.charts: list = []  # the charts built so far, in the order of IN_ORDER
        self.places: list[QWidget] = [ChartPlace(title) for title in IN_ORDER]  # or its chart
        self._chart_height = 0

        actions = QHBoxLayout()
        actions.addWidget(self.busy)
        actions.addWidget(self.busy_label)
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)

        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self._columns = 0
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 4, 0)
        body_layout.setSpacing(12)
        body_layout.addWidget(self.tiles)
        body_layout.addLayout(self.grid)
        body_layout.addStretch(1)
        self.scroll = scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        header = PanelHeader(
            "Dashboard", "How participation is going: reach, attendance, retention and completion."
        )
        layout.addWidget(header)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(scroll, 1)
        self._arrange(3 if self.width() >= WIDE else 2)

        self._debounce.timeout.connect(self.refresh)
        self.filters.changed.connect(self._debounce.start)
        self.retention_by.currentIndexChanged.connect(self._debounce.start)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export_figures)
        self.print_button.clicked.connect(self.print_dashboard)
        self._builder.timeout.connect(self._build_next_chart)

    def chart(self, cls):
        return next(c for c in self.charts if isinstance(c, cls))

    # ------------------------------------------------------------ layout

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for place in self.places:
            self.grid.removeWidget(place)
        for i, place in enumerate(self.places):
            self.grid.addWidget(place, i // columns, i % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        # Fixed heights: the first row of charts fits under the tiles on a 1366x768 screen.
        self._set_chart_height(320 if columns == 3 else 300)

    def _set_chart_height(self, height: int) -> None:
        self._chart_height = height
        for place in self.places:
            place.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(3 if event.size().width() >= WIDE else 2)
        QTimer.singleShot(0, self._fit_height)  # once the scroll area has its new size

    def _fit_height(self) -> None:
        """On a big screen the two rows of charts share the height left under the tiles."""
        if self._columns != 3:
            return
        free = self.scroll.viewport().height() - self.tiles.sizeHint().height() - 36
        self._set_chart_height(max(320, free // 2))

    # ------------------------------------------------------------ charts

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        waiting = self.context.actor is None and self._charts_asked  # for someone to sign in
        if not self._figures_asked and not waiting:  # once the panel is on screen, not before
            QTimer.singleShot(0, self, self._read_first_figures)

    def _read_first_figures(self) -> None:
        # Unless a filter or a change asked first; and not before someone has signed in,
        # though the charts can be built meanwhile.
        if not self._figures_asked and self.context.actor is not None:
            self._read_figures()
        self._ask_for_charts()

    def _ask_for_charts(self) -> None:
        if self._charts_asked:
            return
        self._charts_asked = True
        chart_library.when_loaded(self._charts_loaded)

    def _charts_loaded(self, error: BaseException | None) -> None:
        if error is not None:
            details = (type(error), error, error.__traceback__)
            log.error("The dashboard's charts could not be loaded", exc_info=details)
            for place in self.places:
                place.say("The charts could not be drawn: the details are in the log file.")
            self._charts_failed = True
            self._show_when_drawn()  # the tiles and the export still have the figures
            return
        from .attitude_charts import ATTITUDE_CHARTS
        from .charts import CHART_CLASSES

        self._to_build = [*CHART_CLASSES, *ATTITUDE_CHARTS]
        self._builder.start()

    def _build_next_chart(self) -> None:
        """Put the next chart in its place, showing the figures if they have come."""
        from .charts import RetentionChart

        chart = self._to_build.pop(0)()
        index = IN_ORDER.index(chart.title)
        place, self.places[index] = self.places[index], chart
        chart.setFixedHeight(self._chart_height)
        self.grid.replaceWidget(place, chart)
        if self.isVisible():
            chart.show()  # now: the layout would show it a turn later
        place.hide()  # until Qt deletes it, a moment later
        place.deleteLater()
        self.charts = [p for p in self.places if not isinstance(p, ChartPlace)]
        chart.bar_clicked.connect(self.show_groups)
        if isinstance(chart, RetentionChart):
            chart.layout().itemAt(0).layout().insertWidget(1, self.retention_by)
            self.retention_by.setVisible(True)
        figures = self._arrived or self.board
        if figures is not None:
            chart.show_board(figures)
        if self._to_build:
            self._builder.start()
        else:
            self._show_when_drawn()

    @property
    def charts_built(self) -> bool:
        return len(self.charts) == len(IN_ORDER) or self._charts_failed

    # ------------------------------------------------------------ computing

    @property
    def busy_now(self) -> bool:
        """The first figures still to be asked for, figures or choices being read, or figures
        read and waiting for the charts."""
        return (
            not self._figures_asked
            or operations.busy(self, "figures")
            or operations.busy(self, "choices")
            or self._arrived is not None
        )

    def refresh(self) -> None:
        """Work the figures out again off the UI thread; a newer request (a filter changed
        meanwhile) makes this one moot, and only the newest answer is shown. A panel built
        while the person signed in reads its first figures here, once they have."""
        if self.context.actor is None:
            return
        self._offer_actions()
        self._read_figures()
        # The places, facilitators and years to choose from, read again with the figures: a
        # district registered since the panel opened can be chosen (what is chosen stays so).
        self._read_choices()

    def _read_figures(self) -> None:
        self._debounce.stop()
        self._figures_asked = True
        db, chosen, retention_by = (
            self.context.db,
            self.filters.current(),
            self.retention_by.currentData(),
        )
        self._set_busy(True)
        operations.run_in_background(
            self, lambda _progress: read_dashboard(db, chosen, retention_by), self._finished,
            key="figures", on_error=self._failed,
        )  # fmt: skip

    def _read_choices(self) -> None:
        operations.read_in_background(
            self, self.context, filter_choices, self.filters.set_choices, key="choices",
            on_error=self._failed,
        )  # fmt: skip

    def _offer_actions(self) -> None:
        offer(self.export_button, self.context.actor, "export")
        offer(self.print_button, self.context.actor, "print")

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _finished(self, board: Dashboard) -> None:
        """The figures on screen as soon as they come: the tiles and the charts built so far."""
        self._arrived = board
        self.tiles.show_figures(board.figures)
        for chart in self.charts:
            chart.show_board(board)
        self.status_label.setText(f"{board.period_text()} · {board.meetings_held:,} meetings held")
        self._ask_for_charts()  # a panel never painted draws them now, for print and export
        self._show_when_drawn()

    def _show_when_drawn(self) -> None:
        """Once every chart shows the figures that came, they are the panel's board."""
        if self._arrived is None:
            return
        if not self.charts_built:
            self.busy_label.setText("Drawing the charts…")
            return
        self.board, self._arrived = self._arrived, None
        self._set_busy(False)
        self.busy_label.setText(READING)
        self.refreshed.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, UserError):
            self.status_label.setText(f"The figures could not be computed: {error}")
            return
        log.error("Dashboard figures failed", exc_info=(type(error), error, error.__traceback__))
        self.status_label.setText(
            f"The figures could not be computed ({type(error).__name__}); the details are in "
            "the log file."
        )

    # ------------------------------------------------------------ actions

    def show_groups(self, kind: str, key: object, title: str) -> None:
        from ...services.statistics.dashboard import groups_behind
        from .groups_dialog import GroupsDialog

        chosen = self.filters.current()
        rows = operations.read(self.context, lambda s: groups_behind(s, chosen, kind, key))
        dialog = GroupsDialog(title, rows, self)
        dialog.setModal(True)
        dialog.show()
        self.groups_dialog = dialog  # tests look at it

    def export_figures(self) -> None:
        if self.board is None:
            return
        from ...services.statistics.summary_export import write_summary

        path, _ = QFileDialog.getSaveFileName(
            self, "Export figures", "dashboard-figures.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if not path:
            return
        try:
            write_summary(path, self.board, self.filters.describe())
        except UserError as exc:
            QMessageBox.warning(self, "Export figures", str(exc))
            return
        self.status_label.setText(f"Figures saved to {path}")

    def print_dashboard(self) -> None:
        if self.board is None:
            return
        from ..printing.actions import preview_dashboard

        pictures = [(chart.title, chart.png_bytes()) for chart in self.charts if not chart.is_empty]
        preview_dashboard(self, self.context, self.board.report_data(), self.filters.describe(),
                          pictures)  # fmt: skip


def read_dashboard(db, chosen, retention_by: str) -> Dashboard:
    """The statistics service's read, its module imported by the worker thread that first calls
    it: a tenth of a second the panel's first paint does without."""
    from ...services.statistics.dashboard import read_dashboard as read

    return read(db, chosen, retention_by)


def create_panel(context: AppContext) -> DashboardPanel:
    return DashboardPanel(context)


def load_before_sign_in() -> None:
    """The Dashboard is the first panel after this sign-in: its charts' library loads while
    the password is typed (MainWindow.prepare_panel), not after. It reads nothing of anyone's."""
    chart_library.load_in_background()
