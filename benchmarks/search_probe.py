"""Run in a child process: type in the Participants panel's search box, one keystroke at a time,
and print, as JSON, the seconds from each keystroke's search starting (the panel's typing pause
over) until the table has repainted with its rows.

The real window, 1366×768, the database attached as after a sign-in, the Participants panel
open and filled first. Each keystroke puts the text in the box and starts the search as the
pause's end does (`apply_search`); the clock stops when the rows of that text are in the model
and the table's viewport has finished painting them. The count of matches, read after the rows,
is not timed (the user reads the rows), but the next keystroke waits for it, as the typing pause
would: a search starts only once the typing has paused for 150 ms, longer than a count takes.

    search_probe.py DATABASE WORD [WORD …]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["MWP_DATA_DIR"] = tempfile.mkdtemp(prefix="mwp-search-probe-")

TIMEOUT_S = 30.0


def main() -> None:
    database, words = sys.argv[1], sys.argv[2:]
    from paint_watch import PaintWatch

    from mwp_desktop.app import make_application, show_window_frame
    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.admin.database import open_for_use
    from mwp_desktop.views.shared.context import AppContext

    app = make_application(sys.argv[:1])
    window = show_window_frame((1366, 768))
    window.attach(AppContext(db=open_for_use(database), actor=SYSTEM))
    panel = window.show_panel("participants")
    watcher = PaintWatch()
    panel.table.viewport().installEventFilter(watcher)

    def until_rows_painted() -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while time.perf_counter() < deadline:
            app.processEvents()
            if panel.model.rows_pending:
                watcher.painted = False  # the old rows repainted do not count
            elif watcher.painted:
                app.processEvents()  # the paint under way completes
                return
            time.sleep(0.0005)
        raise SystemExit("the rows never came")

    def until_counted() -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while panel.model.loading and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)

    until_rows_painted()  # the panel's first rows
    times = []
    for word in words:
        for n in range(1, len(word) + 1):
            panel.search.setText(word[:n])
            watcher.painted = False
            start = time.perf_counter()
            panel.apply_search()
            until_rows_painted()
            times.append(time.perf_counter() - start)
            until_counted()
        panel.search.clear()
        panel.apply_search()
        until_rows_painted()
    print(json.dumps(times))
    sys.stdout.flush()
    os._exit(0)  # a count may still be running: its answer is not wanted


if __name__ == "__main__":
    main()
