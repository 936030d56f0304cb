"""What a supervisor sees on opening the dashboard, without scrolling (issue 16, item 20; issue
15, item 13 for the dashboard: nothing wider than the screen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from mwp_desktop.views.dashboard.charts import FacilitatorChart
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext
from tests.builders.dashboard_office import add_dashboard_office


def on_screen(widget, viewport) -> bool:
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


# 1366x768, and 1920x1080 at 150% (1280x720 in the window's own pixels).
@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_headline_figures_and_where_to_act_fit_the_first_screen(qtbot, db, size):
    add_dashboard_office(db)
    window = MainWindow(AppContext(db=db))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    panel = window.show_panel("dashboard")
    qtbot.waitUntil(lambda: panel.board is not None and not panel.busy_now, timeout=15000)
    qtbot.wait(50)  # the layout settles after the first figures
    assert window.width() == size[0], "the dashboard makes the window wider than the screen"
    viewport = panel.scroll.viewport()
    assert panel.charts[0] is panel.chart(FacilitatorChart)
    assert on_screen(panel.tiles, viewport)
    assert on_screen(panel.charts[0], viewport)
    assert panel.charts[0].plot.height() >= 180  # a chart, not a sliver
