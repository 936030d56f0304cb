"""The participants table: a lazy model that fetches one page of rows at a time from SQL.

It keeps only the rows already scrolled to (frozen dataclasses, never ORM objects), asks the
service for the next page when the view reaches the bottom (`canFetchMore`/`fetchMore`), and
starts again from the first page when the search text, filter or sort changes.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)

from ...models.database import Database
from ...services.registration.participant_search import (
    PAGE_SIZE,
    ParticipantQuery,
    ParticipantRow,
    count_participants,
    search_participants,
)
from ..shared.table_model import RIGHT, ROOT, ROW_ROLE, SORT_ROLE, Index

COL_CODE, COL_NAME, COL_SEX, COL_AGE, COL_PHONE, COL_COMMUNITY, COL_GROUP, COL_STATUS, COL_RATE = range(9)  # fmt: skip
HEADERS = ("Code", "Name", "Sex", "Age", "Phone", "Community", "Group", "Status", "Attendance")
# Columns sorted in SQL; the others are worked out per page and cannot order the whole list.
SQL_SORT = {COL_CODE: "code", COL_NAME: "name", COL_SEX: "sex", COL_AGE: "age",
            COL_PHONE: "phone", COL_COMMUNITY: "community"}  # fmt: skip


class ParticipantTableModel(QAbstractTableModel):
    counted = Signal()  # `total` is known for the current query

    def __init__(self, db: Database, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self.count)
        self._db = db
        self._page = page_size
        self._query = ParticipantQuery()
        self._rows: list[ParticipantRow] = []
        self._more = False
        self.total = 0  # how many match (capped)
        self.total_capped = False

    # -- what to show -----------------------------------------------------------------------

    @property
    def query(self) -> ParticipantQuery:
        return self._query

    def set_query(self, query: ParticipantQuery) -> None:
        self._query = query
        self.reload()

    def set_search(self, text: str) -> None:
        self.set_query(replace(self._query, text=text))

    def reload(self) -> None:
        self.beginResetModel()
        with self._db.session() as session:
            self._rows = search_participants(session, self._query, 0, self._page)
        self._more = len(self._rows) == self._page
        self.endResetModel()
        if not self._more:  # everything fits on the first page: that is the count
            self.total, self.total_capped = len(self._rows), False
            self.counted.emit()
        else:
            # Counting every match costs more than the first page: the rows are shown first.
            self._count_timer.start()

    def count(self) -> None:
        self._count_timer.stop()
        with self._db.session() as session:
            self.total, self.total_capped = count_participants(session, self._query)
        self.counted.emit()

    def row_at(self, row: int) -> ParticipantRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, participant_id: int) -> int:
        for index, row in enumerate(self._rows):
            if row.id == participant_id:
                return index
        return -1

    # -- lazy fetching ----------------------------------------------------------------------

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = ROOT) -> None:
        if parent.isValid() or not self._more:
            return
        with self._db.session() as session:
            page = search_participants(session, self._query, len(self._rows), self._page)
        self._more = len(page) == self._page
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
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
        if role == ROW_ROLE:
            return row
        if role == Qt.DisplayRole:
            return _display(row, column)
        if role == SORT_ROLE:
            return _sort_value(row, column)
        if role == Qt.TextAlignmentRole and column in (COL_AGE, COL_RATE):
            return RIGHT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = SQL_SORT.get(column)
        if key is None:
            return
        self.set_query(replace(self._query, sort=key, descending=order == Qt.DescendingOrder))


def _display(row: ParticipantRow, column: int) -> str:
    values = (row.code, row.name, row.sex, "" if row.age is None else str(row.age), row.phone,
              row.community, row.group_code, row.status.replace("_", " "), row.attendance_rate)  # fmt: skip
    return values[column] if 0 <= column < len(values) else ""


def _sort_value(row: ParticipantRow, column: int):
    if column == COL_AGE:
        return -1 if row.age is None else row.age
    if column == COL_RATE:
        return row.attended / row.marked if row.marked else -1.0
    return _display(row, column)
