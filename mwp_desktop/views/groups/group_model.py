"""The groups table, filtered (district, community, kind, status, free text) and sorted in Python.

Groups number in the thousands at most. The model keeps every row (frozen dataclasses) and
filters and sorts that list itself: a proxy model would call back into Python for every
comparison, tens of thousands of calls at national scale. A column's sort keys are made when it
is first sorted on and kept until the rows (or, for the attendance column, the rates) change;
cell text is made as the cells are painted (table_model.py says why).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ...services.registration.groups import GroupRow
from ..shared.forms import date_text
from ..shared.table_model import RIGHT, ROOT, STRETCH, Column, Index, TableModel

(COL_CODE, COL_NAME, COL_KIND, COL_COMMUNITY, COL_FACILITATOR, COL_START, COL_STATUS,
 COL_MEMBERS, COL_SESSIONS, COL_RATE) = range(10)  # fmt: skip


def _place(row: GroupRow) -> str:
    return ", ".join(p for p in (row.community, row.chiefdom, row.district) if p)


class GroupTableModel(TableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = (
            Column("Code", lambda r: r.code, width=80),
            Column("Name", lambda r: r.name, width=STRETCH, tip=lambda r: r.name),
            Column("Kind", lambda r: r.kind, width=55),
            # The name and the facilitator share the room; the place is in the tooltip.
            Column("Community", lambda r: r.community, width=120, tip=_place),
            Column(
                "Facilitator", lambda r: r.facilitator, width=STRETCH, tip=lambda r: r.facilitator
            ),
            Column(
                "Start date",
                lambda r: date_text(r.start_date),
                lambda r: r.start_date.isoformat() if r.start_date else "",
                width=88,
            ),
            Column("Status", lambda r: r.status, width=62),
            Column("Members", lambda r: str(r.members), lambda r: r.members, width=78, align=RIGHT),
            Column(
                "Sessions",  # "4 of 16": held of planned, which says it without "held"
                lambda r: r.sessions_text,
                lambda r: r.sessions_held,
                width=88,
                align=RIGHT,
            ),
            Column(
                "Attendance",
                lambda r: r.attendance_rate,
                lambda r: r.attended / r.marked if r.marked else -1.0,
                width=112,
                align=RIGHT,
            ),
        )
        self._rows: list[GroupRow] = []
        self._keys: dict[int, list] = {}  # column → sort key of each row, made when first sorted
        self._shown: list[int] = []  # indexes into _rows, filtered and in sort order
        self._filters: dict = {}
        self._sort = (COL_CODE, Qt.AscendingOrder)

    # -- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[GroupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = {}
        self._arrange()
        self.endResetModel()

    def rows(self) -> list[GroupRow]:
        return list(self._rows)

    def communities(self, district: str | None = None) -> set[tuple[int, str]]:
        """(community id, name) of the places where groups meet, in one district or all."""
        return {(r.community_id, r.community) for r in self._rows
                if district is None or r.district == district}  # fmt: skip

    def total(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def cell_row(self, line: int) -> GroupRow | None:
        shown = self._shown
        return self._rows[shown[line]] if 0 <= line < len(shown) else None

    # -- filtering and sorting --------------------------------------------------------------

    def set_filters(self, *, text: str = "", district: str | None = None,
                    community_id: int | None = None, kind: str | None = None,
                    status: str | None = None) -> None:  # fmt: skip
        self.beginResetModel()
        self._filters = {"text": text.strip().casefold(), "district": district,
                         "community_id": community_id, "kind": kind, "status": status}  # fmt: skip
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._arrange()
        self.layoutChanged.emit()

    def _accepts(self, row: GroupRow) -> bool:
        f = self._filters
        return (
            (f.get("district") is None or row.district == f["district"])
            and (f.get("community_id") is None or row.community_id == f["community_id"])
            and (f.get("kind") is None or row.kind == f["kind"])
            and (f.get("status") is None or row.status == f["status"])
            and (not f.get("text") or f["text"] in row.search_text)
        )

    def _arrange(self) -> None:
        column, order = self._sort
        rows = self._rows
        f = self._filters
        if f.get("text") or any(
            f.get(k) is not None for k in ("district", "community_id", "kind", "status")
        ):
            shown = [i for i, row in enumerate(rows) if self._accepts(row)]
        else:
            shown = list(range(len(rows)))
        keys = self._keys.get(column)
        if keys is None:
            key = self.columns[column].key
            keys = self._keys[column] = [key(row) for row in rows]
        # Python's sort is stable: rows with equal keys stay in the order the service gave.
        shown.sort(key=keys.__getitem__, reverse=order == Qt.DescendingOrder)
        self._shown = shown
