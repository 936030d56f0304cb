"""Run in a child process: show a window and print "painted" when its first paint has happened.

`bare` shows an empty PySide6 QMainWindow (the baseline); `app` opens MWP Desktop's main window
on the given database, the way the program starts.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    kind = sys.argv[1]
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 760)
    else:
        from mwp_desktop.app import build_main_window, make_application
        from mwp_desktop.services.database import open_for_use

        app = make_application(sys.argv[:1])
        window = build_main_window(open_for_use(sys.argv[2]), panel_after_paint=True)
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                # Report after this paint completes, then quit.
                QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
                obj.removeEventFilter(self)
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
