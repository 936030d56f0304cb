"""Taking attendance for one meeting: the roster pre-filled as Present, so staff only flip the
absentees, then say the meeting was held.

Each flip is saved at once. "Meeting held" saves everyone not flipped as Present and records the
meeting as held with its date, length and notes, in one transaction. What it saves is announced
as the dialog's: the register and the agenda behind it follow.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.sessions.agenda import agenda_filters
from ...services.sessions.attendance import MarkChange, finish_meeting, meeting_roster
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.table_model import apply_columns
from .keys import LEGEND, next_in_cycle
from .register_model import STATUS_WORDS
from .register_widget import MarkTable, save_mark
from .roster_model import RosterModel


class TakeAttendanceDialog(QDialog):
    def __init__(self, context: AppContext, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.meeting_id = meeting_id
        self.undo_stack: list[MarkChange] = []
        roster, facilitators = operations.read(
            context,
            lambda s: (
                meeting_roster(s, context.actor, meeting_id),
                agenda_filters(s).facilitators,
            ),
        )
        self.roster = roster
        meeting = roster.meeting
        self.held = meeting.status == "held"  # the first mark saved records it held
        if meeting.status in ("planned", "postponed") and meeting.planned_date > date.today():
            raise UserError(
                f"Session {meeting.number} is planned for {meeting.planned_date:%d/%m/%Y} and "
                "has not happened yet. If it met earlier, move it to the day it met first."
            )
        if meeting.status == "cancelled":
            raise UserError(f"Session {meeting.number} was cancelled; plan a make-up instead.")
        self.setWindowTitle(f"Take attendance — {roster.group.code}, session {meeting.number}")
        self.resize(620, 640)

        title = QLabel(
            f"<b>{roster.group.code} {roster.group.name}</b><br>"
            f"Session {meeting.number}: {meeting.title}"
            f"{' (make-up)' if meeting.is_makeup else ''} · planned {meeting.planned_date:%d/%m/%Y}"
        )
        title.setWordWrap(True)
        hint = QLabel(
            "Everyone starts as <b>Present</b>. Go down the paper sheet and flip only those who "
            "were absent, late or excused. " + LEGEND
        )
        hint.setWordWrap(True)

        self.model = RosterModel(roster, self)
        self.table = MarkTable()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        apply_columns(self.table)
        self.table.mark_key.connect(self._on_mark_key)
        self.table.doubleClicked.connect(lambda i: self._set(i.row(), "cycle"))

        self.held_date = QDateEdit(calendarPopup=True)
        self.held_date.setDisplayFormat("dd/MM/yyyy")
        day = meeting.held_date or min(meeting.planned_date, date.today())
        self.held_date.setDate(QDate(day.year, day.month, day.day))
        self.held_date.setMaximumDate(QDate.currentDate())
        self.duration = QSpinBox(minimum=10, maximum=600, suffix=" minutes", singleStep=10)
        self.duration.setValue(meeting.duration_minutes or 120)
        self.notes = QLineEdit(meeting.notes, placeholderText="Anything to remember")
        self.facilitator = QComboBox()
        self.facilitator.setEditable(True)
        self.facilitator.setInsertPolicy(QComboBox.NoInsert)
        self.facilitator.completer().setFilterMode(Qt.MatchContains)
        self.facilitator.addItem("(as planned)", None)
        for fid, name in facilitators:
            self.facilitator.addItem(name, fid)
        position = self.facilitator.findData(meeting.facilitator_id or roster.group.facilitator_id)
        self.facilitator.setCurrentIndex(max(position, 0))
        form = QFormLayout()
        form.addRow("Held on:", self.held_date)
        form.addRow("Facilitator:", self.facilitator)
        form.addRow("Length:", self.duration)
        form.addRow("Notes:", self.notes)

        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.finish_button = buttons.addButton(
            "Meeting held (Ctrl+Enter)", QDialogButtonBox.AcceptRole
        )
        self.finish_button.setDefault(False)
        close = buttons.addButton("Close", QDialogButtonBox.RejectRole)
        close.setToolTip("Flips are already saved; unflipped names are saved when you finish.")
        buttons.accepted.connect(self.finish)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        if roster.locked:
            self._say("This meeting is locked; ask a supervisor to correct it.", error=True)
            self.finish_button.setEnabled(False)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+Enter finishes from anywhere in the dialog (the list passes it on).
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and (
            event.modifiers() & Qt.ControlModifier
        ):
            event.accept()
            self.finish()
            return
        super().keyPressEvent(event)

    def _on_mark_key(self, action: str, status: str | None) -> None:
        row = self.table.currentIndex().row()
        if action == "undo":
            self.undo()
        elif (
            row >= 0
            and self._set(row, action, status)
            and action == "set"
            and row + 1 < self.model.rowCount()
        ):
            self.table.setCurrentIndex(self.model.index(row + 1, 0))

    def _set(self, row: int, action: str, status: str | None = None, *, undoable=True) -> bool:
        entry = self.roster.entries[row]
        if action == "cycle":
            status = next_in_cycle(self.model.shown_status(row))
        elif action == "clear":
            status = None
        change = save_mark(
            self, self.context, self.meeting_id, entry.participant_id, status, held=self.held,
            on_refused=lambda error: self._say(f"Not saved: {error}", error=True),
        )  # fmt: skip
        if change is None:
            return False
        self.held = True
        if undoable and change.before != change.after:
            self.undo_stack.append(change)
        self.model.record(row, status)
        self._say(f"Saved: {entry.name} — {STATUS_WORDS.get(status, 'back to Present')}.")
        return True

    def undo(self) -> None:
        if not self.undo_stack:
            self._say("Nothing to undo.")
            return
        change = self.undo_stack.pop()
        row = next(
            i
            for i, e in enumerate(self.roster.entries)
            if e.participant_id == change.participant_id
        )
        self.table.setCurrentIndex(self.model.index(row, 0))
        if self._set(row, "set", change.before, undoable=False):
            self._say(
                f"Undone: {self.roster.entries[row].name} is back to "
                f"{STATUS_WORDS.get(change.before, 'Present (pre-filled)')}."
            )

    def finish(self) -> None:
        if not self.finish_button.isEnabled():
            return
        held, facilitator_id = self.held_date.date().toPython(), self.facilitator.currentData()
        duration, notes = self.duration.value(), self.notes.text()
        done = operations.change(
            self, self.context,
            lambda s, actor: finish_meeting(
                s, actor, self.meeting_id, held, facilitator_id=facilitator_id,
                duration_minutes=duration, notes=notes,
            ),
            changes=Changed.ATTENDANCE | Changed.MEETINGS, title="Take attendance", initiator=self,
        )  # fmt: skip
        if done:
            self.accept()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #a12b1f;" if error else "color: #1e6b4f;")
        self.status.setText(text)
