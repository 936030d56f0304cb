"""Unexpected errors in the window: logged in full, shown to the user in plain words."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from ..errors import UserError

log = logging.getLogger(__name__)


def install_exception_hook() -> None:
    def hook(kind, value, tb):
        from PySide6.QtWidgets import QMessageBox  # not before the window: seldom needed

        parent = QApplication.activeWindow()
        if isinstance(value, UserError):
            QMessageBox.warning(parent, "MWP Desktop", str(value))
            return
        log.error("Unexpected error", exc_info=(kind, value, tb))
        QMessageBox.critical(
            parent,
            "MWP Desktop",
            "Something went wrong and the last action may not have finished.\n"
            "Nothing already saved was lost. The details are in the log file in the data folder.\n\n"
            # The type only: an exception's text can quote a record (a name, a phone number).
            f"({kind.__name__})",
        )

    sys.excepthook = hook
