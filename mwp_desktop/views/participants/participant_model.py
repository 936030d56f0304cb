"""The participants table: a lazy model that fetches one page of rows at a time from SQL.

It keeps only the rows already scrolled to (frozen dataclasses, never ORM objects), asks the
service for the next page when the view reaches the bottom (`canFetchMore`/`fetchMore`), and
starts again from the first page when the search text, filter or sort changes.

The first page of a new search, and the count of every match, are read off the UI thread, the
newest search winning: typing stays live while an earlier, slower search is still running, and
its late answer never replaces the rows of what was typed since. The count is asked for once
the rows are painted, so that it does not slow their repaint. The rows shown stay until the
new ones arrive. The next page, asked for as the user scrolls, is one short read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...services.registration.participant_search import (
    PAGE_SIZE,
    ParticipantQuery,
    ParticipantRow,
    count_participants,
    search_participants,
)
from ..shared import operations
from ..shared.context import AppContext
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
    loaded = Signal()  # the first rows of the current query are shown
    counted = Signal()  # `total` is known for the current query

    def __init__(self, context: AppContext, parent: QWidget, page_size: int = PAGE_SIZE):
        """`parent` is the widget that shows the table: a failed read is shown over it."""
        super().__init__(parent)
        self._context = context
        self._owner = parent
        self._page = page_size
        self._query = ParticipantQuery()
        self._shown_query: ParticipantQuery | None = None  # the query of the rows shown
        self._more = False
        self.total = 0  # how many match (capped)
        self.total_capped = False
        self._count_due = False  # rows shown, their count not asked for yet
        self._after_paint: _AfterPaint | None = None

    def count_once_painted_in(self, viewport: QWidget) -> None:
        """The widget that paints the rows: a count waits for it to paint them first."""
        self._after_paint = _AfterPaint(viewport)

    # -- what to show -----------------------------------------------------------------------

    @property
    def query(self) -> ParticipantQuery:
        return self._query

    @property
    def rows_pending(self) -> bool:
        """True until the rows of the newest query have arrived."""
        return operations.busy(self._owner, _ROWS)

    @property
    def loading(self) -> bool:
        """True until the rows of the newest query, and then their count, have arrived."""
        return self.rows_pending or self._count_due or operations.busy(self._owner, _COUNT)

    def set_query(self, query: ParticipantQuery) -> None:
        self._query = query
        self.reload()

    def set_search(self, text: str) -> None:
        self.set_query(replace(self._query, text=text))

    def reload(self) -> None:
        """Read the first page of the current query again. A reload of the query already
        shown (a refresh) reads as many rows as were scrolled to, so the user keeps his place."""
        query, actor = self._query, self._context.actor
        shown = self.rows and self._shown_query == query
        limit = max(self._page, len(self.rows)) if shown else self._page
        operations.read_in_background(
            self._owner, self._context,
            lambda session: search_participants(session, actor, query, 0, limit),
            lambda rows: self._show_first_rows(query, rows, limit), key=_ROWS,
        )  # fmt: skip

    def _show_first_rows(self, query: ParticipantQuery, rows: list[ParticipantRow], limit: int):
        self.beginResetModel()
        self.rows, self._shown_query = rows, query
        self._more = len(rows) == limit
        self.endResetModel()
        self.loaded.emit()
        if not self._more:  # everything fits on the first page: that is the count
            self.total, self.total_capped = len(rows), False
            self.counted.emit()
        else:
            # Counting every match costs more than the first page, so the rows come first; and
            # the count starts only once they are painted: read beside the repaint, it took the
            # processor the repaint needed (8 -> 50 ms a keystroke at 4x national).
            self._count_due = True
            if self._after_paint is not None and self._after_paint.parent().isVisible():
                self._after_paint.call_once_painted(lambda: self._start_count(query))
            else:
                self._start_count(query)

    def _start_count(self, query: ParticipantQuery) -> None:
        self._count_due = False
        if query != self._shown_query:
            return  # the rows of a newer search came meanwhile; their own count follows
        actor = self._context.actor
        operations.read_in_background(
            self._owner, self._context,
            lambda session: count_participants(session, actor, query),
            lambda total: self._show_count(query, total), key=_COUNT,
        )  # fmt: skip

    def _show_count(self, query: ParticipantQuery, total: tuple[int, bool]) -> None:
        if query != self._shown_query:  # the rows of a newer search, all on one page, came first
            return
        self.total, self.total_capped = total
        self.counted.emit()

    # -- lazy fetching ----------------------------------------------------------------------

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        # While a new search is being read, the rows shown belong to the old one.
        return not parent.isValid() and self._more and not self.rows_pending

    def fetchMore(self, parent: Index = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        query, start, actor = self._shown_query, len(self.rows), self._context.actor
        page = operations.read(
            self._context,
            lambda session: search_participants(session, actor, query, start, self._page),
        )
        self._more = len(page) == self._page
        if page:
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = SQL_SORT.get(column)
        if key is None:
            return
        self.set_query(replace(self._query, sort=key, descending=order == Qt.DescendingOrder))


class _AfterPaint(QObject):
    """Calls back once the widget it watches has finished its next paint."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self._call = None
        widget.installEventFilter(self)

    def call_once_painted(self, call) -> None:
        self._call = call  # only the newest search's count is wanted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint and self._call is not None:
            call, self._call = self._call, None
            QTimer.singleShot(0, self, call)  # once this paint has completed
        return False


# Keys of the model's reads off the UI thread: a newer one of each makes the older moot.
_ROWS, _COUNT = "participant rows", "participant count"
