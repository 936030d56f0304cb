"""Answering a modal dialog in a test: it runs its own event loop, so the answer is queued
before the call that opens it."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

POLL_MS = 20


def when_dialog_opens(act) -> None:
    """When the next modal dialog opens, let `act` answer it."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(POLL_MS, poll)
        else:
            act(dialog)

    QTimer.singleShot(POLL_MS, poll)


def make_first_administrator(welcome) -> None:
    """Answer the first start's welcome dialog: Fatmata becomes the administrator."""
    welcome.full_name.setText("Fatmata Sesay")
    welcome.username.setText("fatmata")
    welcome.password.setText("kissy-road-7")
    welcome.repeat.setText("kissy-road-7")
    welcome.try_start()
