"""The participants table: a lazy model that fetches one page of rows at a time from SQL.

It keeps only the rows already scrolled to (frozen dataclasses, never ORM objects), asks the
service for the next page when the view reaches the bottom (`canFetchMore`/`fetchMore`), and
starts again from the first page when the search text, filter or sort changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal

from ...models.database import Database
from ...services.registration.participant_search import (
    PAGE_SIZE,
    ParticipantQuery,
    count_participants,
    search_participants,
)
from ..shared.table_model import RIGHT, ROOT, STRETCH, Column, Index, RowTableModel


@dataclass(frozen=True)
class SqlColumn(Column):
    """A column of the lazy table: its rows come a page at a time, so only the service can
    order the whole list, by the name in `sql`; a column without one cannot be sorted on."""

    sql: str | None = None


COLUMNS = (
    SqlColumn("Code", lambda r: r.code, width=90, sql="code"),
    SqlColumn("Name", lambda r: r.name, width=STRETCH, sql="name"),
    SqlColumn("Sex", lambda r: r.sex, width=44, sql="sex"),
    SqlColumn(
        "Age",
        lambda r: "" if r.age is None else str(r.age),
        lambda r: -1 if r.age is None else r.age,
        width=48,
        align=RIGHT,
        sql="age",
    ),
    SqlColumn("Phone", lambda r: r.phone, width=110, sql="phone"),
    SqlColumn("Community", lambda r: r.community, width=STRETCH, sql="community"),
    SqlColumn("Group", lambda r: r.group_code, width=90),
    SqlColumn("Status", lambda r: r.status.replace("_", " "), width=120),
    SqlColumn(
        "Attendance",
        lambda r: r.attendance_rate,
        lambda r: r.attended / r.marked if r.marked else -1.0,
        width=110,
        align=RIGHT,
    ),
)
COL_CODE, COL_NAME, COL_SEX, COL_AGE, COL_PHONE, COL_COMMUNITY, COL_GROUP, COL_STATUS, COL_RATE = range(9)  # fmt: skip
SQL_SORT = {number: c.sql for number, c in enumerate(COLUMNS) if c.sql}


class ParticipantTableModel(RowTableModel):
    columns = COLUMNS
    counted = Signal()  # `total` is known for the current query

    def __init__(self, db: Database, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self.count)
        self._db = db
        self._page = page_size
        self._query = ParticipantQuery()
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
            self.rows = search_participants(session, self._query, 0, self._page)
        self._more = len(self.rows) == self._page
        self.endResetModel()
        if not self._more:  # everything fits on the first page: that is the count
            self.total, self.total_capped = len(self.rows), False
            self.counted.emit()
        else:
            # Counting every match costs more than the first page: the rows are shown first.
            self._count_timer.start()

    def count(self) -> None:
        self._count_timer.stop()
        with self._db.session() as session:
            self.total, self.total_capped = count_participants(session, self._query)
        self.counted.emit()

    # -- lazy fetching ----------------------------------------------------------------------

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = ROOT) -> None:
        if parent.isValid() or not self._more:
            return
        with self._db.session() as session:
            page = search_participants(session, self._query, len(self.rows), self._page)
        self._more = len(page) == self._page
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = SQL_SORT.get(column)
        if key is None:
            return
        self.set_query(replace(self._query, sort=key, descending=order == Qt.DescendingOrder))
