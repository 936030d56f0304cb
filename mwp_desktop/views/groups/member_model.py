"""The members of one group, with their enrolment status and dates."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ...services.registration.groups import MemberRow
from ..shared.forms import date_text
from ..shared.table_model import FOREGROUND, RIGHT, STRETCH, Column, RowTableModel

ENDED_COLOUR = "#7a868b"


class MemberTableModel(RowTableModel):
    columns = (
        Column("Code", lambda r: r.code, width=90),
        Column("Name", lambda r: r.name, width=200),
        Column("Sex", lambda r: r.sex, width=40),
        Column(
            "Age",
            lambda r: "" if r.age is None else str(r.age),
            lambda r: -1 if r.age is None else r.age,
            width=44,
            align=RIGHT,
        ),
        Column("Phone", lambda r: r.phone, width=110),
        Column("Status", lambda r: r.status.replace("_", " "), width=110),
        Column(
            "Joined",
            lambda r: date_text(r.enrolled_on),
            lambda r: r.enrolled_on.isoformat(),
            width=90,
        ),
        Column(
            "Left",
            lambda r: date_text(r.ended_on),
            lambda r: r.ended_on.isoformat() if r.ended_on else "",
            width=90,
        ),
        Column("Reason", lambda r: r.reason, width=STRETCH),
    )

    def role_data(self, row: MemberRow, column: int, role: int):
        if role == FOREGROUND and row.status in ("dropped", "transferred"):
            return QColor(ENDED_COLOUR)
        return None
