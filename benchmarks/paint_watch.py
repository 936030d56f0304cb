"""Noticing that widgets have painted, for the probes that time what the user sees.

Imported by a probe after its clock has started: nothing here may cost the probe's process
anything the program itself does not (no imports beyond Qt's, no files).
"""

from __future__ import annotations

import contextlib
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class PaintWatch(QObject):
    """An event filter that notes a paint of any widget it is installed on; the probe clears
    `painted` when a paint from before the moment it waits for must not count."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False
        self._watched: dict[int, QObject] = {}

    def watch(self, widget: QObject) -> None:
        """Watch `widget` and every widget under it not watched yet. Only widgets paint: finding
        every QObject (layouts, models, actions, timers…) wrapped a few hundred in Python
        objects, the first of each Qt class setting up that class for Python, ~15-25 ms of
        the probe's own counted in what it timed."""
        for child in (widget, *widget.findChildren(QWidget)):  # what paints
            if id(child) not in self._watched:
                child.installEventFilter(self)
                self._watched[id(child)] = child

    def stop(self) -> None:
        for child in self._watched.values():
            with contextlib.suppress(RuntimeError, AttributeError):  # deleted since
                child.removeEventFilter(self)
        self._watched.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            self.painted = True
        return False


TIMEOUT_S = 60.0


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
    watcher = PaintWatch()
    watcher.watch(panel)
    deadline = time.perf_counter() + TIMEOUT_S
    asked_for_paint = rewatched = False
    while time.perf_counter() < deadline:
        app.processEvents()
        if work.pending() or (figures and panel.busy_now):
            watcher.painted = asked_for_paint = rewatched = False  # a paint before the answer
            time.sleep(0.001)  # does not count
            continue
        if figures and not rewatched:  # the charts built meanwhile: their paints count too
            watcher.watch(panel)
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
    watcher.stop()
