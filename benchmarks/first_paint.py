"""Waiting until a widget has been painted once: the moment the user sees it (probes only)."""

from __future__ import annotations


def show_and_wait_for_first_paint(widget, watched=None, timeout_ms: int = 10_000) -> None:
    """Show `widget` and return once `watched` (default the widget) has finished its first paint
    (or after `timeout_ms`, so a probe never hangs)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    loop = QEventLoop()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, loop.quit)  # after this paint completes
            return False

    watcher = FirstPaint()
    (watched or widget).installEventFilter(watcher)
    QTimer.singleShot(timeout_ms, loop.quit)
    widget.show()
    loop.exec()
