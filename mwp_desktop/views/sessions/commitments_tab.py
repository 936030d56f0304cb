"""The Commitments tab, beside the register: each man's commitments at a meeting, typed in the
same minute as its attendance.

Choose the group and the meeting (the register's meeting is chosen when the tab is opened). At a
check-in meeting the keys do it, saved at once: K kept, P partly, N not yet, C changed, Delete
clears, and the cursor moves to the next line. At the commitments session (or its make-up) Enter
on a man's line goes to the form: his area, his words, Enter adds it and comes back. At the
closing session the same form records his next step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...models.accountability import CHECK_IN_NOTE_LENGTH, WORDS_LENGTH
from ...services.permissions import allowed
from ...services.sessions.agenda import group_choices
from ...services.sessions.attendance import STATUS_LETTERS
from ...services.sessions.commitments import (
    AREA_TITLES,
    PROGRESS_TITLES,
    check_in,
    make_commitment,
    meeting_choices,
    meeting_commitments,
    remove_commitment,
)
from ..shared import operations
from ..shared.forms import ErrorLabel
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import FIT, STRETCH, Column, RowTableModel, row_table

if TYPE_CHECKING:
    from .panel import SessionsPanel

TITLE = "Commitments"
KEYS = {Qt.Key_K: "kept", Qt.Key_P: "partly", Qt.Key_N: "not_yet", Qt.Key_C: "changed"}
SHOWS = (Changed.COMMITMENTS | Changed.ATTENDANCE | Changed.MEETINGS | Changed.GROUPS
         | Changed.MEMBERSHIPS)  # fmt: skip


class Line:
    """One line of the table: a man and one of his commitments (or none yet)."""

    def __init__(self, man, commitment):
        self.man, self.commitment = man, commitment
        self.id = commitment.id if commitment is not None else -man.participant_id


def _progress(value: str | None) -> str:
    return PROGRESS_TITLES.get(value, "") if value else ""


class CommitmentsModel(RowTableModel):
    columns = (
        Column("Man", lambda r: f"{r.man.code} {r.man.name}", width=200),
        Column("Mark", lambda r: STATUS_LETTERS.get(r.man.mark, ""), width=FIT),
        Column("Area", lambda r: r.commitment.area_title if r.commitment else "", width=FIT),
        Column("His words", lambda r: (("Next step: " if r.commitment.kind == "next_step" else "")
                                       + r.commitment.words) if r.commitment else "—",
               width=STRETCH),
        Column("Before", lambda r: _progress(r.commitment.previous) if r.commitment else "",
               width=FIT),
        Column("This meeting", lambda r: _progress(r.commitment.this_meeting)
               if r.commitment else "", width=FIT),
        Column("Note", lambda r: r.commitment.note if r.commitment else "", width=160),
    )  # fmt: skip


class CommitmentsTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.context = panel.context
        self.sheet = None
        self.group = QComboBox()
        self.group.setMinimumContentsLength(24)
        self.meeting = QComboBox()
        self.meeting.setMinimumContentsLength(30)
        self.hint = QLabel("", objectName="PanelSubtitle")
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Group:", buddy=self.group))
        top.addWidget(self.group)
        top.addWidget(QLabel("&Meeting:", buddy=self.meeting))
        top.addWidget(self.meeting, 1)

        self.model = CommitmentsModel(self)
        self.table = row_table(self.model)
        self.table.setObjectName("CommitmentsTable")
        self.table.installEventFilter(self)

        self.area = QComboBox()
        self.area.addItem("", "")
        for value, title in AREA_TITLES.items():
            self.area.addItem(title, value)
        self.words = QLineEdit(maxLength=WORDS_LENGTH, placeholderText="His own words, short")
        self.words.returnPressed.connect(self.add_commitment)
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self.add_commitment)
        self.note = QLineEdit(maxLength=CHECK_IN_NOTE_LENGTH,
                              placeholderText="Note on this check-in (optional), Enter saves")  # fmt: skip
        self.note.returnPressed.connect(self.save_note)
        self.form = QWidget()
        form = QHBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.area)
        form.addWidget(self.words, 1)
        form.addWidget(self.add_button)
        self.error = ErrorLabel()
        self.kept = QLabel("", objectName="PanelSubtitle")
        self.kept.setWordWrap(True)
        cards = QPushButton("Print take-home &cards…")
        cards.setToolTip("A card for each man: his commitments in large type, with pictures")
        cards.clicked.connect(lambda: self._print("preview_commitment_cards"))
        sheet = QPushButton("Print check-in &sheet…")
        sheet.clicked.connect(lambda: self._print("preview_check_in_sheet"))
        # Below the table, beside what is kept: the row of choices above fits a 1280-px screen.
        printing = QHBoxLayout()
        printing.addWidget(self.kept, 1)
        printing.addWidget(cards)
        printing.addWidget(sheet)
        self.last_preview = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(printing)
        layout.addWidget(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        self.group.currentIndexChanged.connect(lambda _i: self._group_changed())
        self.meeting.currentIndexChanged.connect(lambda _i: self.show_meeting())
        self.read_once = False
        follow_changes(self, SHOWS, self.refresh, skip_own=True)

    # -- reading ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.read_once:
            self.read_once = True
            self.refresh()
        self.follow_register()

    def follow_register(self) -> None:
        """Open at the meeting the register has chosen, when there is one."""
        register = self.panel.register_tab.register
        meeting_id = register.current_meeting_id()
        group_id = getattr(register, "group_id", None)
        if group_id is not None and self.group.findData(group_id) >= 0:
            self.group.setCurrentIndex(self.group.findData(group_id))
        if meeting_id is not None and self.meeting.findData(meeting_id) >= 0:
            self.meeting.setCurrentIndex(self.meeting.findData(meeting_id))

    def refresh(self) -> None:
        actor = self.context.actor
        chosen = self.group.currentData()
        groups = operations.read(self.context, lambda s: group_choices(s, actor))
        self.group.blockSignals(True)
        self.group.clear()
        for group in groups:
            self.group.addItem(group.label, group.id)
        self.group.setCurrentIndex(max(self.group.findData(chosen), 0))
        self.group.blockSignals(False)
        self._group_changed()

    def _group_changed(self) -> None:
        group_id, chosen = self.group.currentData(), self.meeting.currentData()
        actor = self.context.actor
        meetings = (
            operations.read(self.context, lambda s: meeting_choices(s, actor, group_id))
            if group_id is not None else []
        )  # fmt: skip
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for meeting in meetings:
            self.meeting.addItem(meeting.label, meeting.id)
        self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
        self.meeting.blockSignals(False)
        self.show_meeting()

    def show_meeting(self) -> None:
        meeting_id = self.meeting.currentData()
        line = self.table.currentIndex().row()
        actor = self.context.actor
        self.sheet = (
            operations.read(self.context, lambda s: meeting_commitments(s, actor, meeting_id))
            if meeting_id is not None else None
        )  # fmt: skip
        lines = []
        for man in self.sheet.men if self.sheet else ():
            lines += [Line(man, c) for c in man.lines] or [Line(man, None)]
        self.model.set_rows(lines)
        if lines:
            self.table.selectRow(min(max(line, 0), len(lines) - 1))
        records = allowed(actor, "attendance")
        making = bool(self.sheet) and (self.sheet.makes_commitments or self.sheet.is_closing)
        self.form.setVisible(records and making)
        self.note.setVisible(records and bool(self.sheet) and not self.sheet.makes_commitments)
        self.hint.setText(self._hint(records))
        self.kept.setText(kept_text(lines))
        self.error.show_reason(None)

    def _hint(self, records: bool) -> str:
        if self.sheet is None:
            return "No meeting of this group has taken place yet."
        if not records:
            return "Each man's commitments and how they stood at this meeting."
        if self.sheet.makes_commitments:
            return ("Commitments are made here: choose a man, press Enter, pick the area, type "
                    "his words and press Enter (one to three a man).")  # fmt: skip
        keys = "K kept · P partly · N not yet · C changed · Delete clears (saved at once)"
        if self.sheet.is_closing:
            return f"Closing session: {keys}. Enter on a man's line records his next step."
        return f"Check in on each commitment: {keys}."

    # -- keys -------------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table and event.type() == QEvent.KeyPress:
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event) -> bool:
        if event.modifiers() not in (Qt.NoModifier, Qt.KeypadModifier):
            return False
        if not allowed(self.context.actor, "attendance"):
            return False  # a facilitator reads them
        key = event.key()
        if key in KEYS:
            self.set_progress(KEYS[key])
            return True
        if key == Qt.Key_Delete:
            self.set_progress(None)
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter) and self.form.isVisible():
            self.area.setFocus()
            return True
        return False

    def current_line(self) -> Line | None:
        row = self.table.currentIndex().row()
        return self.model.row_at(row) if row >= 0 else None

    # -- changing ---------------------------------------------------------------------------

    def _change(self, work) -> bool:
        done = operations.change(
            self, self.context, work, changes=Changed.COMMITMENTS, title=TITLE,
            on_error=lambda e: self.error.show_reason(operations.message_of(e)),
            initiator=self,
        )  # fmt: skip
        return bool(done)

    def set_progress(self, progress: str | None) -> None:
        line, meeting_id = self.current_line(), self.meeting.currentData()
        if line is None or line.commitment is None or meeting_id is None:
            return
        note = self.note.text() if progress else ""
        commitment_id = line.commitment.id
        if self._change(lambda s, actor: check_in(s, actor, commitment_id, meeting_id,
                                                  progress, note)):  # fmt: skip
            self.note.clear()
            row = self.table.currentIndex().row()
            self.show_meeting()
            self.table.selectRow(min(row + 1, self.model.rowCount() - 1))

    def save_note(self) -> None:
        line = self.current_line()
        if line is not None and line.commitment is not None and line.commitment.this_meeting:
            self.set_progress(line.commitment.this_meeting)
        else:
            self.error.show_reason("Press K, P, N or C on the line first, then add the note.")

    def add_commitment(self) -> None:
        line, meeting_id = self.current_line(), self.meeting.currentData()
        if line is None or meeting_id is None:
            return
        kind = "commitment" if self.sheet.makes_commitments else "next_step"
        man, area, words = line.man.participant_id, self.area.currentData(), self.words.text()
        if self._change(lambda s, actor: make_commitment(s, actor, meeting_id, man, area, words,
                                                         kind=kind)):  # fmt: skip
            self.words.clear()
            self.area.setCurrentIndex(0)
            self.show_meeting()
            self._choose_man(man)
            self.table.setFocus()

    def remove_current(self) -> None:
        line = self.current_line()
        if line is not None and line.commitment is not None:
            commitment_id = line.commitment.id
            if self._change(lambda s, actor: remove_commitment(s, actor, commitment_id)):
                self.show_meeting()

    def _print(self, preview: str) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            return
        from ..printing import actions  # on first print: the document layer is not needed before

        self.last_preview = getattr(actions, preview)(self, self.context, group_id)

    def _choose_man(self, participant_id: int) -> None:
        rows = [i for i, line in enumerate(self.model.rows)
                if line.man.participant_id == participant_id]  # fmt: skip
        if rows:
            self.table.selectRow(rows[-1])


def kept_text(lines: list[Line]) -> str:
    """The group's commitments kept at their latest check-in, per area."""
    kept: dict[str, list[int]] = {}
    for line in lines:
        c = line.commitment
        if c is not None and c.kind == "commitment":
            counts = kept.setdefault(c.area_title, [0, 0])
            counts[0] += c.latest == "kept"
            counts[1] += 1
    if not kept:
        return ""
    parts = [f"{area} {done} of {total}" for area, (done, total) in kept.items()]
    return "Kept at the latest check-in: " + " · ".join(parts)
