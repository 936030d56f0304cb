"""The preview of an import: each row of the file with what will happen to it."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ...services.registration.participant_import import ERROR, NEW, ImportPlan, PlannedRow
from ..shared.table_model import BACKGROUND, RIGHT, STRETCH, TOOLTIP, Column, RowTableModel

STATUS_COLOURS = {NEW: "#e3f4ea", ERROR: "#fbe3e1"}
OTHER_COLOUR = "#fff4d6"  # duplicates, and rows imported with a note: yellow


class ImportPreviewModel(RowTableModel):
    columns = (
        Column("Row", lambda r: str(r.number), lambda r: r.number, width=50, align=RIGHT),
        Column("Status", lambda r: "will be imported" if r.status == NEW else r.status, width=140),
        Column("Name", lambda r: r.name, width=200),
        Column("Community", lambda r: r.community, width=140),
        Column("Reason", lambda r: r.reason or r.note, width=STRETCH),
    )

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.set_rows(plan.rows if plan else ())

    def role_data(self, row: PlannedRow, column: int, role: int):
        if role == TOOLTIP and (row.reason or row.note):
            return row.reason or row.note
        if role == BACKGROUND and column == 1:
            if row.note:  # imported, but something to look at: a phone another man uses
                return QColor(OTHER_COLOUR)
            return QColor(STATUS_COLOURS.get(row.status, OTHER_COLOUR))
        return None
