"""The agenda's line on follow-up attitude surveys falling due: how many, the first few named,
and, on hovering, every one.

At four times national scale 7,000 groups are due. The line reads only how many and the first
few, off the UI thread; the tooltip naming them all reads them the first time the pointer rests
on the line, not at every opening of the agenda.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel

from ...services.surveys.follow_up_due import FollowUpDue, FollowUpsDue

NAMED = 3  # groups named on the line; the tooltip lists them all


class SurveysDueLine(QLabel):
    def __init__(self, read_all: Callable[[date], list[FollowUpDue]]):
        """`read_all(today)`: every follow-up due, for the tooltip."""
        super().__init__("", objectName="SurveysDue")
        self.setWordWrap(True)
        self.hide()  # until the surveys due are read, and only if any are
        self._read_all = read_all
        self._today = date.today()
        self._tip_written = True

    def show_due(self, due: FollowUpsDue, today: date) -> None:
        self._today = today
        self.setVisible(bool(due.count))
        # One line however many are due: a national office's list would push the meetings away.
        named = ", ".join(d.text(today) for d in due.first[:NAMED])
        more = f" and {due.count - NAMED} more" if due.count > NAMED else ""
        self.setText(f"<b>Follow-up attitude surveys due ({due.count}):</b> {named}{more}")
        self.setToolTip("")
        self._tip_written = not more  # the line names them all: no tooltip

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip and not self._tip_written:
            self._tip_written = True
            today = self._today
            self.setToolTip("\n".join(d.text(today) for d in self._read_all(today)))
        return super().event(event)
