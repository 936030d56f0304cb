"""Putting a widget on the test screen the way a user has it: shown, sized and active."""

from __future__ import annotations


def on_screen(qtbot, widget, size: tuple[int, int] = (1300, 760)):
    """The widget shown and active: shortcuts such as Ctrl+T go to the active window."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget
