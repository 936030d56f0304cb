"""Lock the window after some minutes without keyboard or mouse use (idle_lock_minutes).

Someone walking past a shared office PC must not see or change records: after the idle time the
window's content is hidden and only the signed-in person's password brings it back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
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
        self.timer.setInterval(interval_ms or max(1, minutes) * 60_000)
        self.timer.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        if minutes > 0:
            self.timer.start()

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
