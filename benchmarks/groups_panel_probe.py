"""Run in a child process: open the Groups panel the way the office opens it, and print how long
that took in seconds, as JSON.

The program builds a panel once per run of the program, on first use: at start-up the first
panel (the Groups panel unless another was in use) is built just after the main window's first
paint. So each run is a fresh process that starts the main window on the database as the program
does (`build_main_window`, 1366×768, the office's usual screen) and times from the end of the
window's first paint until the Groups table has painted: the panel's code imported, built, its
figures read, shown and painted. The attendance rates, read in the background, are not waited
for. A panel rebuilt again and again in one warm process (the earlier probe) skipped the import
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
    from PySide6.QtCore import QEvent, QObject, QTimer

    from mwp_desktop.app import build_main_window, make_application
    from mwp_desktop.services.database import open_for_use

    app = make_application(sys.argv[:1])
    window = build_main_window(
        open_for_use(sys.argv[1]), panel="groups", size=(1366, 768), panel_after_paint=True
    )
    times: dict[str, float] = {}

    def mark(name: str) -> None:
        times.setdefault(name, time.perf_counter())
        if name == "painted":
            app.quit()

    class FirstPaint(QObject):
        """Marks `name` just after the watched widget's first paint has completed."""

        def __init__(self, name: str):
            super().__init__()
            self.name = name

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, lambda: mark(self.name))
            return False

    # Installed after the window's own filter, so it is called first: its timer fires before
    # the one that builds the panel.
    window_painted = FirstPaint("window")
    window.installEventFilter(window_painted)
    table_painted = FirstPaint("painted")

    def panel_changed(key: str) -> None:
        if key == "groups":
            window.panel("groups").table.viewport().installEventFilter(table_painted)

    window.panel_changed.connect(panel_changed)
    QTimer.singleShot(60_000, app.quit)  # never hang
    window.show()
    app.exec()
    print(json.dumps(times["painted"] - times["window"]))
    sys.stdout.flush()
    os._exit(0)  # the background read may still be running: its result is not wanted


if __name__ == "__main__":
    main()
