"""Run in a child process: open the Groups panel the way the office opens it, and print how long
that took in seconds, as JSON.

The program builds a panel once per run of the program, on first use: at start-up the first
panel (the Groups panel unless another was in use) is built just after the main window's first
paint. So each run is a fresh process that starts the main window as the program does (the
window painted first, 1366×768, the office's usual screen; then the database opened and
attached, as after a sign-in) and times from asking for the Groups panel until its table has
painted: the panel's code imported, built, its figures read (attendance rates included: each
group keeps its marks at held meetings), shown and painted. A panel rebuilt again and again in one warm process (the earlier probe) skipped the import
and the first-use costs that the office pays every time.

    groups_panel_probe.py DATABASE
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Window settings (last panel, geometry) from a folder of its own, not the user's.
os.environ["MWP_DATA_DIR"] = tempfile.mkdtemp(prefix="mwp-groups-probe-")


def main() -> None:
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    from mwp_desktop.app import make_application, show_window_frame
    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.admin.database import open_for_use
    from mwp_desktop.views.shared.context import AppContext

    app = make_application(sys.argv[:1])  # noqa: F841 - lives until the process ends
    window = show_window_frame((1366, 768))
    window.attach(AppContext(db=open_for_use(sys.argv[1]), actor=SYSTEM))
    loop = QEventLoop()

    class TablePainted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, loop.quit)  # once this paint has completed
            return False

    watcher = TablePainted()
    # Installed as the panel is shown, before anything of it can paint.
    window.panel_changed.connect(
        lambda key: window.panel(key).table.viewport().installEventFilter(watcher)
    )
    QTimer.singleShot(60_000, loop.quit)  # never hang
    start = time.perf_counter()
    window.show_panel("groups")
    loop.exec()
    print(json.dumps(time.perf_counter() - start))
    sys.stdout.flush()
    os._exit(0)  # the background read may still be running: its result is not wanted


if __name__ == "__main__":
    main()
