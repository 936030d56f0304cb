"""The agenda's reminder to supervisors and administrators: how many safeguarding follow-ups
are overdue, linking to the Safeguarding tab. A count only, so nothing of any concern is read
(and no other role sees the line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from ...services.permissions import allowed
from ...services.sessions.concerns import overdue_follow_ups
from ..shared import operations
from ..shared.operations import Changed
from ..shared.panel import follow_changes

if TYPE_CHECKING:
    from .panel import SessionsPanel


class OverdueConcernsNote(QLabel):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.setObjectName("OverdueConcerns")
        self.setStyleSheet("color: #a12b1f; font-weight: bold;")
        self.linkActivated.connect(lambda _link: self.open_concerns())
        self.hide()
        if allowed(panel.context.actor, "concerns_all"):
            self.refresh()
            follow_changes(panel, Changed.CONCERNS, self.refresh)

    def refresh(self) -> None:
        actor = self.panel.context.actor
        count = operations.read(self.panel.context, lambda s: overdue_follow_ups(s, actor))
        words = "follow-up is" if count == 1 else "follow-ups are"
        self.setText(f"<a href='#concerns'>{count} safeguarding {words} overdue</a>")
        self.setVisible(count > 0)

    def open_concerns(self) -> None:
        self.panel.tabs.setCurrentWidget(self.panel.concerns)
