"""Run in a child process: start a window and print "painted" the moment its first paint is done.

`bare` shows an empty PySide6 QMainWindow (the baseline).

`signin DATABASE USER PASSWORD TYPING_MS` starts MWP Desktop as a person does: the window,
painted before any database work ("painted"), then the sign-in dialog while the database opens
behind it. It prints "dialog" when the dialog has painted (the person can type), waits TYPING_MS
as the person types, prints "enter" as it presses Sign in, and "ready" when the first panel is
filled: every read it started answered and painted. What the person waits for is the time to
"dialog" plus the time from "enter" to "ready".
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


def signed_in(database: str, username: str, password: str, typing_ms: int) -> None:
    from mwp_desktop.cli import parse_command_line

    parse_command_line(["--db", database])
    from mwp_desktop.app import (
        make_application,
        open_behind_sign_in,
        show_window_frame,
        start_session,
    )

    app = make_application(sys.argv[:1])
    window = show_window_frame()
    print("painted", flush=True)

    from paint_watch import PaintWatch
    from panel_probe import BackgroundWork, wait_until_filled
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    work = BackgroundWork()
    watcher = PaintWatch()

    def find_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(1, find_dialog)
            return
        dialog.installEventFilter(watcher)
        dialog.update()
        wait_for_paint(dialog)

    def wait_for_paint(dialog) -> None:
        if not watcher.painted:
            QTimer.singleShot(1, lambda: wait_for_paint(dialog))
            return
        print("dialog", flush=True)
        QTimer.singleShot(typing_ms, lambda: press_sign_in(dialog))

    def press_sign_in(dialog) -> None:
        dialog.username.setText(username)
        dialog.password.setText(password)
        print("enter", flush=True)
        dialog.sign_in.click()

    QTimer.singleShot(0, find_dialog)
    opening = open_behind_sign_in(window, database)
    db, actor, lock = start_session(opening, offer_demo=False, parent=window)
    from mwp_desktop.views.shared.context import AppContext

    window.attach(AppContext(db=db, actor=actor))
    panel = window.show_panel(window.last_panel())
    wait_until_filled(app, panel, work)
    print("ready", flush=True)
    if lock is not None:
        lock.release()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        signed_in(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
