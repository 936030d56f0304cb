"""Python's cycle collector run on the UI thread only.

The collector runs in whichever thread happens to allocate when a generation fills up. When a
worker thread (a background read) is that thread and the garbage holds a Qt object — a chart
item from a closed dashboard, say — Qt destroys it there: its destructor takes Qt's lock on the
object's connections, then waits for Python's lock to ask the Python wrapper about it, while the
UI thread holds Python's lock and waits for that same Qt lock to connect a signal. Both wait for
ever (seen in the test suite, twice). So automatic collection is switched off and a timer on the
UI thread collects instead, generation by generation, with the thresholds Python itself uses
(pyqtgraph's GarbageCollector does the same, for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_if_due)
        self.timer.start(INTERVAL_MS)

    def collect_if_due(self) -> None:
        """What the collector would have done by now: the youngest generation when it is past
        its threshold, and the older ones when they are past theirs."""
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            generation = 0
            if middle > self.threshold[1]:
                generation = 2 if old > self.threshold[2] else 1
            gc.collect(generation)


def collect_on_ui_thread(app: QObject) -> UiThreadCollector:
    """Install the collector on the application once (called where the QApplication is made)."""
    collector = app.findChild(UiThreadCollector)
    return collector if collector is not None else UiThreadCollector(app)
