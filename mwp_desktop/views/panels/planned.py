"""A panel whose work is not built yet: it says plainly what it will hold.

Used until the issue that fills the panel lands, so that nobody mistakes an empty screen for a
broken one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from .header import PanelHeader


class PlannedPanel(QWidget):
    def __init__(
        self, title: str, subtitle: str, planned: Sequence[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.addWidget(PanelHeader(title, subtitle))

        card = QFrame(objectName="PlanCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 16, 20, 16)
        card_layout.addWidget(QLabel("Coming to this panel", objectName="PlanHeading"))
        self.planned_label = QLabel("\n".join(f"•  {item}" for item in planned))
        self.planned_label.setWordWrap(True)
        self.planned_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        card_layout.addWidget(self.planned_label)
        layout.addWidget(card)
        layout.addStretch(1)
