"""The Women's feedback tab: what women raised at their dialogue sessions, and what of it
reaches the men's facilitators.

Office staff, supervisors and administrators record themes against a held women's meeting
(choose the meeting, pick the theme, type how many women raised it and a few words, Enter adds
it; Delete removes the chosen one). Everyone sees what reaches the men's groups' next sessions,
without counts or dates; a facilitator sees only that, for the groups he leads. Supervisors and
administrators also get the report per community for a period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...models.accountability import SUMMARY_LENGTH
from ...services.permissions import allowed
from ...services.sessions.women_feedback import (
    THEME_TITLES,
    FeedbackInput,
    feedback_report,
    meeting_feedback,
    recent_womens_meetings,
    record_feedback,
    remove_feedback,
    themes_for_next_sessions,
)
from ..shared import operations
from ..shared.forms import ErrorLabel
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import FIT, RIGHT, STRETCH, Column, RowTableModel
from .tables import current_row_object, sorted_table

if TYPE_CHECKING:
    from .panel import SessionsPanel

TITLE = "Women's feedback"
SHOWS = Changed.WOMEN_FEEDBACK | Changed.MEETINGS | Changed.ATTENDANCE | Changed.SETTINGS


def _heading(text: str) -> QLabel:
    return QLabel(text, objectName="PlanHeading")


class WomenFeedbackTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.context = panel.context
        actor = self.context.actor
        self.records = allowed(actor, "women_feedback")
        self.reports = allowed(actor, "feedback_report")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        if self.records:
            self._build_entry(layout)
        layout.addWidget(_heading("What reaches the men's facilitators (their next session)"))
        self.reached = RowTableModel(self, columns=(
            Column("Men's group", lambda r: r.group_code, width=FIT),
            Column("Theme", lambda r: r.theme, width=FIT),
            Column("In the facilitator's words", lambda r: r.summary, width=STRETCH),
        ))  # fmt: skip
        self.reached_table, _proxy = sorted_table(self.reached)
        layout.addWidget(self.reached_table, 1)
        note = QLabel(
            "Only themes from women's sessions with enough women present reach the men's side "
            "(Settings › Attendance rules), without how many raised them or when."
        )
        note.setWordWrap(True)
        note.setObjectName("PanelSubtitle")
        layout.addWidget(note)
        if self.reports:
            self._build_report(layout)
        self.refresh()
        follow_changes(self, SHOWS, self.refresh)

    # -- building ---------------------------------------------------------------------------

    def _build_entry(self, layout: QVBoxLayout) -> None:
        layout.addWidget(_heading("Themes raised at a women's dialogue session"))
        self.meeting = QComboBox()
        self.meeting.currentIndexChanged.connect(lambda _i: self.show_themes())
        self.themes = RowTableModel(self, columns=(
            Column("Theme", lambda r: r.theme_title, width=FIT),
            Column("Women", lambda r: r.raised_by, width=FIT, align=RIGHT),
            Column("In the facilitator's words", lambda r: r.summary, width=STRETCH),
        ))  # fmt: skip
        self.themes_table, _proxy = sorted_table(self.themes)
        self.themes_table.installEventFilter(self)
        self.theme = QComboBox()
        self.theme.addItem("", "")
        for value, title in THEME_TITLES.items():
            self.theme.addItem(title, value)
        self.raised_by = QSpinBox(minimum=0, maximum=200, suffix=" women")
        self.summary = QLineEdit(maxLength=SUMMARY_LENGTH)
        self.summary.setPlaceholderText("What was raised, in your words: never who said it")
        self.summary.returnPressed.connect(self.add_theme)
        add = QPushButton("&Add theme")
        add.clicked.connect(self.add_theme)
        remove = QPushButton("Remove (Del)")
        remove.clicked.connect(self.remove_theme)
        self.error = ErrorLabel()
        form = QHBoxLayout()
        for widget in (self.theme, self.raised_by):
            form.addWidget(widget)
        form.addWidget(self.summary, 1)
        form.addWidget(add)
        form.addWidget(remove)
        layout.addWidget(self.meeting)
        layout.addWidget(self.themes_table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)

    def _build_report(self, layout: QVBoxLayout) -> None:
        today = QDate.currentDate()
        self.report_from = QDateEdit(today.addMonths(-3), calendarPopup=True,
                                     displayFormat="dd/MM/yyyy")  # fmt: skip
        self.report_to = QDateEdit(today, calendarPopup=True, displayFormat="dd/MM/yyyy")
        for edit in (self.report_from, self.report_to):
            edit.dateChanged.connect(lambda _d: self.show_report())
        row = QHBoxLayout()
        row.addWidget(_heading("Report per community, from"))
        row.addWidget(self.report_from)
        row.addWidget(QLabel("to"))
        row.addWidget(self.report_to)
        row.addStretch(1)
        self.report = RowTableModel(self, columns=(
            Column("Community", lambda r: r.community, width=STRETCH),
            Column("Theme", lambda r: r.theme_title, width=FIT),
            Column("Women who raised it", lambda r: r.raised_by, width=FIT, align=RIGHT),
        ))  # fmt: skip
        self.report_table, _proxy = sorted_table(self.report)
        layout.addLayout(row)
        layout.addWidget(self.report_table, 1)

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        actor = self.context.actor
        if self.records:
            chosen = self.meeting.currentData()
            meetings = operations.read(self.context, lambda s: recent_womens_meetings(s, actor))
            self.meeting.blockSignals(True)
            self.meeting.clear()
            for meeting in meetings:
                self.meeting.addItem(meeting.label, meeting.id)
            if not meetings:
                self.meeting.addItem("No women's session held in the last 12 weeks", None)
            self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
            self.meeting.blockSignals(False)
            self.show_themes()
        self.reached.set_rows(
            operations.read(self.context, lambda s: themes_for_next_sessions(s, actor))
        )
        if self.reports:
            self.show_report()

    def show_themes(self) -> None:
        meeting_id = self.meeting.currentData()
        actor = self.context.actor
        rows = (
            operations.read(self.context, lambda s: meeting_feedback(s, actor, meeting_id))
            if meeting_id is not None else []
        )  # fmt: skip
        self.themes.set_rows(rows)

    def show_report(self) -> None:
        start, end = self.report_from.date().toPython(), self.report_to.date().toPython()
        actor = self.context.actor
        self.report.set_rows(
            operations.read(self.context, lambda s: feedback_report(s, actor, start, end))
            if start <= end else []
        )  # fmt: skip

    # -- changing ---------------------------------------------------------------------------

    def add_theme(self) -> None:
        meeting_id = self.meeting.currentData()
        if meeting_id is None:
            self.error.show_reason("Choose a women's session first.")
            return
        data = FeedbackInput(
            meeting_id, self.theme.currentData() or "", self.raised_by.value(), self.summary.text()
        )
        done = operations.change(
            self, self.context, lambda s, actor: record_feedback(s, actor, data),
            changes=Changed.WOMEN_FEEDBACK, title=TITLE,
            on_error=lambda e: self.error.show_reason(operations.message_of(e)),
        )  # fmt: skip
        if done:
            self.error.show_reason(None)
            self.theme.setCurrentIndex(0)
            self.raised_by.setValue(0)
            self.summary.clear()
            self.theme.setFocus()

    def remove_theme(self) -> None:
        row = current_row_object(self.themes_table)
        if row is not None:
            operations.change(
                self, self.context, lambda s, actor: remove_feedback(s, actor, row.id),
                changes=Changed.WOMEN_FEEDBACK, title=TITLE,
            )  # fmt: skip

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.KeyPress
            and event.key() == Qt.Key_Delete
        ):
            self.remove_theme()
            return True
        return super().eventFilter(watched, event)
