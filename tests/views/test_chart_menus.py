"""No chart leaves a window-less menu to the garbage collector (a full test run deadlocked when
one was destroyed on a worker thread during a dashboard refresh)."""

from PySide6.QtWidgets import QApplication, QMenu

from mwp_desktop.views.dashboard.charts import CHART_CLASSES


def test_every_chart_owns_its_menus(qtbot):
    def loose_menus():
        return [w for w in QApplication.allWidgets() if isinstance(w, QMenu) and w.parent() is None]

    before = len(loose_menus())
    for cls in CHART_CLASSES:
        chart = cls()
        qtbot.addWidget(chart)
    assert len(loose_menus()) == before
