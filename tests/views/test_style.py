"""The program's look: what a user must be able to tell apart at a glance."""

import pytest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from mwp_desktop.views.style import apply_style


@pytest.fixture
def styled(qapp):
    """The program's style for one test, and the test run's own style back afterwards."""
    sheet, palette, style = qapp.styleSheet(), qapp.palette(), qapp.style().name()
    apply_style(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)


def picture(button: QPushButton):
    return button.grab().toImage()


@pytest.mark.parametrize("default", [True, False], ids=["default button", "plain button"])
def test_a_disabled_button_looks_disabled(qtbot, styled, default):
    row = QWidget()
    layout = QHBoxLayout(row)
    buttons = []
    for enabled in (True, False):
        button = QPushButton("Save")
        button.setDefault(default)
        button.setEnabled(enabled)
        layout.addWidget(button)
        buttons.append(button)
    qtbot.addWidget(row)
    row.show()
    QApplication.processEvents()
    enabled, disabled = (picture(b) for b in buttons)
    assert enabled.size() == disabled.size()
    assert enabled != disabled  # the same button, drawn the same, would say nothing
