"""The program's look: what a user must be able to tell apart at a glance."""

import pytest
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from .styled import styled  # noqa: F401 - a fixture


@pytest.mark.usefixtures("styled")
@pytest.mark.parametrize("default", [True, False], ids=["default button", "plain button"])
def test_a_disabled_button_looks_disabled(qtbot, default):
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
    enabled, disabled = (button.grab().toImage() for button in buttons)
    assert enabled.size() == disabled.size()
    assert enabled != disabled  # the same button, drawn the same, would say nothing
