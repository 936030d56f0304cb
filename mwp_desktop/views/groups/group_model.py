"""The groups table, filtered (district, community, kind, status, free text) and sorted in Python.

Groups number in the thousands at most. The model keeps every row (frozen dataclasses) and
filters and sorts that list itself: a proxy model would call back into Python for every
comparison, tens of thousands of calls at national scale. Display text is made in `data()` for
the cells the table actually paints (a screenful), and sort keys only for a column sorted on
(kept until the rows or the rates change), so opening the panel does not dress 4,000 rows
nobody sees yet.

Attendance rates arrive later from a background read (`set_attendance`); they are kept beside the
rows, not copied into them, so their arrival repaints one column instead of rebuilding the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, Qt

from ...services.registration.groups import GroupRow, attendance_rate_text
from ..shared.forms import date_text
from ..shared.table_model import DISPLAY, RIGHT, ROOT, ROW_ROLE, SORT_ROLE, Index

(COL_CODE, COL_NAME, COL_KIND, COL_COMMUNITY, COL_FACILITATOR, COL_START, COL_STATUS,
 COL_MEMBERS, COL_SESSIONS, COL_RATE) = range(10)  # fmt: skip
HEADERS = ("Code", "Name", "Kind", "Community", "Facilitator", "Start date", "Status", "Members",
           "Sessions held", "Attendance")  # fmt: skip
NUMERIC = (COL_MEMBERS, COL_SESSIONS, COL_RATE)

# Roles as plain ints (as table_model.DISPLAY): data() is called for every painted cell and
# every role, and comparing with Qt's enum members costs more than the rest of the call.
_DISPLAY, _TOOLTIP, _ALIGN = DISPLAY, int(Qt.ToolTipRole), int(Qt.TextAlignmentRole)
_SORT, _ROW = int(SORT_ROLE), int(ROW_ROLE)
_HORIZONTAL = Qt.Horizontal

# The text of each column but the attendance rate, which depends on the marks read later.
_TEXT: tuple[Callable[[GroupRow], str], ...] = (
    lambda r: r.code,
    lambda r: r.name,
    lambda r: r.kind,
    lambda r: r.community,
    lambda r: r.facilitator,
    lambda r: date_text(r.start_date),
    lambda r: r.status,
    lambda r: str(r.members),
    lambda r: r.sessions_text,
)
# Sort keys where the text would sort wrongly (dates, numbers); other columns sort by their
# text, case-folded. The attendance rate's key is made in `_sort_key`.
_KEY: dict[int, Callable[[GroupRow], object]] = {
    COL_START: lambda r: r.start_date.isoformat() if r.start_date else "",
    COL_MEMBERS: lambda r: r.members,
    COL_SESSIONS: lambda r: r.sessions_held,
}


class GroupTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[GroupRow] = []
        self._marks: dict[int, tuple[int, int]] | None = None  # None until set_attendance
        self._with_rate: dict[int, GroupRow] = {}  # index into _rows → row with its rate
        self._keys: dict[int, list] = {}  # column → sort key of each row, made when first sorted
        self._shown: list[int] = []  # indexes into _rows, filtered and in sort order
        self._filters: dict = {}
        self._sort = (COL_CODE, Qt.AscendingOrder)

    # -- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[GroupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._marks = None
        self._with_rate = {}
        self._keys = {}
        self._arrange()
        self.endResetModel()

    def set_attendance(self, marks: dict[int, tuple[int, int]]) -> None:
        """Fill in the attendance rates read in the background (group id → attended, marked).

        Only the attendance column changes on screen; the rows keep their place until the next
        sort (as they always have)."""
        self._marks = dict(marks)
        self._with_rate = {}
        self._keys.pop(COL_RATE, None)
        if self._shown:
            last = len(self._shown) - 1
            self.dataChanged.emit(self.index(0, COL_RATE), self.index(last, COL_RATE))

    def _marks_of(self, row: GroupRow) -> tuple[int, int, bool]:
        """(attended, marked, known) for a row: from set_attendance once it has come."""
        if self._marks is None:
            return row.attended, row.marked, row.rate_known
        attended, marked = self._marks.get(row.id, (0, 0))
        return attended, marked, True

    def _row(self, i: int) -> GroupRow:
        """The row as the user sees it, with its attendance rate (made when first asked for)."""
        row = self._rows[i]
        if self._marks is None:
            return row
        done = self._with_rate.get(i)
        if done is None:
            attended, marked, _known = self._marks_of(row)
            done = replace(row, attended=attended, marked=marked, rate_known=True)
            self._with_rate[i] = done
        return done

    def rows(self) -> list[GroupRow]:
        return [self._row(i) for i in range(len(self._rows))]

    def communities(self, district: str | None = None) -> set[tuple[int, str]]:
        """(community id, name) of the places where groups meet, in one district or all."""
        return {(r.community_id, r.community) for r in self._rows
                if district is None or r.district == district}  # fmt: skip

    def total(self) -> int:
        return len(self._rows)

    def row_at(self, row: int) -> GroupRow | None:
        return self._row(self._shown[row]) if 0 <= row < len(self._shown) else None

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
            keys = self._keys[column] = [self._sort_key(row, column) for row in rows]
        # Python's sort is stable: rows with equal keys stay in the order the service gave.
        shown.sort(key=keys.__getitem__, reverse=order == Qt.DescendingOrder)
        self._shown = shown

    def _sort_key(self, row: GroupRow, column: int):
        if column == COL_RATE:
            attended, marked, _known = self._marks_of(row)
            return attended / marked if marked else -1.0
        key = _KEY.get(column)
        return key(row) if key is not None else _TEXT[column](row).casefold()

    def _text(self, row: GroupRow, column: int) -> str:
        if column == COL_RATE:
            attended, marked, known = self._marks_of(row)
            return attendance_rate_text(attended, marked) if known else "…"
        return _TEXT[column](row)

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if role == _DISPLAY and orientation == _HORIZONTAL and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        i = self._shown[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._text(self._rows[i], column)
        if role == _ALIGN:
            return RIGHT if column in NUMERIC else None
        if role == _SORT:
            keys = self._keys.get(column)
            return keys[i] if keys is not None else self._sort_key(self._rows[i], column)
        if role == _ROW:
            return self._row(i)
        if role == _TOOLTIP and column == COL_NAME:
            return self._rows[i].name
        if role == _TOOLTIP and column == COL_COMMUNITY:
            row = self._rows[i]
            return ", ".join(p for p in (row.community, row.chiefdom, row.district) if p)
        return None
