"""The surveys tab: pick a group and a round (baseline, endline, follow-up), start it if it is
not started, and type its answers into the grid below.

Office staff, supervisors and administrators enter answers; a facilitator's account is told so
instead of being shown a grid it could not use (the services refuse it anyway)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...models import ROUND_KINDS
from ...services.permissions import allowed, refusal, who_may
from ...services.sessions.agenda import group_choices
from ...services.surveys.rounds import ROUND_TITLES, group_rounds, open_round
from ..shared import operations
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.roles import offer
from .survey_grid import SurveyGrid

if TYPE_CHECKING:
    from .panel import SessionsPanel


class SurveyTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        context = panel.context
        self.group = QComboBox(objectName="SurveyGroup")
        self.group.setEditable(True)
        self.group.setInsertPolicy(QComboBox.NoInsert)
        self.group.completer().setFilterMode(Qt.MatchContains)
        self.group.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.group.setMinimumContentsLength(24)
        self.group.lineEdit().setPlaceholderText("Type a group code or name")
        self.kind = QComboBox(objectName="SurveyRound")
        for kind in ROUND_KINDS:
            self.kind.addItem(ROUND_TITLES[kind], kind)
        self.day = QDateEdit(objectName="SurveyDay", calendarPopup=True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(QDate.currentDate())
        self.day.setToolTip("The day the men answered: dates each man's round when his first "
                            "answer is typed")  # fmt: skip
        self.start_button = QPushButton("Start this round", objectName="SurveyStart")
        self.start_button.clicked.connect(self.start_round)
        self.print_button = QPushButton("Print questionnaires…", objectName="SurveyPrint")
        self.print_button.setToolTip("One questionnaire per man, his code and not his name on "
                                     "it, in large type to read aloud")  # fmt: skip
        self.print_button.clicked.connect(self.print_questionnaires)
        self.last_preview = None  # the preview opened last (tests look at it)
        self.results_button = QPushButton("Results…", objectName="SurveyResults")
        self.results_button.setToolTip("The group's change, and each statement agreed before "
                                       "and after; each man's scores for supervisors")  # fmt: skip
        self.results_button.clicked.connect(self.show_results)
        self.results_dialog = None
        self.info = QLabel("", objectName="SurveyInfo")
        self.info.setWordWrap(True)
        self.grid = SurveyGrid(context, lambda: self.day.date().toPython())
        self.grid.saved.connect(lambda: self._describe_round())

        top = QHBoxLayout()
        top.addWidget(QLabel("Group:"))
        top.addWidget(self.group, 1)
        top.addWidget(QLabel("Round:"))
        top.addWidget(self.kind)
        top.addWidget(QLabel("Answered on:"))
        top.addWidget(self.day)
        # The round's actions under the choices, beside what the round holds: one row would be
        # wider than a 1366-pixel screen.
        actions = QHBoxLayout()
        actions.addWidget(self.info, 1)
        for button in (self.start_button, self.print_button, self.results_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.grid, 1)
        self.group.activated.connect(lambda _: self.show_round())
        self.kind.activated.connect(lambda _: self.show_round())
        self.reload_groups()
        self.show_round()
        follow_changes(self, Changed.GROUPS, self.reload_groups)

    def reload_groups(self) -> None:
        context = self.panel.context
        chosen = self.group.currentData()
        choices = operations.read(context, lambda s: group_choices(s, context.actor))
        self.group.blockSignals(True)
        self.group.clear()
        for choice in choices:
            self.group.addItem(choice.label, choice.id)
        self.group.setCurrentIndex(self.group.findData(chosen) if chosen is not None else -1)
        self.group.blockSignals(False)

    def refresh(self) -> None:
        """F5: the groups and the open round read again."""
        self.reload_groups()
        self.show_round(keep_place=True)

    def show_group(self, group_id: int, kind: str = "baseline") -> None:
        self.group.setCurrentIndex(self.group.findData(group_id))
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.show_round()

    def _round_here(self):
        group_id, kind = self.group.currentData(), self.kind.currentData()
        if group_id is None:
            return None
        context = self.panel.context
        rounds = operations.read(context, lambda s: group_rounds(s, context.actor, group_id))
        return next((r for r in rounds if r.kind == kind), None)

    def show_round(self, *, keep_place: bool = False) -> None:
        actor = self.panel.context.actor
        found = self._round_here()
        may_enter = allowed(actor, "survey_entry")
        offer(self.print_button, actor, "print", self.group.currentData() is not None)
        offer(self.results_button, actor, "view", found is not None)
        offer(self.start_button, actor, "survey_entry",
              self.group.currentData() is not None and found is None)  # fmt: skip
        self.grid.setVisible(may_enter and found is not None)
        if not may_enter:
            counts = (f"{found.consented} men answered, {found.refused} refused."
                      if found else "Not started.")  # fmt: skip
            self.info.setText(
                f"{counts} {refusal(actor, 'survey_entry')} {who_may('survey_entry')}"
            )
            return
        if found is None:
            words = self.kind.currentText().lower()
            self.info.setText(
                "Choose a group." if self.group.currentData() is None
                else f"This group's {words} has not started: press “Start this round”."
            )  # fmt: skip
            self.grid.open_round(None)
            return
        self._describe_round(found)
        if keep_place and self.grid.round_id == found.id:
            self.grid.refresh()
        else:
            self.grid.open_round(found.id)
            if self.grid.sheet is not None:
                self.day.setDate(QDate(self.grid.sheet.suggested_day))
        self.grid.table.setFocus()

    def _describe_round(self, found=None) -> None:
        found = found or self._round_here()
        if found is not None:
            self.info.setText(f"{found.title} with {found.instrument_title} · {found.consented} "
                              f"men answered, {found.refused} refused")  # fmt: skip

    def show_results(self) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            return
        from .survey_results import SurveyResultsDialog

        code = self.group.currentText().split(" ")[0]
        self.results_dialog = SurveyResultsDialog(self.panel.context, group_id, code, self)
        self.results_dialog.open()

    def print_questionnaires(self) -> None:
        group_id, kind = self.group.currentData(), self.kind.currentData()
        if group_id is None:
            return
        from ..printing.actions import preview_questionnaires

        self.last_preview = preview_questionnaires(self, self.panel.context, group_id, kind)

    def start_round(self) -> None:
        group_id, kind = self.group.currentData(), self.kind.currentData()
        if group_id is None:
            return
        done = operations.change(
            self, self.panel.context, lambda s, a: open_round(s, a, group_id, kind),
            changes=Changed.SURVEYS, title="Start survey round",
        )  # fmt: skip
        if done:
            self.show_round()
