"""Noticing that widgets have painted, for the probes that time what the user sees."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintWatch(QObject):
    """An event filter that notes a paint of any widget it is installed on; the probe clears
    `painted` when a paint from before the moment it waits for must not count."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            self.painted = True
        return False
