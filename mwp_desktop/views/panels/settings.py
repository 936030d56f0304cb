"""The Settings panel."""

from __future__ import annotations

from ..context import AppContext
from .planned import PlannedPanel


def create_panel(context: AppContext) -> PlannedPanel:
    return PlannedPanel(
        "Settings",
        "The organisation, the people who use the program and how it keeps data safe.",
        [
            "Organisation name, logo and certificate signatories; the completion rule",
            "Communities, facilitators, curricula and the office's closed days",
            "Users and roles, backups and restore, and the connection to an office server",
        ],
    )
