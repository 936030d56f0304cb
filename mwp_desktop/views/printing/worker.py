"""Running a document job off the UI thread, with a progress dialog that can cancel it.

The job is a function taking a `progress(done, total) -> bool` callback (the printing layer's
Progress); it runs on a Python thread while the window stays responsive. Short jobs finish before
the dialog's minimum duration, so a single sheet never flashes a progress window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...printing.progress import PrintCancelled


class _Relay(QObject):
    """Carries the worker thread's news to the UI thread (queued signal connections)."""

    progressed = Signal(int, int)
    done = Signal()


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Callable[[Callable[[int, int], bool]], Any],
    *,
    minimum_ms: int = 400,
) -> Any:
    """Run `job(progress)` on a thread; returns its result. Raises PrintCancelled when the user
    cancels, and the job's own exception if it failed."""
    cancel = threading.Event()
    outcome: dict[str, Any] = {}
    relay = _Relay()
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Preparing the document")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(minimum_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel.set)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"{label}\n{done:,} of {total:,}")

    relay.progressed.connect(on_progress)
    loop = QEventLoop()
    relay.done.connect(loop.quit)

    def progress(done: int, total: int) -> bool:
        relay.progressed.emit(done, total)
        return not cancel.is_set()

    def work() -> None:
        try:
            outcome["result"] = job(progress)
        except BaseException as exc:  # handed to the UI thread, raised there
            outcome["error"] = exc
        finally:
            relay.done.emit()

    thread = threading.Thread(target=work, name="print-job", daemon=True)
    thread.start()
    if thread.is_alive():
        loop.exec()
    thread.join()
    cancelled = cancel.is_set()  # before closing: closing a progress dialog emits canceled
    dialog.canceled.disconnect(cancel.set)
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if cancelled:
        raise PrintCancelled()
    return outcome.get("result")
