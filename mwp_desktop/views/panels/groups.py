"""The Groups panel."""

from __future__ import annotations

from ..context import AppContext
from .planned import PlannedPanel


def create_panel(context: AppContext) -> PlannedPanel:
    return PlannedPanel(
        "Groups",
        "Every men's, women's and mixed group: who leads it, where it meets and how it is going.",
        [
            "A table of every group with its community, facilitator, start date, status, members, sessions held of 16 and attendance rate",
            "Add, edit, close and reopen groups; filter by district, community, kind and status",
            "Members of a group: add, register straight into the group, transfer, mark dropped or bring back",
        ],
    )
