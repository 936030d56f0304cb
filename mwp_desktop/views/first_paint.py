"""Showing a widget and waiting until it has been painted once: the moment the user sees it.

Start-up shows the main window this way before opening the database, and the benchmark probes
time panels and dialogs to the same moment.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, then: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # once this paint has completed
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` once `widget` has finished its first paint (it is not shown yet)."""
    widget.installEventFilter(_FirstPaint(then, widget))


def show_and_wait_for_first_paint(
    widget: QWidget, watched: QWidget | None = None, timeout_ms: int = 10_000
) -> None:
    """Show `widget` and return once `watched` (default the widget) has finished its first
    paint, or after `timeout_ms` (a window the system never paints must not hang start-up)."""
    loop = QEventLoop()
    watcher = _FirstPaint(loop.quit)
    target = watched or widget
    target.installEventFilter(watcher)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(timeout_ms)
    widget.show()
    loop.exec()
    timeout.stop()
    target.removeEventFilter(watcher)
