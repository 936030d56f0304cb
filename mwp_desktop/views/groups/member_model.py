"""The members of one group, with their enrolment status and dates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ...services.registration.groups import MemberRow
from ..shared.forms import date_text
from ..shared.table_model import Column, RowTableModel

ENDED_COLOUR = "#7a868b"


class MemberTableModel(RowTableModel):
    COLUMNS = (
        Column("Code", lambda r: r.code),
        Column("Name", lambda r: r.name),
        Column("Sex", lambda r: r.sex),
        Column("Age", lambda r: "" if r.age is None else str(r.age)),
        Column("Phone", lambda r: r.phone),
        Column("Status", lambda r: r.status.replace("_", " ")),
        Column("Joined", lambda r: date_text(r.enrolled_on), lambda r: r.enrolled_on.isoformat()),
        Column(
            "Left",
            lambda r: date_text(r.ended_on),
            lambda r: r.ended_on.isoformat() if r.ended_on else "",
        ),
        Column("Reason", lambda r: r.reason),
    )

    def role_data(self, row: MemberRow, column: int, role: int):
        if role == Qt.ForegroundRole and row.status in ("dropped", "transferred"):
            return QColor(ENDED_COLOUR)
        return None
