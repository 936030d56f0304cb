"""The attendance register of one group, typed in from the paper sheets with the keyboard.

Arrows move; P L E A set a mark and step down to the next man, as one reads down a paper column;
Space cycles; Delete clears; Ctrl+Z undoes. Each change is saved at once, in its own transaction,
before the cell shows it: what the user sees is what is on disk.

The register follows changes saved elsewhere in the window (the take-attendance dialog, a meeting
moved, a member added) and reads itself again, keeping its place; its own marks it has already
shown, so it does not read itself again for them.
"""

from __future__ import annotations

from collections.abc import Callable

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
from ...services.sessions.attendance import (
    MarkChange,
    RegisterColumn,
    RegisterRow,
    load_register,
    set_mark,
)
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import apply_columns
from .earlier_joining import joined_after, move_joining_back
from .keys import LEGEND, mark_action, next_in_cycle
from .register_model import FIRST_MEETING_COLUMN, STATUS_WORDS, RegisterModel

# What a register shows: marks and meetings, the members and their names, the group's header
# (curriculum, facilitator) and the rules (sessions needed, the lock).
REGISTER_SHOWS = (
    Changed.ATTENDANCE | Changed.MEETINGS | Changed.MEMBERSHIPS | Changed.PARTICIPANTS
    | Changed.GROUPS | Changed.CURRICULA | Changed.FACILITATORS | Changed.SETTINGS
)  # fmt: skip


def save_mark(
    owner: QWidget,
    context: AppContext,
    meeting_id: int,
    participant_id: int,
    status: str | None,
    *,
    held: bool,
    on_refused: Callable[[UserError], None],
) -> MarkChange | None:
    """One mark, saved and on disk when this returns (its own short transaction), and announced
    as `owner`'s. A mark for a meeting not yet `held` records it as held: the schedule changed
    too. A refusal goes to `on_refused`; None then."""
    done = operations.change(
        owner, context,
        lambda session, actor: set_mark(session, actor, meeting_id, participant_id, status),
        changes=Changed.ATTENDANCE if held else Changed.ATTENDANCE | Changed.MEETINGS,
        title="Attendance", on_error=on_refused, initiator=owner,
    )  # fmt: skip
    return done.value if done else None


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
    shown = Signal()  # the register on screen changed: read again, or a mark typed
    meeting_changed = Signal(object)  # the meeting id of the current column, or None

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.group_id: int | None = None
        self.undo_stack: list[MarkChange] = []
        # The cell a red line refused a mark in, as it was then (see `_forget_outdated_refusal`).
        self.refused: tuple[RegisterRow, RegisterColumn] | None = None
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
        # Its own marks are on screen already (skip_own); a mark or a move saved elsewhere is not.
        follow_changes(self, REGISTER_SHOWS, self.refresh, skip_own=True)

    # -- loading ----------------------------------------------------------------------------

    def open_group(self, group_id: int | None, meeting_id: int | None = None) -> None:
        self.group_id = group_id
        self.undo_stack.clear()
        self._say("")
        self._load(meeting_id=meeting_id)

    def refresh(self) -> None:
        """Read the register again, at the same man and the same meeting (which may have moved
        to another column)."""
        current = self.table.currentIndex()
        row = self.model.row_at(current.row())
        self._load(
            meeting_id=self.current_meeting_id(),
            participant_id=row.participant_id if row is not None else None,
            row=current.row(),
            column=current.column(),
        )

    def _load(self, *, meeting_id=None, participant_id=None, row=0, column=None) -> None:
        if self.group_id is None:
            self.model.load(None)
            self.meeting_changed.emit(None)
            return
        register = operations.read(
            self.context, lambda s: load_register(s, self.context.actor, self.group_id)
        )
        self.model.load(register)
        self._size_columns()
        self._forget_outdated_refusal()
        if meeting_id is not None:
            column = self.model.column_of_meeting(meeting_id) or column
        if column is None or not 0 <= column < self.model.columnCount():
            column = self._first_open_column()
        if participant_id is not None:
            lines = [r.participant_id for r in register.rows]
            row = lines.index(participant_id) if participant_id in lines else row
        if self.model.rowCount() and column is not None:
            index = self.model.index(min(max(row, 0), self.model.rowCount() - 1), column)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self.table.selectionModel().currentChanged.connect(self._on_current, Qt.UniqueConnection)
        self.shown.emit()
        self.meeting_changed.emit(self.current_meeting_id())

    def _forget_outdated_refusal(self) -> None:
        """A refusal is about one cell as it was. Once the cell's meeting or member is not as it
        was (the meeting moved or was held, the man's membership was corrected) its reason no
        longer holds, and a red line left standing would be wrong."""
        if self.refused is None:
            return
        row, column = self.refused
        register = self.model.register
        if register is None or row not in register.rows or column not in register.columns:
            self._say("")

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
            if joined_after(row, column) and move_joining_back(
                self, self.context, self.group_id, row, column
            ):
                self.refresh()  # the same man and meeting, now a cell he can be marked in
                return self.set_mark_at(self.table.currentIndex(), status, undoable=undoable)
            reason = (
                "is locked; ask a supervisor to correct it"
                if column.locked
                else "was cancelled"
                if column.meeting.status == "cancelled"
                else f"was before {row.name} joined or after he left"
            )
            self._say(f"Session {column.label} {reason}.", refused=(row, column))
            return False
        was_held = column.meeting.status == "held"
        change = save_mark(
            self, self.context, column.meeting_id, row.participant_id, status, held=was_held,
            on_refused=lambda error: self._say(f"Not saved: {error}", refused=(row, column)),
        )  # fmt: skip
        if change is None:
            return False
        if undoable and change.before != change.after:
            self.undo_stack.append(change)
        self.model.record(index, status)
        word = STATUS_WORDS.get(status, "cleared")
        self._say(f"Saved: {row.name}, session {column.label} — {word}.")
        if not was_held:
            self.refresh()  # the service recorded the meeting as held: its header changes
        else:
            self.shown.emit()
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

    def _say(
        self,
        text: str,
        *,
        error: bool = False,
        refused: tuple[RegisterRow, RegisterColumn] | None = None,
    ) -> None:
        """One line under the register; a refusal (red) says which cell it is about."""
        error = error or refused is not None
        self.refused = refused
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: #a12b1f;" if error else "color: #1e6b4f;")
        self.status.setText(text)
