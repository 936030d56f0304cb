"""A fault nobody expected is said in plain words, without the words of the records involved."""

import sys

from PySide6.QtWidgets import QMessageBox

from mwp_desktop.views.errors import install_exception_hook


def test_an_unexpected_error_is_shown_by_its_kind_only(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_exception_hook()
    error = ValueError("no group for Aminata Kamara, 076 123 456")
    sys.excepthook(ValueError, error, None)
    (text,) = shown
    assert "Something went wrong" in text and "(ValueError)" in text
    assert "Aminata" not in text and "076" not in text
