"""Recording a safeguarding concern, or changing where it stands: the day, the group, the kind,
who it was referred to, the follow-up day and status, and a short note (no story details).

Keyboard-first: every field has its letter, Enter saves, Escape closes without saving. A mistake
is shown under its field and nothing is saved until every field is right.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...models.safeguarding import NOTE_LENGTH
from ...services.admin.referral_directory import list_services
from ...services.sessions.agenda import group_choices
from ...services.sessions.concerns import (
    KIND_TITLES,
    STATUS_TITLES,
    ConcernInput,
    ConcernRow,
    record_concern,
    update_concern,
)
from ..shared import operations
from ..shared.context import AppContext
from ..shared.forms import ErrorLabel, with_error
from ..shared.operations import Changed

FOLLOW_UP_AFTER_DAYS = 7  # a week, unless the office says otherwise in the form
FIELDS = ("noted_on", "group_id", "kind", "status", "referred_to_id", "follow_up_on", "note")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ConcernDialog(QDialog):
    def __init__(self, context: AppContext, concern: ConcernRow | None, parent: QWidget | None):
        super().__init__(parent)
        self.context = context
        self.concern = concern
        self.setWindowTitle("Safeguarding concern" if concern else "Record a safeguarding concern")
        today = date.today()
        groups, services = operations.read(context, self._choices)

        self.noted_on = QDateEdit(_qdate(today), calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.group = QComboBox(editable=True, insertPolicy=QComboBox.NoInsert)
        self.group.addItem("", None)
        for choice in groups:
            self.group.addItem(choice.label, choice.id)
        self.group.completer().setFilterMode(Qt.MatchContains)
        self.group.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.kind = self._combo(KIND_TITLES)
        self.status = self._combo(STATUS_TITLES, blank=False)
        self.status.setCurrentIndex(self.status.findData("referred"))
        self.referred_to = QComboBox()
        self.referred_to.addItem("", None)
        for service in services:
            self.referred_to.addItem(service.label, service.id)
        self.follow_up_on = QDateEdit(
            _qdate(today + timedelta(days=FOLLOW_UP_AFTER_DAYS)), calendarPopup=True,
            displayFormat="dd/MM/yyyy",
        )  # fmt: skip
        self.note = QLineEdit(maxLength=NOTE_LENGTH)
        self.note.setPlaceholderText("What was done, not what happened: no names, no story")
        self.errors = {name: ErrorLabel() for name in FIELDS}
        self.problem = ErrorLabel()  # a refusal that is not about one field

        form = QFormLayout()
        rows = (
            ("&Noted on:", self.noted_on, "noted_on"), ("&Group:", self.group, "group_id"),
            ("&Kind:", self.kind, "kind"), ("&Status:", self.status, "status"),
            ("&Referred to:", self.referred_to, "referred_to_id"),
            ("&Follow up by:", self.follow_up_on, "follow_up_on"), ("N&ote:", self.note, "note"),
        )  # fmt: skip
        for label, widget, name in rows:
            form.addRow(label, with_error(widget, self.errors[name]))
        hint = QLabel(
            "Seen only by supervisors, administrators and whoever recorded it. Every opening is "
            "kept in the audit trail. Never printed on a group's documents."
        )
        hint.setWordWrap(True)
        hint.setObjectName("Hint")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if concern is not None:
            self._load(concern)
        self.setMinimumWidth(520)

    def _choices(self, session):
        actor = self.context.actor
        return group_choices(session, actor), list_services(session, actor, active_only=True)

    @staticmethod
    def _combo(titles: dict[str, str], blank: bool = True) -> QComboBox:
        combo = QComboBox()
        if blank:
            combo.addItem("", "")
        for value, title in titles.items():
            combo.addItem(title, value)
        return combo

    def _load(self, concern: ConcernRow) -> None:
        self.noted_on.setDate(_qdate(concern.noted_on))
        self.group.setCurrentIndex(max(self.group.findData(concern.group_id), 0))
        self.kind.setCurrentIndex(max(self.kind.findData(concern.kind), 0))
        self.status.setCurrentIndex(max(self.status.findData(concern.status), 0))
        if (
            concern.referred_to_id is not None
            and self.referred_to.findData(concern.referred_to_id) < 0
        ):  # a service no longer offered still shows on the concern sent there
            self.referred_to.addItem(concern.referred_to, concern.referred_to_id)
        self.referred_to.setCurrentIndex(max(self.referred_to.findData(concern.referred_to_id), 0))
        if concern.follow_up_on is not None:
            self.follow_up_on.setDate(_qdate(concern.follow_up_on))
        self.note.setText(concern.note)

    def entered(self) -> ConcernInput:
        return ConcernInput(
            noted_on=self.noted_on.date().toPython(),
            group_id=self.typed_group(),
            kind=self.kind.currentData() or "",
            referred_to_id=self.referred_to.currentData(),
            follow_up_on=self.follow_up_on.date().toPython(),
            status=self.status.currentData(),
            note=self.note.text(),
        )

    def typed_group(self) -> int | None:
        """The group named in the box: the one chosen, or the only one whose code or name holds
        what was typed (typing "M001" is enough)."""
        typed = self.group.currentText().strip().casefold()
        if not typed:
            return None
        found = [
            i for i in range(1, self.group.count()) if typed in self.group.itemText(i).casefold()
        ]
        exact = [i for i in found if self.group.itemText(i).casefold() == typed]
        chosen = exact or (found if len(found) == 1 else [])
        return self.group.itemData(chosen[0]) if chosen else None

    def save(self) -> None:
        data, concern = self.entered(), self.concern
        for label in (*self.errors.values(), self.problem):
            label.show_reason(None)

        def work(session, actor):
            if concern is None:
                return record_concern(session, actor, data)
            return update_concern(session, actor, concern.id, data)

        done = operations.change(
            self, self.context, work, changes=Changed.CONCERNS | Changed.AUDIT,
            title=self.windowTitle(), on_error=self._show_refusal,
        )  # fmt: skip
        if done:
            self.accept()

    def _show_refusal(self, error) -> None:
        fields = getattr(error, "fields", None)
        if not fields:
            self.problem.show_reason(operations.message_of(error))
            return
        for name, reason in fields.items():
            self.errors.get(name, self.problem).show_reason(reason)
