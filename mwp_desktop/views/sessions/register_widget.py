"""The attendance register of one group, typed in from the paper sheets with the keyboard.

Arrows move; P L E A set a mark and step down to the next man, as one reads down a paper column;
Space cycles; Delete clears; Ctrl+Z undoes. Each change is saved at once, in its own transaction,
before the cell shows it: what the user sees is what is on disk.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.sessions.attendance import MarkChange, load_register, set_mark
from ..shared.context import AppContext
from ..shared.table_model import apply_columns
from .keys import LEGEND, mark_action, next_in_cycle
from .register_model import FIRST_MEETING_COLUMN, STATUS_WORDS, RegisterModel


def save_mark(
    context: AppContext, meeting_id: int, participant_id: int, status: str | None
) -> MarkChange:
    """One mark, saved and on disk when this returns (its own short transaction)."""
    with context.db.session() as session:
        return set_mark(session, context.actor, meeting_id, participant_id, status)


class MarkTable(QTableView):
    """A table that hands mark keys to its owner and keeps the arrows for moving."""

    mark_key = Signal(str, object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = mark_action(event)
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.mark_key.emit(*action)


class RegisterTable(MarkTable):
    """The register's table, with the name and total columns frozen on the left, as in Qt's
    frozen-column example: a second view over the same model lies on top of the first columns,
    shares the selection and scrolls up and down with the table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frozen_count = 0
        self.frozen = QTableView(self)
        self.frozen.setObjectName("RegisterFrozen")
        self.frozen.setFocusPolicy(Qt.NoFocus)
        self.frozen.setFrameShape(QFrame.NoFrame)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.frozen.setWordWrap(False)
        self.viewport().stackUnder(self.frozen)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.clicked.connect(self._clicked_frozen)
        self.frozen.hide()

    def setModel(self, model) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())

    def freeze(self, count: int) -> None:
        """Keep the first `count` columns in view; call after the model is (re)loaded."""
        self.frozen_count = count
        model = self.model()
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column >= count)
            if column < count:
                self.frozen.setColumnWidth(column, self.columnWidth(column))
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.horizontalHeader().setMinimumHeight(self.horizontalHeader().minimumHeight())
        self.frozen.verticalHeader().setDefaultSectionSize(
            self.verticalHeader().defaultSectionSize()
        )
        self.frozen.setVisible(count > 0 and model.rowCount() > 0)
        self._place_frozen()

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(self.frozen_count))

    def _place_frozen(self) -> None:
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            self.frozen_width(),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_frozen()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._place_frozen()

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible) -> None:
        if index.column() >= self.frozen_count:
            super().scrollTo(index, hint)
            # A cell under the frozen columns is scrolled out from beneath them.
            hidden = self.frozen_width() - self.visualRect(index).left()
            if hidden > 0:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - hidden)

    def _clicked_frozen(self, index) -> None:
        self.setFocus()


class RegisterWidget(QWidget):
    mark_saved = Signal(object)  # MarkChange
    meeting_changed = Signal(object)  # the meeting id of the current column, or None

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.group_id: int | None = None
        self.undo_stack: list[MarkChange] = []
        self.model = RegisterModel(self)
        self.table = RegisterTable()
        self.table.setObjectName("RegisterTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignCenter)
        header.setMinimumSectionSize(34)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # The current cell keeps its mark's colour and gets a dark frame, so the eye can
        # follow it down the column while typing.
        self.table.setStyleSheet(
            "QTableView { selection-background-color: rgba(31, 78, 95, 40);"
            " selection-color: #111; }"
            "QTableView::item:selected { border: 2px solid #1f4e5f; }"
            "QHeaderView::section { padding: 2px 1px; }"
        )
        self.table.mark_key.connect(self._on_mark_key)
        self.table.doubleClicked.connect(lambda index: self._cycle(index))
        self.legend = QLabel(LEGEND, objectName="RegisterLegend")
        self.legend.setWordWrap(True)
        self.status = QLabel("", objectName="RegisterStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)

    # -- loading ----------------------------------------------------------------------------

    def open_group(self, group_id: int | None, meeting_id: int | None = None) -> None:
        self.group_id = group_id
        self.undo_stack.clear()
        self.status.setText("")
        self._load(meeting_id=meeting_id)

    def reload(self) -> None:
        current = self.table.currentIndex()
        self._load(row=current.row(), column=current.column())

    def _load(self, *, meeting_id=None, row=0, column=None) -> None:
        if self.group_id is None:
            self.model.load(None)
            self.meeting_changed.emit(None)
            return
        with self.context.db.session() as session:
            register = load_register(session, self.context.actor, self.group_id)
        self.model.load(register)
        self._size_columns()
        if meeting_id is not None:
            column = self.model.column_of_meeting(meeting_id)
        if column is None:
            column = self._first_open_column()
        if self.model.rowCount() and column is not None:
            index = self.model.index(min(max(row, 0), self.model.rowCount() - 1), column)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self.table.selectionModel().currentChanged.connect(self._on_current, Qt.UniqueConnection)
        self.meeting_changed.emit(self.current_meeting_id())

    def _first_open_column(self) -> int:
        """The first meeting not yet held: where the next sheet's marks go."""
        if self.model.register is None:
            return FIRST_MEETING_COLUMN
        for number, column in enumerate(self.model.register.columns, start=FIRST_MEETING_COLUMN):
            if column.meeting.status in ("planned", "postponed"):
                return number
        return FIRST_MEETING_COLUMN

    def _size_columns(self) -> None:
        apply_columns(self.table)
        self.table.horizontalHeader().setMinimumHeight(58)
        self.table.freeze(FIRST_MEETING_COLUMN)

    def current_meeting_id(self) -> int | None:
        column = self.model.column_at(self.table.currentIndex().column())
        return column.meeting_id if column else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.meeting_changed.emit(self.current_meeting_id())

    # -- marking ----------------------------------------------------------------------------

    def _on_mark_key(self, action: str, status: str | None) -> None:
        index = self.table.currentIndex()
        if action == "undo":
            self.undo()
        elif action == "cycle":
            self._cycle(index)
        elif action == "clear":
            self.set_mark_at(index, None)
        elif action == "set" and self.set_mark_at(index, status):
            below = self.model.index(index.row() + 1, index.column())
            if below.isValid():
                self.table.setCurrentIndex(below)

    def _cycle(self, index: QModelIndex) -> None:
        row, column = self.model.row_at(index.row()), self.model.column_at(index.column())
        if row is None or column is None:
            return
        current = self.model.register.mark(row.participant_id, column.meeting_id)
        self.set_mark_at(index, next_in_cycle(current))

    def set_mark_at(self, index: QModelIndex, status: str | None, *, undoable=True) -> bool:
        """Save one mark; True when it is saved (and shown)."""
        row, column = self.model.row_at(index.row()), self.model.column_at(index.column())
        if row is None or column is None:
            self._say("Choose a session column to mark.", error=True)
            return False
        if not self.model.editable(index):
            reason = (
                "is locked; ask a supervisor to correct it"
                if column.locked
                else "was cancelled"
                if column.meeting.status == "cancelled"
                else f"was before {row.name} joined or after he left"
            )
            self._say(f"Session {column.label} {reason}.", error=True)
            return False
        try:
            change = save_mark(self.context, column.meeting_id, row.participant_id, status)
        except UserError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return False
        if undoable and change.before != change.after:
            self.undo_stack.append(change)
        was_held = column.meeting.status == "held"
        self.model.record(index, status)
        word = STATUS_WORDS.get(status, "cleared")
        self._say(f"Saved: {row.name}, session {column.label} — {word}.")
        if not was_held:
            self.reload()  # the service recorded the meeting as held: its header changes
        self.mark_saved.emit(change)
        return True

    def undo(self) -> None:
        if not self.undo_stack:
            self._say("Nothing to undo.")
            return
        change = self.undo_stack.pop()
        column = self.model.column_of_meeting(change.meeting_id)
        rows = self.model.register.rows if self.model.register else []
        row = next(
            (i for i, r in enumerate(rows) if r.participant_id == change.participant_id), None
        )
        if column is None or row is None:
            self._say("That mark is no longer in this register.", error=True)
            return
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        if self.set_mark_at(index, change.before, undoable=False):
            self._say(f"Undone: {self.status.text().removeprefix('Saved: ')}")

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: #a12b1f;" if error else "color: #1e6b4f;")
        self.status.setText(text)
