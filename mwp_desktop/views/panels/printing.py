"""The Printing panel."""

from __future__ import annotations

from ..context import AppContext
from .planned import PlannedPanel


def create_panel(context: AppContext) -> PlannedPanel:
    return PlannedPanel(
        "Printing",
        "Documents for group leaders and for the office's files.",
        [
            "Session sign-in sheets, session plans and group schedules",
            "Completion certificates with a serial number and a verification code",
            "Attendance registers and the follow-up list; preview, print or save as PDF",
        ],
    )
