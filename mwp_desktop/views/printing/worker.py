"""Running a document job off the UI thread, with a progress dialog that can cancel it.

The job is a function taking a `progress(done, total) -> bool` callback (the printing layer's
Progress); it runs on a Python thread while the window stays responsive. Short jobs finish before
the dialog's minimum duration, so a single sheet never flashes a progress window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...printing.progress import PrintCancelled

POLL_MS = 50


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Callable[[Callable[[int, int], bool]], Any],
    *,
    minimum_ms: int = 400,
) -> Any:
    """Run `job(progress)` on a thread; returns its result. Raises PrintCancelled when the user
    cancels, and the job's own exception if it failed.

    The worker thread only writes plain values under a lock; the UI thread polls them with a
    timer. No Qt object is touched from the worker thread."""
    cancel = threading.Event()
    lock = threading.Lock()
    state: dict[str, Any] = {"done": 0, "total": 0}
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Preparing the document")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(minimum_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel.set)

    def progress(done: int, total: int) -> bool:
        with lock:
            state["done"], state["total"] = done, total
        return not cancel.is_set()

    def work() -> None:
        try:
            result = job(progress)
            with lock:
                state["result"] = result
        except BaseException as exc:  # handed to the UI thread, raised there
            with lock:
                state["error"] = exc

    thread = threading.Thread(target=work, name="print-job", daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if dialog.wasCanceled():
            cancel.set()
        with lock:
            done, total = state["done"], state["total"]
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
            dialog.setLabelText(f"{label}\n{done:,} of {total:,}")
        if not thread.is_alive():
            loop.quit()

    timer.timeout.connect(poll)
    thread.start()
    timer.start()
    if thread.is_alive():
        loop.exec()
    timer.stop()
    thread.join()
    cancelled = cancel.is_set()  # before closing: closing a progress dialog emits canceled
    dialog.canceled.disconnect(cancel.set)
    dialog.close()
    dialog.deleteLater()
    if "error" in state:
        raise state["error"]
    if cancelled:
        raise PrintCancelled()
    return state.get("result")
