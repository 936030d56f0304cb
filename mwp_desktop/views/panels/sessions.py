"""The Sessions & Attendance panel."""

from __future__ import annotations

from ..context import AppContext
from .planned import PlannedPanel


def create_panel(context: AppContext) -> PlannedPanel:
    return PlannedPanel(
        "Sessions & Attendance",
        "This week's meetings, the 16-session schedules and the attendance registers.",
        [
            "The agenda of this week's and next week's meetings across all groups, with overdue meetings highlighted",
            "Plan a group's weekly schedule around public holidays; postpone, cancel and add make-up meetings",
            "The attendance register, typed in from the paper sign-in sheets with the keyboard",
            "The follow-up list of men who missed two meetings in a row",
        ],
    )
