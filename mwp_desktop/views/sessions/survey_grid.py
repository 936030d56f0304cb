"""A round's answers, typed in from the paper questionnaires with the keyboard.

Arrows move; 1 2 3 (A P D) answer and step on to the next statement, then to the next man's
first; X marks a statement refused or not known; Delete clears; Y and N record consent. Each
answer is saved at once, in its own transaction, before the cell shows it: what the user sees is
what is on disk. Answers saved elsewhere (an import, another grid) are read again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from ...services.surveys.entry_sheet import EntrySheet, entry_sheet
from ...services.surveys.responses import clear_answer, record_consent, set_answer
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import apply_columns
from .survey_keys import LEGEND, survey_action
from .survey_model import ANSWER_WORDS, FIRST_ITEM_COLUMN, SurveyModel

GRID_SHOWS = Changed.SURVEYS | Changed.MEMBERSHIPS | Changed.PARTICIPANTS


class AnswerTable(QTableView):
    """A table that hands answer keys to its owner and keeps the arrows for moving."""

    answer_key = Signal(str, object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = survey_action(event)
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.answer_key.emit(*action)


class SurveyGrid(QWidget):
    saved = Signal()  # an answer or a consent was saved from this grid

    def __init__(self, context: AppContext, day: Callable[[], date], parent=None):
        super().__init__(parent)
        self.context = context
        self.day = day  # the day a man's first answer dates his round
        self.round_id: int | None = None
        self.model = SurveyModel(self)
        self.table = AnswerTable(objectName="SurveyTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setStyleSheet(
            "QTableView { selection-background-color: rgba(31, 78, 95, 40);"
            " selection-color: #111; }"
            "QTableView::item:selected { border: 2px solid #1f4e5f; }"
        )
        self.table.answer_key.connect(self._on_key)
        self.table.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_statement(current.column())
        )
        self.table.verticalHeader().hide()
        # The statement under the cursor, large, so the typist checks it against the paper.
        self.statement = QLabel("", objectName="SurveyStatement")
        self.statement.setWordWrap(True)
        font = QFont(self.statement.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.statement.setFont(font)
        self.legend = QLabel(LEGEND, objectName="SurveyLegend")
        self.legend.setWordWrap(True)
        self.status = QLabel("", objectName="SurveyStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.statement)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        follow_changes(self, GRID_SHOWS, self.refresh, skip_own=True)

    @property
    def sheet(self) -> EntrySheet | None:
        return self.model.sheet

    def open_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self._say("")
        self._load(0, FIRST_ITEM_COLUMN)

    def refresh(self) -> None:
        current = self.table.currentIndex()
        self._load(max(current.row(), 0), max(current.column(), FIRST_ITEM_COLUMN))

    def _load(self, line: int, column: int) -> None:
        if self.round_id is None:
            self.model.load(None)
            self.statement.setText("")
            return
        round_id, actor = self.round_id, self.context.actor
        self.model.load(operations.read(self.context, lambda s: entry_sheet(s, actor, round_id)))
        apply_columns(self.table)
        if self.model.rowCount():
            line = min(line, self.model.rowCount() - 1)
            column = min(column, self.model.columnCount() - 1)
            self.table.setCurrentIndex(self.model.index(line, column))
        self._show_statement(self.table.currentIndex().column())

    def _show_statement(self, column: int) -> None:
        item = self.model.item_at(column)
        self.statement.setText(f"{item.number}. {item.statement}" if item else "")

    # -- typing -----------------------------------------------------------------------------

    def _on_key(self, action: str, value) -> None:
        index = self.table.currentIndex()
        row = self.model.cell_row(index.row())
        if row is None:
            return
        if action == "consent":
            self._save_consent(index.row(), value)
            return
        item = self.model.item_at(index.column())
        if item is None:
            self._say("Move to a statement's column (1, 2, 3 …) to type its answer.", error=True)
            return
        round_id, pid, number, day = self.round_id, row.participant_id, item.number, self.day()
        if action == "clear":
            work = lambda s, a: clear_answer(s, a, round_id, pid, number)  # noqa: E731
        else:
            work = lambda s, a: set_answer(s, a, round_id, pid, number, value, taken_on=day)  # noqa: E731
        if not self._save(work):
            return
        self.model.record(index.row(), self.model.with_answer(
            index.row(), number, value, cleared=action == "clear"))  # fmt: skip
        word = "cleared" if action == "clear" else ANSWER_WORDS[value]
        self._say(f"Saved: {row.code}, statement {number} — {word}.")
        if action == "answer":
            self._step_on(index.row(), index.column())

    def _save_consent(self, line: int, consent: str) -> None:
        row = self.model.cell_row(line)
        round_id, pid, day = self.round_id, row.participant_id, row.taken_on or self.day()
        if not self._save(lambda s, a: record_consent(s, a, round_id, pid, consent, day)):
            return
        answers = {} if consent == "refused" else row.answers
        self.model.record(line, type(row)(row.participant_id, row.code, row.name, consent, day,
                                          answers))  # fmt: skip
        self._say(f"Saved: {row.code} — consent {'given' if consent == 'given' else 'refused'}.")

    def _save(self, work) -> bool:
        done = operations.change(
            self, self.context, work, changes=Changed.SURVEYS, title="Survey answers",
            on_error=lambda error: self._say(f"Not saved: {operations.message_of(error)}", error=True), initiator=self,
        )  # fmt: skip
        if done:
            self.saved.emit()
        return bool(done)

    def _step_on(self, line: int, column: int) -> None:
        if column + 1 < self.model.columnCount():
            target = self.model.index(line, column + 1)
        elif line + 1 < self.model.rowCount():
            target = self.model.index(line + 1, FIRST_ITEM_COLUMN)
        else:
            return
        self.table.setCurrentIndex(target)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #a12b1f;" if error else "color: #1e6b4f;")
        self.status.setText(text)
