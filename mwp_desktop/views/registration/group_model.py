"""The groups table, filtered (district, community, kind, status, free text) and sorted in Python.

Groups number in the thousands at most. The model keeps every row (frozen dataclasses) with its
display text and sort key worked out once, and filters and sorts that list itself: a proxy model
would call back into Python for every comparison, tens of thousands of calls at national scale.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.groups import GroupRow
from .common import date_text

ROW_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
(COL_CODE, COL_NAME, COL_KIND, COL_COMMUNITY, COL_FACILITATOR, COL_START, COL_STATUS,
 COL_MEMBERS, COL_SESSIONS, COL_RATE) = range(10)  # fmt: skip
HEADERS = ("Code", "Name", "Kind", "Community", "Facilitator", "Start date", "Status", "Members",
           "Sessions held", "Attendance")  # fmt: skip
NUMERIC = (COL_MEMBERS, COL_SESSIONS, COL_RATE)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class GroupTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[GroupRow] = []
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._shown: list[int] = []  # indexes into _rows, filtered and in sort order
        self._filters: dict = {}
        self._sort = (COL_CODE, Qt.AscendingOrder)

    # -- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[GroupRow]) -> None:
        self.beginResetModel()
        self._set(list(rows))
        self._arrange()
        self.endResetModel()

    def _set(self, rows: list[GroupRow]) -> None:
        self._rows = rows
        self._texts = [_display_all(r) for r in rows]
        self._keys = [_sort_all(r, t) for r, t in zip(rows, self._texts, strict=True)]

    def set_attendance(self, marks: dict[int, tuple[int, int]]) -> None:
        """Fill in the attendance rates read in the background."""
        rows = []
        for r in self._rows:
            attended, marked = marks.get(r.id, (0, 0))
            rows.append(replace(r, attended=attended, marked=marked, rate_known=True))
        self._set(rows)
        if self._shown:
            last = len(self._shown) - 1
            self.dataChanged.emit(self.index(0, COL_RATE), self.index(last, COL_RATE))

    def rows(self) -> list[GroupRow]:
        return list(self._rows)

    def total(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> GroupRow | None:
        return self._rows[self._shown[row]] if 0 <= row < len(self._shown) else None

    def row_of(self, group_id: int) -> int:
        for position, i in enumerate(self._shown):
            if self._rows[i].id == group_id:
                return position
        return -1

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
        if not 0 <= column < len(HEADERS):
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
        shown = [i for i, row in enumerate(self._rows) if self._accepts(row)]
        shown.sort(key=lambda i: self._keys[i][column], reverse=order == Qt.DescendingOrder)
        self._shown = shown

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        i = self._shown[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            return self._texts[i][column]
        if role == SORT_ROLE:
            return self._keys[i][column]
        if role == ROW_ROLE:
            return self._rows[i]
        if role == Qt.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and column == COL_NAME:
            return self._texts[i][COL_NAME]
        if role == Qt.ToolTipRole and column == COL_COMMUNITY:
            row = self._rows[i]
            return ", ".join(p for p in (row.community, row.chiefdom, row.district) if p)
        return None


def _display_all(row: GroupRow) -> tuple[str, ...]:
    return (row.code, row.name, row.kind, row.community, row.facilitator,
            date_text(row.start_date), row.status, str(row.members), row.sessions_text,
            row.attendance_rate)  # fmt: skip


def _sort_all(row: GroupRow, texts: tuple[str, ...]) -> tuple:
    keys: list = [text.casefold() for text in texts]
    keys[COL_START] = row.start_date.isoformat() if row.start_date else ""
    keys[COL_MEMBERS] = row.members
    keys[COL_SESSIONS] = row.sessions_held
    keys[COL_RATE] = row.attended / row.marked if row.marked else -1.0
    return tuple(keys)
