"""Settings page: the office's closed days, beside Sierra Leone's public holidays.

Schedules are planned around both; the public holidays are listed for reference.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.permissions import allowed
from ...services.sessions.closed_days import (
    add_closed_day,
    list_closed_days,
    public_holidays,
    remove_closed_day,
)
from ..sessions.schedule_dialog import date_edit
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes

TITLE = "Closed days"


class ClosedDaysPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.closed = QListWidget(objectName="ClosedDays")
        self.day = date_edit()
        self.reason = QLineEdit(placeholderText="Why the office is closed, e.g. Staff retreat")
        self.add_button = QPushButton("Add closed day")
        self.add_button.clicked.connect(self.add)
        self.reason.returnPressed.connect(self.add)
        self.remove_button = QPushButton("Remove selected")
        self.remove_button.clicked.connect(self.remove)
        self.holidays = QListWidget()
        self.holidays.setFocusPolicy(Qt.NoFocus)

        adder = QHBoxLayout()
        adder.addWidget(self.day)
        adder.addWidget(self.reason, 1)
        adder.addWidget(self.add_button)
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>The office's closed days</b> (no meetings are planned on them)"))
        left.addWidget(self.closed, 1)
        left.addLayout(adder)
        left.addWidget(self.remove_button, 0, Qt.AlignRight)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Public holidays</b> in the coming year"))
        right.addWidget(self.holidays, 1)

        grid = QGridLayout(self)
        grid.setContentsMargins(16, 16, 16, 16)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        if not allowed(context.actor, "settings"):
            for widget in (self.day, self.reason, self.add_button, self.remove_button):
                widget.setEnabled(False)
        self.refresh()
        self.changes = follow_changes(self, Changed.CLOSED_DAYS, self.refresh)

    def refresh(self) -> None:
        chosen = self.closed.currentItem()
        chosen_id = chosen.data(Qt.UserRole) if chosen is not None else None
        days = operations.read(self.context, list_closed_days)
        self.closed.clear()
        for item in days:
            row = QListWidgetItem(f"{item.day:%a %d/%m/%Y}   {item.reason}")
            row.setData(Qt.UserRole, item.id)
            self.closed.addItem(row)
            if item.id == chosen_id:
                self.closed.setCurrentItem(row)
        today = date.today()
        self.holidays.clear()
        for day, name in sorted(public_holidays(today, today + timedelta(days=365)).items()):
            self.holidays.addItem(f"{day:%a %d/%m/%Y}   {name}")

    def add(self) -> None:
        day, reason = self.day.date().toPython(), self.reason.text()
        if self._change(lambda session, actor: add_closed_day(session, actor, day, reason)):
            self.reason.clear()

    def remove(self) -> None:
        item = self.closed.currentItem()
        if item is None:
            return
        closed_day_id = item.data(Qt.UserRole)
        if not self._change(lambda s, actor: remove_closed_day(s, actor, closed_day_id)):
            self.refresh()  # a day another PC already removed leaves the list too

    def _change(self, work) -> operations.Outcome:
        return operations.change(self, self.context, work, changes=Changed.CLOSED_DAYS, title=TITLE)


def create_page(context: AppContext) -> QWidget:
    return ClosedDaysPage(context)
