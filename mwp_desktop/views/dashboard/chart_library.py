"""The dashboard's charts and their library — pyqtgraph, with numpy — loaded on a worker thread.

Importing them takes 0.4–0.7 s on an office PC. On the window's thread that is half a second in
which the Dashboard panel, asked for, shows nothing and takes no key; on a worker thread it passes
while the panel is already on screen and SQLite reads the figures. Importing is all that happens
there: pyqtgraph makes no Qt object while it is imported (tests/views/test_dashboard_opening.py
holds that), and the charts themselves are made on the window's thread, as widgets must be.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

MODULES = ("mwp_desktop.views.dashboard.charts", "mwp_desktop.views.dashboard.attitude_charts")


class _Loading(QObject):
    done = Signal(object)  # None, or what the import raised


_lock = threading.Lock()
_loading: _Loading | None = None
_loaded = False
_error: BaseException | None = None


def _load() -> None:
    global _loaded, _error
    try:
        for name in MODULES:
            importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - told to the panel, which says so on screen
        _error = exc
    with _lock:
        _loaded = True
        _loading.done.emit(_error)  # queued to the window's thread, where _loading lives


def load_in_background() -> None:
    """Start importing the charts on a worker thread, once; returns at once. Call it from the
    window's thread: the answer is delivered there."""
    global _loading
    with _lock:
        if _loading is not None:
            return
        _loading = _Loading()
    # Not a daemon: a thread cut off inside an import while Python shuts down can crash the exit.
    threading.Thread(target=_load, name="mwp-chart-library").start()


def when_loaded(receiver: Callable[[BaseException | None], None]) -> None:
    """`receiver(error)` on the window's thread once the charts are importable — at once if they
    are — with error None, or what stopped the import. Starts the loading if need be. A
    receiver that is a QObject's method is forgotten with that object."""
    load_in_background()
    with _lock:
        if not _loaded:
            _loading.done.connect(receiver, Qt.QueuedConnection)
            return
    receiver(_error)
