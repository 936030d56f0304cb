"""Running a slow read off the UI thread and handing its result back to the window.

Used for figures that need a pass over a large table (attendance rates at national scale):
the window shows what it has at once and fills these in when they arrive.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, func: Callable[[], object], relay: _Relay):
        super().__init__()
        self.func, self.relay = func, relay

    def run(self) -> None:
        try:
            result = self.func()
        except Exception:  # a background figure failing must not take the window down
            log.exception("background read failed")
            return
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.relay.done.emit(result)


def run_in_background(owner: QObject, func: Callable[[], object], on_done: Callable) -> None:
    """Call `func` on a worker thread; `on_done(result)` then runs on the UI thread."""
    relay = _Relay(owner)
    relay.done.connect(on_done)
    relay.done.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Job(func, relay))


def wait_for_background(msecs: int = 30_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)
