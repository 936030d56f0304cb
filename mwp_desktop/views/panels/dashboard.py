"""The Dashboard panel."""

from __future__ import annotations

from ..context import AppContext
from .planned import PlannedPanel


def create_panel(context: AppContext) -> PlannedPanel:
    return PlannedPanel(
        "Dashboard",
        "How participation is going, at a glance, for supervisors and donor reports.",
        [
            "Headline figures: active groups, men enrolled, meetings held, attendance and completion rates",
            "Charts of attendance by week, retention by session, completion by district",
            "Filters by date, district, community and facilitator; export of the figures and a printable report",
        ],
    )
