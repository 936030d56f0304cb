"""Python's cycle collector runs on the UI thread only (views/ui_thread_gc.py)."""

import gc
import threading

from PySide6.QtCore import QObject

from mwp_desktop.app import make_application
from mwp_desktop.views.ui_thread_gc import UiThreadCollector


class Cycle:
    def __init__(self, collected_in: list) -> None:
        self.me = self
        self.collected_in = collected_in

    def __del__(self) -> None:
        self.collected_in.append(threading.current_thread() is threading.main_thread())


def test_garbage_made_on_a_worker_is_collected_on_the_ui_thread(qtbot):
    app = make_application()
    assert not gc.isenabled()
    assert len(app.findChildren(UiThreadCollector)) == 1  # made once, however often asked
    collected_in = []

    def make_garbage():
        for _ in range(5_000):  # far past the youngest generation's threshold
            Cycle(collected_in)

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert collected_in == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: len(collected_in) == 5_000, timeout=5_000)
    assert all(collected_in)


def test_the_program_makes_one_collector(qapp):
    make_application()
    make_application()
    assert len(qapp.findChildren(UiThreadCollector)) == 1
    assert isinstance(qapp.findChild(UiThreadCollector), QObject)
