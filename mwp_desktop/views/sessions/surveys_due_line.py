"""The agenda's line on follow-up attitude surveys falling due: how many, the first few named,
and, on hovering, every one.

At four times national scale 7,000 groups are due: the list is read off the UI thread, and the
tooltip naming them all is written the first time the pointer rests on the line, not for every
opening of the agenda.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel

from ...services.surveys.follow_up_due import FollowUpDue

NAMED = 3  # groups named on the line; the tooltip lists them all


class SurveysDueLine(QLabel):
    def __init__(self):
        super().__init__("", objectName="SurveysDue")
        self.setWordWrap(True)
        self.hide()  # until the surveys due are read, and only if any are
        self._due: list[FollowUpDue] = []
        self._today = date.today()
        self._tip_written = True

    def show_due(self, due: list[FollowUpDue], today: date) -> None:
        self._due, self._today = due, today
        self.setVisible(bool(due))
        # One line however many are due: a national office's list would push the meetings away.
        named = ", ".join(d.text(today) for d in due[:NAMED])
        more = f" and {len(due) - NAMED} more" if len(due) > NAMED else ""
        self.setText(f"<b>Follow-up attitude surveys due ({len(due)}):</b> {named}{more}")
        self.setToolTip("")
        self._tip_written = not more  # the line names them all: no tooltip

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip and not self._tip_written:
            self._tip_written = True
            self.setToolTip("\n".join(d.text(self._today) for d in self._due))
        return super().event(event)
