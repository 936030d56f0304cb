"""Asking before enrolling someone whose sex is not the one the group is for.

The services refuse it (`OtherSex`) unless told the user agreed: a woman in a men's group may be
a typing slip, or the office's choice; the window says why and asks, and never decides alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...services.registration.enrollments import OtherSex


def enrol_anyway(parent: QWidget | None, title: str, refusal: OtherSex) -> bool:
    """The reason, and the question; True when the user said to enrol all the same."""
    answer = QMessageBox.question(
        parent, title, f"{refusal}\n\nEnrol anyway?", QMessageBox.Yes | QMessageBox.No,
        QMessageBox.No,
    )  # fmt: skip
    return answer == QMessageBox.Yes
