"""Lock the window after some minutes without keyboard or mouse use (idle_lock_minutes).

Someone walking past a shared office PC must not see or change records: after the idle time the
window's content is hidden and only the signed-in person's password brings it back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

from ..services.actor import Actor
from .login import LoginDialog

_ACTIVITY = {
    QEvent.KeyPress,
    QEvent.MouseButtonPress,
    QEvent.MouseMove,
    QEvent.Wheel,
    QEvent.TouchBegin,
}


class IdleLock(QObject):
    """Watches the program's windows for the person's keys and mouse.

    Every key press and mouse event reaches a top-level window (the main window, a dialog)
    before the widget it is for, so the lock watches those windows, each as it takes the focus,
    and not the whole application: a filter on the application runs Python for every event of
    every object (paints, timers, layouts), and the first event of an object of a class Qt keeps
    to itself (an animation timer) set up every Qt class for Python, ~13 ms the first panel's
    paint waited for after each sign-in."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self, window: QMainWindow, actor: Actor, minutes: int, *, interval_ms: int | None = None
    ):
        super().__init__(window)
        self.window = window
        self.actor = actor
        self.is_locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.PreciseTimer)  # "after 15 minutes", not up to 45 s either side
        self.timer.setInterval(interval_ms or max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        self._watch(window.windowHandle())
        QApplication.instance().focusWindowChanged.connect(self._watch)
        if minutes > 0:
            self.timer.start()

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # once: installing it again only moves it first

    def disarm(self) -> None:
        """Stop counting and watching, for good: a test's lock would otherwise go on seeing the
        next tests' input."""
        self.timer.stop()
        QApplication.instance().focusWindowChanged.disconnect(self._watch)
        for window in QApplication.instance().topLevelWindows():
            window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.is_locked and self.timer.interval():
            self.timer.start()  # restart the count
        return False

    def lock(self) -> None:
        if self.is_locked or self.window.context is None:
            return  # already locked, or signed out: the sign-in dialog is showing
        self.is_locked = True
        central = self.window.centralWidget()
        central.setVisible(False)
        self.locked.emit()
        dialog = LoginDialog(self.window.context.db, self.window, locked_for=self.actor)
        if dialog.exec() != LoginDialog.Accepted:
            self.window.close()
            return
        central.setVisible(True)
        self.is_locked = False
        self.timer.start()
        self.unlocked.emit()
