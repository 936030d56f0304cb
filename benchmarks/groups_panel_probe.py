"""Run in a child process: open the Groups panel on a database the way the main window does
(panel built, shown and painted; the attendance rates it reads in the background are not
waited for). Prints one time in seconds per run, as JSON; the first run is reported apart.

    groups_panel_probe.py DATABASE RUNS
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    database, runs = sys.argv[1], int(sys.argv[2])
    from mwp_desktop.app import make_application
    from mwp_desktop.services.database import open_existing
    from mwp_desktop.views.context import AppContext
    from mwp_desktop.views.first_paint import show_and_wait_for_first_paint
    from mwp_desktop.views.panels.groups import create_panel

    app = make_application(sys.argv[:1])
    context = AppContext(db=open_existing(database))

    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        panel = create_panel(context)
        panel.resize(1136, 700)
        show_and_wait_for_first_paint(panel, panel.table.viewport())
        times.append(time.perf_counter() - start)
        panel.close()
        panel.deleteLater()
        app.processEvents()
    print(json.dumps(times))


if __name__ == "__main__":
    main()
