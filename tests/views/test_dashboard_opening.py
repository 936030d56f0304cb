"""Opening the Dashboard panel (issue 19): it is on screen at once — filters, tiles and each
chart's place saying "Reading the figures…" — and filled once the figures have been read; the
charts' library (pyqtgraph, numpy) never loads on the window's thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QLabel

from mwp_desktop.views.first_paint import show_and_wait_for_first_paint
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext
from tests.builders.dashboard_office import add_dashboard_office

from .test_start_up import in_a_fresh_program

READING = "Reading the figures…"
TITLES = [
    "Where to act: facilitators, lowest attendance first",
    "Attendance week by week",
    "Completion by place (groups that finished)",
    "Attendance by session number",
    "Attendance marks by month",
    "Enrolment over time",
    "Commitments kept at the latest check-in",
    "Attitude change: GEM score before and after",
    "Attitude change by sessions attended",
]


def saying(panel, text: str) -> list[QLabel]:
    return [
        label for label in panel.findChildren(QLabel) if label.isVisible() and label.text() == text
    ]


def chart_titles(panel) -> list[str]:
    """The titles of the chart cards, left to right and top to bottom, as the person reads them."""
    cards = [
        w for w in panel.findChildren(QLabel) if w.objectName() == "ChartTitle" and w.isVisible()
    ]
    cards.sort(key=lambda label: (label.mapTo(panel, label.rect().topLeft()).y() // 50,
                                  label.mapTo(panel, label.rect().topLeft()).x()))  # fmt: skip
    return [label.text() for label in cards]


@pytest.fixture
def held_read(monkeypatch):
    """The figures' read waits for `release`: a slow database, held at will."""
    from mwp_desktop.views.dashboard import panel as panel_module

    release = threading.Event()
    real_read = panel_module.read_dashboard

    def read_when_released(db, chosen, retention_by):
        assert release.wait(15), "the test never let the figures be read"
        return real_read(db, chosen, retention_by)

    monkeypatch.setattr(panel_module, "read_dashboard", read_when_released)
    yield release
    release.set()


def test_the_panel_shows_it_is_reading_before_the_figures_come_and_is_filled_after(
    qtbot, db, held_read
):
    add_dashboard_office(db)
    window = MainWindow(AppContext(db=db))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    panel = window.show_panel("dashboard")
    show_and_wait_for_first_paint(window, panel)

    # On screen while the figures are read: the filters to change, the tiles waiting, and a
    # place for every chart, titled, in the order it will take.
    assert panel.filters.isVisible() and panel.tiles.isVisible()
    assert panel.busy_label.isVisible() and panel.busy_label.text() == READING
    qtbot.waitUntil(lambda: panel.filters.district.count() > 1)  # Bo, Moyamba to choose from
    assert [tile.value.text() for tile in panel.tiles.tiles] == ["–"] * 6
    assert chart_titles(panel) == TITLES
    qtbot.waitUntil(lambda: len(panel.charts) == len(TITLES), timeout=15000)  # built meanwhile
    assert len(saying(panel, READING)) == 1 + len(TITLES)  # the busy line and every chart
    assert panel.board is None and panel.busy_now

    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        held_read.set()
    assert not panel.busy_now and not panel.busy_label.isVisible()
    assert saying(panel, READING) == []
    assert chart_titles(panel) == TITLES
    assert panel.tiles.tiles[0].value.text() != "–"
    assert "meetings held" in panel.status_label.text()
    assert all(chart.shown for chart in panel.charts[:6])  # drawn from the figures read


def test_figures_that_come_before_the_charts_are_shown_as_each_chart_is_built(qtbot, db):
    """A quick read and a slow library: the tiles are filled at once, and the board is the
    panel's once every chart shows it."""
    from mwp_desktop.views.dashboard import chart_library
    from mwp_desktop.views.dashboard.panel import DashboardPanel

    add_dashboard_office(db)
    waiting = []
    original = chart_library.when_loaded
    chart_library.when_loaded = waiting.append  # the charts' library "still loading"
    try:
        panel = DashboardPanel(AppContext(db=db))
        qtbot.addWidget(panel)
        panel.resize(1366, 700)
        panel.show()
        qtbot.waitUntil(lambda: panel.tiles.tiles[0].value.text() != "–", timeout=15000)
        assert waiting and panel.board is None and panel.busy_now
        assert panel.busy_label.isVisible() and panel.busy_label.text() == "Drawing the charts…"
        assert len(saying(panel, READING)) == len(TITLES)  # the places, until the charts come
    finally:
        chart_library.when_loaded = original
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        original(waiting[0])
    assert panel.board is not None and not panel.busy_now
    assert chart_titles(panel) == TITLES and saying(panel, READING) == []


# Run in a fresh program: pytest's own process has pyqtgraph loaded by other tests already.
# Every import of the charts' library is noted with the thread that made it; Qt's warnings
# about threads are collected: Qt says so when an object is made or used on the wrong one.
OPENING = """
import importlib.abc, json, sys, threading, time
from PySide6.QtCore import QEvent, QObject, qInstallMessageHandler
from mwp_desktop.app import make_application, show_window_frame
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.views.first_paint import show_and_wait_for_first_paint
from mwp_desktop.views.shared.context import AppContext

importers = {}
class NoteImporter(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in ("numpy", "pyqtgraph"):
            importers.setdefault(name, threading.current_thread() is threading.main_thread())
        return None
sys.meta_path.insert(0, NoteImporter())
warnings = []
qInstallMessageHandler(lambda kind, context, text: "thread" in text and warnings.append(text))
at_first_paint = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Paint and watched.objectName() == "panel-dashboard":
            if not at_first_paint:
                at_first_paint.append(sorted(importers))  # imports begun by then
        return False

app = make_application([])
first_paint = FirstPaint()
app.installEventFilter(first_paint)
window = show_window_frame()
window.attach(AppContext(db=open_for_use(sys.argv[1]), actor=SYSTEM))
for key in ("groups", "participants", "sessions", "settings"):
    show_and_wait_for_first_paint(window, window.show_panel(key))
before = sorted(importers)
panel = window.show_panel("dashboard")
show_and_wait_for_first_paint(window, panel)
deadline = time.monotonic() + 60
while (panel.board is None or panel.busy_now) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.005)
print(json.dumps({"before": before, "on_ui_thread": [m for m, ui in importers.items() if ui],
                  "loaded": sorted(importers), "charts": len(panel.charts),
                  "at_first_paint": at_first_paint[0], "warnings": warnings}))
"""


def test_the_charts_library_loads_off_the_window_thread_once_the_dashboard_is_asked_for(
    tmp_path, office
):
    seen = in_a_fresh_program(OPENING, tmp_path, str(office.path))
    assert seen["before"] == []  # no other panel loads it
    assert seen["at_first_paint"] == []  # the panel is on screen before it is loaded
    assert seen["loaded"] == ["numpy", "pyqtgraph"] and seen["charts"] == len(TITLES)
    assert seen["on_ui_thread"] == []
    assert seen["warnings"] == []  # pyqtgraph made no Qt object on the loading thread


def test_charts_that_cannot_load_say_so_and_the_figures_still_show(qtbot, db, monkeypatch):
    from mwp_desktop.views.dashboard import chart_library
    from mwp_desktop.views.dashboard.panel import DashboardPanel

    add_dashboard_office(db)
    broken = ImportError("No module named 'pyqtgraph'")
    monkeypatch.setattr(chart_library, "when_loaded", lambda receiver: receiver(broken))
    panel = DashboardPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.board is not None and not panel.busy_now, timeout=15000)
    said = "The charts could not be drawn: the details are in the log file."
    assert len(saying(panel, said)) == len(TITLES)
    assert panel.tiles.tiles[0].value.text() != "–"
