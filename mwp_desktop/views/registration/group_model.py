"""The groups table and its filter (district, community, kind, status and free text).

Groups number in the thousands at most, so the model holds every row (frozen dataclasses) and a
QSortFilterProxyModel filters and sorts them in memory.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

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

    def set_rows(self, rows: list[GroupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_attendance(self, marks: dict[int, tuple[int, int]]) -> None:
        """Fill in the attendance rates read in the background."""
        self._rows = [
            replace(r, attended=marks.get(r.id, (0, 0))[0], marked=marks.get(r.id, (0, 0))[1],
                    rate_known=True)
            for r in self._rows
        ]  # fmt: skip
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_RATE), self.index(len(self._rows) - 1, COL_RATE)
            )

    def rows(self) -> list[GroupRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            return _sort_value(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ToolTipRole and column == COL_COMMUNITY:
            return ", ".join(p for p in (row.community, row.chiefdom, row.district) if p)
        return None


def _display(row: GroupRow, column: int) -> str:
    values = (row.code, row.name, row.kind, row.community, row.facilitator,
              date_text(row.start_date), row.status, str(row.members), row.sessions_text,
              row.attendance_rate)  # fmt: skip
    return values[column] if 0 <= column < len(values) else ""


def _sort_value(row: GroupRow, column: int):
    if column == COL_START:
        return row.start_date.isoformat() if row.start_date else ""
    if column == COL_MEMBERS:
        return row.members
    if column == COL_SESSIONS:
        return row.sessions_held
    if column == COL_RATE:
        return row.attended / row.marked if row.marked else -1.0
    return _display(row, column).casefold()


class GroupFilterModel(QSortFilterProxyModel):
    """Keeps the groups matching every chosen filter; None means "any"."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._district: str | None = None
        self._community_id: int | None = None
        self._kind: str | None = None
        self._status: str | None = None

    def set_filters(self, *, text: str = "", district: str | None = None,
                    community_id: int | None = None, kind: str | None = None,
                    status: str | None = None) -> None:  # fmt: skip
        # Qt 6.10 replaced invalidateFilter() by a begin/end pair; older Qt has only the former.
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        self._text = text.strip().casefold()
        self._district, self._community_id = district, community_id
        self._kind, self._status = kind, status
        if modern:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        if row is None:
            return False
        return (
            (self._district is None or row.district == self._district)
            and (self._community_id is None or row.community_id == self._community_id)
            and (self._kind is None or row.kind == self._kind)
            and (self._status is None or row.status == self._status)
            and (not self._text or self._text in row.search_text)
        )
