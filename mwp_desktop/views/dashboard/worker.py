"""Computing the dashboard off the UI thread.

Each request carries a number; the panel keeps only the answer to its newest request, so a slow
answer for an older filter never overwrites a newer one.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...models.database import Database
from ...services.statistics.dashboard import read_dashboard
from ...services.statistics.filters import DashboardFilter


class WorkerSignals(QObject):
    finished = Signal(int, object)  # request number, Dashboard
    failed = Signal(int, str)


class DashboardJob(QRunnable):
    def __init__(self, db: Database, request: int, f: DashboardFilter, retention_by: str):
        super().__init__()
        self.db, self.request, self.filter, self.retention_by = db, request, f, retention_by
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            board = read_dashboard(self.db, self.filter, self.retention_by)
        except Exception as exc:  # shown in the panel; the window must not die with the thread
            self.signals.failed.emit(self.request, f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(self.request, board)


_pool: QThreadPool | None = None


def dashboard_pool() -> QThreadPool:
    """The dashboard's own threads. Before Python shuts down it waits for a refresh still
    running: a thread left inside SQLite while the interpreter ends would crash the exit."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)  # a new filter need not wait for an old answer
        atexit.register(_pool.waitForDone, 30000)
    return _pool
