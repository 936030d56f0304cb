"""Create or edit a group, checked as the user types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...models import GROUP_KINDS
from ...services.registration.communities import list_communities
from ...services.registration.facilitators import list_facilitators
from ...services.registration.groups import (
    WEEKDAYS,
    GroupInput,
    GroupRow,
    create_group,
    group_input,
    group_problems,
    next_group_code,
    update_group,
)
from ...services.registration.validation import parse_date
from ...services.sessions.curricula import list_curricula
from ..shared import operations
from ..shared.context import AppContext
from ..shared.forms import ErrorLabel, date_text, with_error
from ..shared.operations import Changed
from ..shared.roles import offer

CHECK_DELAY_MS = 150


class GroupDialog(QDialog):
    def __init__(
        self, context: AppContext, group_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.context = context
        self.group_id = group_id
        self.saved: GroupRow | None = None
        self.setWindowTitle("Edit group" if group_id else "New group")
        self.setMinimumWidth(560)

        self.code = QLineEdit()
        self.name = QLineEdit(placeholderText="e.g. Tombo men's group 2")
        self.kind = QComboBox()
        for kind in GROUP_KINDS:
            self.kind.addItem(kind, kind)
        self.community = QComboBox()
        self.curriculum = QComboBox()
        self.facilitator = QComboBox()
        self.co_facilitator = QComboBox()
        self.weekday = QComboBox()
        self.weekday.addItem("(not fixed)", None)
        for number, day in enumerate(WEEKDAYS):
            self.weekday.addItem(day, number)
        self.meeting_time = QLineEdit(placeholderText="hh:mm, e.g. 16:00")
        self.venue = QLineEdit(placeholderText="e.g. the court barray")
        self.start_date = QLineEdit(placeholderText="dd/mm/yyyy")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(50)

        self.loaded_version: int | None = None  # a new group has none
        choices = operations.read(context, lambda s: _FormChoices.read(s, group_id))
        self.community.addItem("(choose)", None)
        for row in choices.communities:
            self.community.addItem(row.label, row.id)
        self._curricula = choices.curricula
        for c in self._curricula:
            self.curriculum.addItem(f"{c.name} (v{c.version}, {c.session_count} sessions)", c.id)
        existing = choices.existing
        keep = {existing.facilitator_id, existing.co_facilitator_id} if existing else set()
        for combo in (self.facilitator, self.co_facilitator):
            combo.addItem("(none)", None)
            for f in choices.facilitators:
                if f.active or f.id in keep:
                    combo.addItem(f.name, f.id)
        suggested = choices.suggested_code
        self.new_community_button = QPushButton("New community…")
        self.new_community_button.setToolTip("Add a community that is not in the list yet")
        self.new_community_button.clicked.connect(self.add_community)
        self.new_facilitator_button = QPushButton("New facilitator…")
        self.new_facilitator_button.setToolTip("Add a facilitator who is not in the list yet")
        self.new_facilitator_button.clicked.connect(self.add_facilitator)
        same_width = max(b.sizeHint().width() for b in (self.new_community_button,
                                                         self.new_facilitator_button))  # fmt: skip
        for button in (self.new_community_button, self.new_facilitator_button):
            button.setMinimumWidth(same_width)
            button.setAutoDefault(False)  # Enter in the form saves the group, not this
            offer(button, context.actor, "register")

        self.errors = {k: ErrorLabel() for k in ("code", "name", "kind", "community", "curriculum",
                                                 "facilitator", "co_facilitator", "meeting_time",
                                                 "start_date")}  # fmt: skip
        form = QFormLayout()
        form.setVerticalSpacing(4)
        for label, widget, key in (
            ("&Code", self.code, "code"), ("Name", self.name, "name"), ("Kind", self.kind, "kind"),
            ("Community", beside(self.community, self.new_community_button), "community"),
            ("Curriculum", self.curriculum, "curriculum"),
            ("Facilitator", beside(self.facilitator, self.new_facilitator_button), "facilitator"),
            ("Co-facilitator", self.co_facilitator, "co_facilitator"),
            ("Meets on", self.weekday, None), ("At", self.meeting_time, "meeting_time"),
            ("Venue", self.venue, None), ("Start date", self.start_date, "start_date"),
            ("Notes", self.notes, None),
        ):  # fmt: skip
            form.addRow(f"{label}:", with_error(widget, self.errors[key] if key else None))

        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        if existing is not None:
            self._load(existing)
        else:
            self.code.setText(suggested)
            self._kind_changed()
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._touched: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        for key, widget in (("code", self.code), ("name", self.name),
                            ("meeting_time", self.meeting_time), ("start_date", self.start_date)):  # fmt: skip
            widget.textEdited.connect(lambda _t, k=key: self._changed(k))
        for key, combo in (("community", self.community), ("curriculum", self.curriculum),
                           ("facilitator", self.facilitator), ("co_facilitator", self.co_facilitator)):  # fmt: skip
            combo.currentIndexChanged.connect(lambda _i, k=key: self._changed(k))
        self.name.setFocus()

    def _load(self, data: GroupInput) -> None:
        # Handed back with the save, so a change saved on another PC meanwhile is not undone.
        self.loaded_version = data.version
        self.code.setText(data.code)
        self.name.setText(data.name)
        for combo, value in ((self.kind, data.kind), (self.community, data.community_id),
                             (self.curriculum, data.curriculum_id), (self.facilitator, data.facilitator_id),
                             (self.co_facilitator, data.co_facilitator_id),
                             (self.weekday, data.meeting_weekday)):  # fmt: skip
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.meeting_time.setText(data.meeting_time.strftime("%H:%M") if data.meeting_time else "")
        self.venue.setText(data.venue)
        self.start_date.setText(date_text(data.start_date))
        self.notes.setPlainText(data.notes)

    def _kind_changed(self) -> None:
        """A men's group follows the men's curriculum, a women's group the dialogue one."""
        kind = self.kind.currentData()
        for c in sorted(self._curricula, key=lambda c: -c.version):
            if c.kind == kind:
                self.curriculum.setCurrentIndex(self.curriculum.findData(c.id))
                break
        if self.group_id is None:
            year = date.today().year
            self.code.setText(
                operations.read(self.context, lambda s: next_group_code(s, kind, year))
            )

    def add_community(self) -> None:
        from .add_place_dialogs import add_community

        row = add_community(self.context, self)
        if row is not None:
            self.community.addItem(row.label, row.id)
            self.community.setCurrentIndex(self.community.count() - 1)

    def add_facilitator(self) -> None:
        from .add_place_dialogs import add_facilitator

        row = add_facilitator(self.context, self)
        if row is not None:
            for combo in (self.facilitator, self.co_facilitator):
                combo.addItem(row.name, row.id)
            self.facilitator.setCurrentIndex(self.facilitator.count() - 1)

    def _changed(self, key: str) -> None:
        self._touched.add(key)
        self._timer.start()

    def form_input(self) -> tuple[GroupInput, dict[str, str]]:
        """The group as typed, and problems with the fields the service cannot see (dates)."""
        problems: dict[str, str] = {}
        start = None
        try:
            start = parse_date(self.start_date.text())
        except ValueError as exc:
            problems["start_date"] = str(exc)
        at = None
        text = self.meeting_time.text().strip().replace(".", ":")
        if text:
            try:
                at = datetime.strptime(text, "%H:%M").time()
            except ValueError:
                problems["meeting_time"] = f"'{text}' is not a time: write it as hh:mm, e.g. 16:00."
        data = GroupInput(
            self.code.text(), self.name.text(), self.kind.currentData(), self.community.currentData(),
            self.curriculum.currentData(), self.facilitator.currentData(),
            self.co_facilitator.currentData(), self.weekday.currentData(), at, self.venue.text(),
            start, self.notes.toPlainText(), self.loaded_version,
        )  # fmt: skip
        return data, problems

    def check(self, show_all: bool = False) -> bool:
        self._timer.stop()
        data, problems = self.form_input()
        problems.update(
            operations.read(self.context, lambda s: group_problems(s, data, self.group_id))
        )
        for key, label in self.errors.items():
            label.show_reason(problems.get(key) if show_all or key in self._touched else None)
        return not problems

    def save(self) -> None:
        if not self.check(show_all=True):
            return
        data, _ = self.form_input()
        group_id = self.group_id

        def save(session, actor):
            if group_id is None:
                return create_group(session, actor, data)
            return update_group(session, actor, group_id, data)

        done = operations.change(
            self, self.context, save, changes=Changed.GROUPS, title=self.windowTitle(),
            on_error=self._show_refusal,
        )  # fmt: skip
        if done:
            self.saved = done.value
            self.accept()

    def _show_refusal(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            for key, label in self.errors.items():
                label.show_reason(error.fields.get(key))
        else:
            operations.warn(self, self.windowTitle(), error)


def beside(field: QWidget, button: QPushButton) -> QWidget:
    """A field with a button to its right, as one form row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row


@dataclass(frozen=True)
class _FormChoices:
    """What the form offers, read in one session as it opens."""

    communities: list
    curricula: list
    facilitators: list
    existing: GroupInput | None
    suggested_code: str

    @classmethod
    def read(cls, session, group_id: int | None) -> _FormChoices:
        return cls(
            list_communities(session), list_curricula(session), list_facilitators(session),
            group_input(session, group_id) if group_id is not None else None,
            next_group_code(session, "men", date.today().year),
        )  # fmt: skip
