"""Run in a child process: start a window and print "painted" the moment its first paint is done.

`bare` shows an empty PySide6 QMainWindow (the baseline).

`signin DATABASE USER PASSWORD TYPING_MS` starts MWP Desktop as a person does, through the
program's own entry point (`mwp-desktop --db DATABASE`: the log, the clean-up after a killed run,
the error hooks, all it does first): the window, painted before any database work ("painted"),
then the sign-in dialog while the database opens behind it. It prints "dialog" when the dialog
has painted (the person can type), waits TYPING_MS as the person types, prints "enter" as it
presses Sign in, and "ready" when the first panel is filled: every read it started answered and
painted. Then it closes the window. What the person waits for is the time to "dialog" plus the
time from "enter" to "ready". The probe only watches: it wraps two of the program's functions
to see the window and its first panel, and finds the dialog as it opens.
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


def signed_in(database: str, username: str, password: str, typing_ms: int) -> int:
    import mwp_desktop.app as program
    from mwp_desktop.cli import main

    show_window_frame = program.show_window_frame

    def frame_then_watch(*args, **kwargs):
        window = show_window_frame(*args, **kwargs)
        print("painted", flush=True)
        watch_sign_in(window, username, password, typing_ms)
        return window

    program.show_window_frame = frame_then_watch
    return main(["--db", database])


def watch_sign_in(window, username: str, password: str, typing_ms: int) -> None:
    """Type into the sign-in dialog when it has painted, and time the first panel filled."""
    from paint_watch import BackgroundWork, PaintWatch, wait_until_filled
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

    show_panel = window.show_panel

    def show_then_time(key: str):
        panel = show_panel(key)
        QTimer.singleShot(0, lambda: filled(panel))
        return panel

    def filled(panel) -> None:
        wait_until_filled(QApplication.instance(), panel, work)
        print("ready", flush=True)
        window.backup_at_close = False  # the copy is thrown away: no backup of it at close
        window.close()

    window.show_panel = show_then_time
    QTimer.singleShot(0, find_dialog)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        sys.exit(signed_in(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])))
