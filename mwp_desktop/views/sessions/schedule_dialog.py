"""Planning a group's weeks: the proposed dates, passing over holidays, shown before saving.

Every date can be changed in the list before it is saved. The saved plan is announced: the
register and the agenda follow it.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.sessions.closed_days import days_without_meetings
from ...services.sessions.scheduling import group_header, propose_schedule, save_schedule
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(qdate(day or date.today()))
    return edit


class ScheduleDialog(QDialog):
    def __init__(self, context: AppContext, group_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.group_id = group_id
        self.group = operations.read(context, lambda s: group_header(s, group_id))
        self.setWindowTitle(f"Plan the schedule — {self.group.code}")
        self.resize(760, 680)

        intro = QLabel(
            f"<b>{self.group.code} {self.group.name}</b> follows <i>{self.group.curriculum_name}"
            f"</i> (version {self.group.curriculum_version}, {self.group.total_sessions} "
            "sessions). The dates below skip Sierra Leone's public holidays and the office's "
            "closed days. Change any date before saving."
        )
        intro.setWordWrap(True)
        self.first_day = date_edit(self.group.start_date)
        self.weekday = QComboBox()
        self.weekday.addItems(WEEKDAYS)
        weekday = self.group.meeting_weekday
        if weekday is None:
            weekday = (self.group.start_date or date.today()).weekday()
        self.weekday.setCurrentIndex(weekday)
        self.meeting_time = QTimeEdit()
        self.meeting_time.setDisplayFormat("HH:mm")
        when = self.group.meeting_time or time(16, 0)
        self.meeting_time.setTime(QTime(when.hour, when.minute))
        row = QHBoxLayout()
        form = QFormLayout()
        form.addRow("First meeting on or after:", self.first_day)
        form.addRow("Meets every:", self.weekday)
        form.addRow("At:", self.meeting_time)
        row.addLayout(form)
        row.addStretch(1)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(("Session", "Date", "Passed over"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setColumnWidth(1, 165)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText("Save schedule")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.first_day.dateChanged.connect(self.propose)
        self.weekday.currentIndexChanged.connect(self.propose)
        self.propose()

    def propose(self) -> None:
        first = self.first_day.date().toPython()
        weekday = self.weekday.currentIndex()

        def read(session):
            proposal = propose_schedule(session, self.group_id, first, weekday)
            # Days to warn about if the user moves a meeting onto one of them.
            last = proposal[-1].planned_date + timedelta(weeks=26)
            return proposal, days_without_meetings(session, first - timedelta(weeks=4), last)

        proposal, self.blocked = operations.read(self.context, read)
        self.table.setRowCount(len(proposal))
        self.date_edits: list[QDateEdit] = []
        self.skipped: list[str] = []
        for row, item in enumerate(proposal):
            self.table.setItem(row, 0, QTableWidgetItem(f"{item.number}. {item.title}"))
            edit = date_edit(item.planned_date)
            edit.setDisplayFormat("ddd dd/MM/yyyy")
            self.table.setCellWidget(row, 1, edit)
            self.date_edits.append(edit)
            self.skipped.append(
                "; ".join(f"{day:%d/%m/%Y} {reason}" for day, reason in item.skipped)
            )
            self.table.setItem(row, 2, QTableWidgetItem(self.skipped[row]))
            edit.dateChanged.connect(lambda _d, row=row: self._check_row(row))

    def _check_row(self, row: int) -> None:
        day = self.date_edits[row].date().toPython()
        note = QTableWidgetItem(self.skipped[row])
        if day in self.blocked:
            note = QTableWidgetItem(f"Warning: {day:%d/%m/%Y} is {self.blocked[day]}")
            note.setForeground(QColor("#a12b1f"))
        self.table.setItem(row, 2, note)

    def dates(self) -> list[date]:
        return [edit.date().toPython() for edit in self.date_edits]

    def save(self) -> None:
        when, dates = self.meeting_time.time().toPython(), self.dates()
        if operations.change(
            self, self.context,
            lambda s, actor: save_schedule(s, actor, self.group_id, dates, meeting_time=when),
            changes=Changed.MEETINGS, title="Plan the schedule",
        ):  # fmt: skip
            self.accept()
