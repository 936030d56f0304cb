"""Run in a child process: start a window and print "painted" the moment its first paint is done.

`bare` shows an empty PySide6 QMainWindow (the baseline). `app DATABASE` starts MWP Desktop the
way the program does — the main window shown before the database is opened — prints "painted",
then opens the database, fills the window with its first panel as after a sign-in, and prints
"ready" when that panel has been painted.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from mwp_desktop.views.first_paint import show_and_wait_for_first_paint

    app = QApplication(sys.argv[:1])  # noqa: F841 - lives until the process ends
    window = QMainWindow()
    window.resize(1280, 760)
    show_and_wait_for_first_paint(window)
    print("painted", flush=True)


def program(database: str) -> None:
    from mwp_desktop.cli import build_parser

    build_parser().parse_args(["--db", database])  # as `mwp-desktop --db FILE` starts
    from mwp_desktop.app import make_application, show_window_frame

    app = make_application(sys.argv[:1])  # noqa: F841
    window = show_window_frame()
    print("painted", flush=True)

    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.admin.database import open_for_use
    from mwp_desktop.views.first_paint import show_and_wait_for_first_paint
    from mwp_desktop.views.shared.context import AppContext

    window.attach(AppContext(db=open_for_use(database), actor=SYSTEM))
    panel = window.show_panel(window.last_panel())
    show_and_wait_for_first_paint(window, panel)
    print("ready", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        program(sys.argv[2])
