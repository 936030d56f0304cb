"""Run in a child process: open one panel the way the office first opens it, and print, as JSON,
the seconds until the user sees it filled — and, with --refresh, until F5 has filled it again.

Each run is a fresh process that starts the main window as the program does (the window painted
first, 1366×768; then the database opened and attached, as after a sign-in). The clock starts
when the panel is asked for and stops when the panel has painted with nothing left to come: every
read the panel started in the background has answered, and the panel has painted after the last
answer. That is "filled": the figures, lists and charts the user opened the panel for.

One read is timed apart: the Dashboard panel's figures, which have lines of their own
("dashboard first open, figures painted", "dashboard refresh (F5), figures painted"). Its first
open is timed as every panel's is for its frame: the panel shown and usable — filters, tiles and
each chart's place painted, saying "Reading the figures…" — with its other reads answered.
With --figures the probe waits for the figures too: read, drawn on every chart, and painted.

With --after-sign-in MS the panel is the one the program opens first, as after a sign-in: the
database opened and the panel prepared while the password is typed (MainWindow.prepare_panel,
as app.open_behind_sign_in does), MS milliseconds of typing, then signed in. The Dashboard is
built and its charts' library loaded in those moments; the clock starts at the sign-in.

    panel_probe.py DATABASE PANEL_KEY [--refresh] [--figures] [--after-sign-in MS]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Window settings (last panel, geometry) from a folder of its own, not the user's.
os.environ["MWP_DATA_DIR"] = tempfile.mkdtemp(prefix="mwp-panel-probe-")

# Background reads (by panel, their keys) timed by lines of their own, not by the panel's open.
TIMED_APART = {"dashboard": ("figures",)}


def _profiler():
    """With MWP_PROBE_PROFILE=FILE, the first open is profiled into FILE (for finding causes)."""
    if not os.environ.get("MWP_PROBE_PROFILE"):
        return None
    import cProfile

    profile = cProfile.Profile()
    profile.enable()
    return profile


def main() -> None:
    database, key = sys.argv[1], sys.argv[2]
    figures = "--figures" in sys.argv
    from paint_watch import BackgroundWork, wait_until_filled

    from mwp_desktop.app import make_application, show_window_frame
    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.admin.database import open_for_use
    from mwp_desktop.views.shared.context import AppContext

    app = make_application(sys.argv[:1])
    window = show_window_frame((1366, 768))
    db = open_for_use(database)
    if "--after-sign-in" in sys.argv:
        typing_s = int(sys.argv[sys.argv.index("--after-sign-in") + 1]) / 1000
        window.prepare_panel(key, db)
        typed = time.perf_counter() + typing_s
        while time.perf_counter() < typed:
            app.processEvents()
            time.sleep(0.005)
    work = BackgroundWork(() if figures else TIMED_APART.get(key, ()))
    signed_in = time.perf_counter()  # Sign in pressed: what follows is waited for
    window.attach(AppContext(db=db, actor=SYSTEM))
    app.processEvents()
    profile = _profiler()
    # After a sign-in, from the moment it is pressed (the panel may have started reading on
    # it); otherwise from the moment the panel is asked for.
    start = signed_in if "--after-sign-in" in sys.argv else time.perf_counter()
    panel = window.show_panel(key)
    wait_until_filled(app, panel, work, figures)
    moments = {"filled": time.perf_counter() - start}
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["MWP_PROBE_PROFILE"])
    if "--refresh" in sys.argv:
        start = time.perf_counter()
        panel.refresh()
        wait_until_filled(app, panel, work, figures)
        moments["refresh"] = time.perf_counter() - start
    print(json.dumps(moments))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
