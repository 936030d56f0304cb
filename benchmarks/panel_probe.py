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

import contextlib
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Window settings (last panel, geometry) from a folder of its own, not the user's.
os.environ["MWP_DATA_DIR"] = tempfile.mkdtemp(prefix="mwp-panel-probe-")

TIMEOUT_S = 60.0
# Background reads (by panel, their keys) timed by lines of their own, not by the panel's open.
TIMED_APART = {"dashboard": ("figures",)}


class BackgroundWork:
    """Every task the window hands to its worker threads, so the probe knows when all have
    answered (a task overtaken by a newer one answers too, and is dropped)."""

    def __init__(self, timed_apart: tuple[str, ...] = ()) -> None:
        from mwp_desktop.views.shared import operations

        self.tasks: list = []
        original = operations.run_in_background

        def counted(*args, **kwargs):
            task = original(*args, **kwargs)
            if kwargs.get("key") not in timed_apart:
                self.tasks.append(task)
            return task

        operations.run_in_background = counted

    def pending(self) -> bool:
        for task in self.tasks:
            try:
                if not task.finished:
                    return True
            except RuntimeError:  # deleted by Qt once its answer was handled
                continue
        return False


def wait_until_filled(app, panel, work: BackgroundWork, figures: bool = False) -> None:
    """Process events until the panel has painted after its last background answer (with
    `figures`, also after its figures are on every chart: `busy_now` false)."""
    from paint_watch import PaintWatch
    from PySide6.QtCore import QObject

    watcher = PaintWatch()
    watched = [panel, *panel.findChildren(QObject)]
    for widget in watched:
        if hasattr(widget, "installEventFilter"):
            widget.installEventFilter(watcher)
    deadline = time.perf_counter() + TIMEOUT_S
    asked_for_paint = rewatched = False
    while time.perf_counter() < deadline:
        app.processEvents()
        if work.pending() or (figures and panel.busy_now):
            watcher.painted = asked_for_paint = rewatched = False  # a paint before the answer
            time.sleep(0.001)  # does not count
            continue
        if figures and not rewatched:  # the charts built meanwhile: their paints count too
            known = {id(widget) for widget in watched}
            for widget in panel.findChildren(QObject):
                if id(widget) not in known and hasattr(widget, "installEventFilter"):
                    widget.installEventFilter(watcher)
                    watched.append(widget)
            rewatched = True
        if watcher.painted:
            app.processEvents()  # the paint under way completes, and what it set off starts:
            if work.pending():  # a read started once the panel first painted is still
                continue  # part of what the user waits for
            break
        if not asked_for_paint:
            # An answer that changed nothing on screen schedules no paint of its own.
            panel.update()
            asked_for_paint = True
        time.sleep(0.001)
    for widget in watched:
        with contextlib.suppress(RuntimeError, AttributeError):  # deleted since
            widget.removeEventFilter(watcher)


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
