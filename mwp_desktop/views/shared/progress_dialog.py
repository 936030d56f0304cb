"""The progress box of long work off the UI thread (operations.run_in_background).

Apart from operations.py, which every window imports before it is painted: the box is needed
only once some work runs long, and its Qt class costs its first user a millisecond to set up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from .operations import Task

POLL_MS = 50  # how often the box reads the worker's count


class ProgressDialog(QProgressDialog):
    """The box that shows a background task's count, with Cancel (operations.run_in_background)."""

    def __init__(self, parent: QWidget | None, title: str, label: str, task: Task, after_ms: int):
        super().__init__(label, "Cancel", 0, 0, parent)
        self.task, self.label = task, label
        self.closed = False
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        self.setMinimumDuration(after_ms)
        self.setValue(0)  # starts Qt's timer to show it after `after_ms` (else its default, 4 s)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(self._stop)  # the button, Escape and the title bar's close
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        done, total = self.task.counts()
        if total:
            self.setMaximum(total)
            self.setValue(min(done, total))
            self.setLabelText(f"{self.label}\n{done:,} of {total:,}")

    def _stop(self) -> None:
        """Asked to stop: the work is told, and the box goes at once. Kept until the work
        ended, a cancelled box was shown again by the work's next count (Qt shows a hidden
        progress dialog whose value moves), so Cancel and Escape seemed to do nothing. A read's
        answer is dropped when it comes; a change is rolled back, and says so, when it ends."""
        if not self.closed:  # not once the work has ended: that is not a cancel
            self.task.cancel()
            self.close_when_done()

    def reject(self) -> None:
        """Escape reaching the dialog itself (not through its Cancel shortcut, which needs the
        box to be the active window) would only hide it: it cancels too."""
        self._stop()

    def close_when_done(self) -> None:
        if self.closed:  # cancelled earlier: the box may be deleted already
            return
        self.closed = True
        self.timer.stop()
        self.hide()  # not close(): a dialog's close is a cancel (reject), and the work is done
        self.deleteLater()
