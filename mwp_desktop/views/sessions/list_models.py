"""Table models for the agenda and the follow-up list: read-only rows of frozen dataclasses."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...services.registration.validation import display_phone
from ...services.sessions.agenda import AgendaItem
from ..shared.table_model import BACKGROUND, RIGHT, STRETCH, TOOLTIP, Column, RowTableModel

if TYPE_CHECKING:  # the follow-up service is loaded with its tab, not with the agenda
    from ...services.sessions.follow_up import FollowUpItem

OVERDUE = QBrush(QColor("#fbe1dc"))
HELD = QBrush(QColor("#e3f2e8"))
CANCELLED = QBrush(QColor("#eceff0"))


def _day(value: date | None) -> str:
    return value.strftime("%a %d/%m/%Y") if value else ""


class RowsModel(RowTableModel):
    """Whole-row colour and tooltip: the agenda and follow-up lists colour a line, not a cell."""

    def role_data(self, row, column: int, role: int):
        if role == BACKGROUND:
            return self.background(row)
        if role == TOOLTIP:
            return self.tooltip(row)
        return None

    def background(self, item) -> QBrush | None:
        return None

    def tooltip(self, item) -> str | None:
        return None


class ServiceOrderedModel(RowsModel):
    """Rows that sort themselves, given already in their first column's ascending order.

    The agenda's rows come from SQL in the order its Date column sorts by: a sort proxy made
    ~110,000 Python key look-ups to put 5,000 rows (four times national) in the order they had.
    Here new rows are shown as given; a column's keys are made once, when the user first sorts on
    it, and kept until the rows change. `rows` stays in the service's order.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown: list[int] = []  # the rows' positions, in the order shown
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.AscendingOrder)
        self._keys: dict[int, list] = {}

    def set_rows(self, rows) -> None:
        """Rows in the first column's ascending order, shown in it (the view's sort indicator
        is put back on that column)."""
        self.beginResetModel()
        self.rows = list(rows or ())
        self._shown = list(range(len(self.rows)))
        self._sort = (0, Qt.AscendingOrder)
        self._keys = {}
        self.endResetModel()

    def cell_row(self, line: int):
        shown = self._shown
        return self.rows[shown[line]] if 0 <= line < len(shown) else None

    row_at = cell_row

    def line_of(self, position: int) -> int:
        """The line showing rows[position]."""
        return self._shown.index(position)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or (column, order) == self._sort:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()  # the selection and current row follow their rows
        positions = [self._shown[index.row()] for index in kept]
        keys = self._keys.get(column)
        if keys is None:
            key = self.columns[column].key
            keys = self._keys[column] = [key(row) for row in self.rows]
        # Stable, like the proxy it replaces: rows with equal keys keep the service's order.
        self._shown = sorted(
            range(len(self.rows)), key=keys.__getitem__, reverse=order == Qt.DescendingOrder
        )
        self._sort = (column, order)
        lines = {position: line for line, position in enumerate(self._shown)}
        self.changePersistentIndexList(
            kept,
            [
                self.index(lines[p], index.column())
                for p, index in zip(positions, kept, strict=True)
            ],
        )
        self.layoutChanged.emit()


def _agenda_status(item: AgendaItem) -> str:
    if item.overdue:
        return "Overdue"
    if item.status == "held":
        return f"Held {item.held_date:%d/%m}"
    if item.status == "cancelled":
        return "Cancelled"
    return "Planned"


class AgendaModel(ServiceOrderedModel):
    # The service lists meetings by day, time and group: the Date column's order.
    columns = (
        Column(
            "Date",
            lambda i: _day(i.planned_date),
            lambda i: f"{i.planned_date.isoformat()} {i.planned_time or ''} {i.group_code}",
            width=118,
        ),
        Column(
            "Time", lambda i: i.planned_time.strftime("%H:%M") if i.planned_time else "", width=52
        ),
        Column("Group", lambda i: i.group_code, width=96),
        Column(
            "Session",
            lambda i: f"{i.number}. {i.title}" + (" (make-up)" if i.is_makeup else ""),
            lambda i: i.number,
            width=STRETCH,  # the session title takes the room
        ),
        Column("Facilitator", lambda i: i.facilitator, width=140),
        # The district is in the row's tooltip and the filter above: the title needs the room.
        Column("Community", lambda i: i.community, width=112),
        Column("Status", _agenda_status, width=90),
    )

    def background(self, item: AgendaItem):
        if item.overdue:
            return OVERDUE
        if item.status == "held":
            return HELD
        if item.status == "cancelled":
            return CANCELLED
        return None

    def tooltip(self, item: AgendaItem):
        where = f"{item.group_code} {item.group_name}" + (f" · {item.venue}" if item.venue else "")
        place = ", ".join(p for p in (item.community, item.district) if p)
        where += f"\n{item.number}. {item.title}" + (f"\n{place}" if place else "")
        if item.overdue:
            return f"{where}\nThe day has passed: take attendance, postpone or cancel it."
        return where


class FollowUpModel(RowsModel):
    columns = (
        Column("Participant", lambda i: i.name, width=160),
        Column("Code", lambda i: i.code, width=82),
        Column("Phone", lambda i: display_phone(i.phone), width=116),
        Column("Group", lambda i: f"{i.group_code} {i.group_name}", width=STRETCH),
        Column("Community", lambda i: i.community, width=112),
        Column(
            "Facilitator",
            lambda i: f"{i.facilitator} {display_phone(i.facilitator_phone)}".strip(),
            width=220,
        ),
        Column(
            "Missed",
            lambda i: str(i.missed_in_a_row),
            lambda i: i.missed_in_a_row,
            width=66,
            align=RIGHT,
        ),
        Column(
            "Last came",
            lambda i: i.last_attended.strftime("%d/%m/%Y") if i.last_attended else "never",
            lambda i: i.last_attended.isoformat() if i.last_attended else "",
            width=96,
        ),
    )

    def tooltip(self, item: FollowUpItem):
        return (
            f"Call {item.name} on {display_phone(item.phone) or 'no phone recorded'} · missed the last "
            f"{item.missed_in_a_row} meetings of {item.group_code} in a row"
        )
