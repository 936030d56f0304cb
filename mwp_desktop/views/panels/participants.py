"""The Participants panel."""

from __future__ import annotations

from ..context import AppContext
from .planned import PlannedPanel


def create_panel(context: AppContext) -> PlannedPanel:
    return PlannedPanel(
        "Participants",
        "Every man and woman registered in the program.",
        [
            "Search as you type by name, code or phone",
            "Register and edit participants with checks before saving, and warnings about possible duplicates",
            "Import participant lists from spreadsheets (CSV, XLSX) and export the list",
        ],
    )
