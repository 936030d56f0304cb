"""Register or edit a participant: checked as the user types, duplicates shown before saving.

Keyboard first: Tab moves field to field, typing M or F picks the sex, Enter saves. When the
name (in the same community, at about the same age) matches someone already registered, a yellow
box lists them with "Open the existing record" and "Register anyway"; someone who only shares
the phone number is listed there too, with his group, but does not stop Save.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...services.registration.communities import list_communities
from ...services.registration.enrollments import EnrollmentRow, OtherSex, history
from ...services.registration.joining_dates import default_joining_date_of
from ...services.registration.participants import (
    Duplicate,
    DuplicateFound,
    ParticipantDetail,
    ParticipantInput,
    as_input,
    clean_participant,
    find_duplicates,
    name_only,
    participant_detail,
    register_participant,
    update_participant,
)
from ...services.registration.validation import display_phone
from ..shared import operations
from ..shared.context import AppContext
from ..shared.forms import ErrorLabel, date_text, with_error
from ..shared.operations import Changed
from ..shared.other_sex import enrol_anyway

OPEN_EXISTING = 2  # dialog result: the user chose to open an existing record instead
CHECK_DELAY_MS = 150


class ParticipantDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        participant_id: int | None = None,
        *,
        group_id: int | None = None,
        group_label: str = "",
        community_id: int | None = None,
        default_sex: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.participant_id = participant_id
        self.group_id = group_id
        self.loaded_version: int | None = None  # a new participant has none
        self.saved: ParticipantDetail | None = None
        self.open_existing_id: int | None = None
        self.duplicates: list[Duplicate] = []
        self._touched: set[str] = set()
        self.setWindowTitle("Edit participant" if participant_id else "Register a participant")
        self.setMinimumWidth(520)

        self.first_name = QLineEdit(placeholderText="e.g. Mohamed")
        self.last_name = QLineEdit(placeholderText="e.g. Kamara")
        self.sex = QComboBox()
        for text, value in (("", ""), ("M — male", "M"), ("F — female", "F")):
            self.sex.addItem(text, value)
        self.age = QLineEdit(placeholderText="age (15–99) or year of birth; blank if unknown")
        self.phone = QLineEdit(placeholderText="e.g. 076 123 456")
        self.community = QComboBox()
        self.community.addItem("(not known)", None)
        for row in operations.read(context, list_communities):
            self.community.addItem(row.label, row.id)
        self.consent = QLineEdit(placeholderText="dd/mm/yyyy")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)

        # Registered into a group: the day he joined it, which is not the day he is typed in
        # when the office types the paper list after the first meeting.
        self.joined = QLineEdit(placeholderText="dd/mm/yyyy")
        self.errors = {name: ErrorLabel() for name in
                       ("first_name", "last_name", "sex", "age", "phone", "consent_date",
                        "joined")}  # fmt: skip
        form = QFormLayout()
        form.setVerticalSpacing(4)
        rows = (("First name(s)", self.first_name, "first_name"), ("Surname", self.last_name, "last_name"),
                ("Sex", self.sex, "sex"), ("Age or year of birth", self.age, "age"),
                ("Phone", self.phone, "phone"), ("Community", self.community, None),
                ("Consent date", self.consent, "consent_date"), ("Notes", self.notes, None))  # fmt: skip
        if group_id is not None and participant_id is None:
            rows += (("Joined the group", self.joined, "joined"),)
        for label, widget, key in rows:
            holder = with_error(widget, self.errors[key] if key else None)
            form.addRow(f"&{label}:" if key == "first_name" else f"{label}:", holder)

        self.duplicate_box = QFrame(objectName="DuplicateBox")
        self.duplicate_box.setStyleSheet(
            "#DuplicateBox { background: #fff6d6; border: 1px solid #e0b84a; border-radius: 6px; }"
        )
        box = QVBoxLayout(self.duplicate_box)
        self.duplicate_label = QLabel(wordWrap=True)
        self.duplicate_label.setTextFormat(Qt.RichText)
        self.open_existing_button = QPushButton("&Open the existing record")
        self.register_anyway_button = QPushButton("Register &anyway")
        for button in (self.open_existing_button, self.register_anyway_button):
            button.setAutoDefault(False)  # Enter keeps meaning "Save"
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_existing_button)
        buttons.addWidget(self.register_anyway_button)
        buttons.addStretch(1)
        box.addWidget(self.duplicate_label)
        box.addLayout(buttons)
        self.duplicate_box.hide()

        self.button_box = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = self.button_box.button(QDialogButtonBox.Save)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        if group_label:
            layout.addWidget(QLabel(f"He will join group <b>{group_label}</b>."))
        layout.addLayout(form)
        self.history_label = QLabel(wordWrap=True, objectName="PanelSubtitle")
        self.history_label.hide()
        layout.addWidget(self.history_label)
        layout.addWidget(self.duplicate_box)
        layout.addWidget(self.button_box)

        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        for key, widget in (("first_name", self.first_name), ("last_name", self.last_name),
                            ("age", self.age), ("phone", self.phone),
                            ("consent_date", self.consent)):  # fmt: skip
            widget.textEdited.connect(lambda _t, k=key: self._changed(k))
        self.sex.currentIndexChanged.connect(lambda _i: self._changed("sex"))
        self.community.currentIndexChanged.connect(lambda _i: self._changed(None))
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        self.open_existing_button.clicked.connect(self._open_existing)
        self.register_anyway_button.clicked.connect(lambda: self.save(allow_duplicate=True))
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

        if participant_id is not None:
            detail, memberships = operations.read(
                context,
                lambda s: (
                    participant_detail(s, context.actor, participant_id),
                    history(s, context.actor, participant_id),
                ),
            )
            self._load(detail)
            self._show_history(memberships)
        else:
            self._select_data(self.community, community_id)
            self._select_data(self.sex, default_sex)
            self.consent.setText(date_text(date.today()))
            if group_id is not None:
                self.joined.setText(date_text(self._default_joined(group_id)))
        self.first_name.setFocus()

    # -- reading the form -------------------------------------------------------------------

    def _load(self, detail: ParticipantDetail) -> None:
        # Handed back with the save, so a change saved on another PC meanwhile is not undone.
        self.loaded_version = detail.version
        data = as_input(detail)
        self.setWindowTitle(f"Edit participant {detail.code}")
        self.first_name.setText(data.first_name)
        self.last_name.setText(data.last_name)
        self._select_data(self.sex, data.sex)
        self.age.setText("" if detail.birth_year is None else str(detail.birth_year))
        self.phone.setText(display_phone(detail.phone))
        self._select_data(self.community, detail.community_id)
        self.consent.setText(date_text(detail.consent_date))
        self.notes.setPlainText(detail.notes)

    def _show_history(self, memberships: list[EnrollmentRow]) -> None:
        """His groups, oldest first: where he is now and how he got there."""
        lines = []
        for e in memberships:
            text = (
                f"{e.group_code}: joined {date_text(e.enrolled_on)}, {e.status.replace('_', ' ')}"
            )
            if e.ended_on:
                text += f" {date_text(e.ended_on)}"
            if e.transferred_to:
                text += f" to {e.transferred_to}"
            if e.reason and e.status in ("dropped", "transferred"):
                text += f" ({e.reason})"
            lines.append(text)
        self.history_label.setText("Groups: " + ("; ".join(lines) if lines else "none yet"))
        self.history_label.show()

    @staticmethod
    def _select_data(combo: QComboBox, value) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _default_joined(self, group_id: int) -> date:
        return operations.read(
            self.context, lambda s: default_joining_date_of(s, group_id, date.today())
        )

    def form_input(self) -> ParticipantInput:
        return ParticipantInput(
            self.first_name.text(), self.last_name.text(), self.sex.currentData() or "",
            self.age.text(), self.phone.text(), self.community.currentData(),
            self.consent.text(), self.notes.toPlainText(),
        )  # fmt: skip

    # -- checking as the user types ---------------------------------------------------------

    def _changed(self, key: str | None) -> None:
        if key:
            self._touched.add(key)
        self._timer.start()

    def check(self, show_all: bool = False) -> bool:
        """Show each field's problem and any possible duplicates; True when it can be saved."""
        self._timer.stop()
        fields: dict[str, str] = {}
        try:
            clean = clean_participant(self.form_input(), date.today())
        except ValidationError as exc:
            fields, clean = exc.fields, None
        for key, label in self.errors.items():
            label.show_reason(fields.get(key) if show_all or key in self._touched else None)
        if clean is None and not ({"first_name", "last_name", "phone"} & set(fields)):
            # Another field is wrong (an age, a date) but name and phone are fine: the
            # duplicate check need not wait for it.
            clean = name_only(self.form_input())
        matches: list[Duplicate] = []
        if clean is not None:
            matches = operations.read(
                self.context, lambda s: find_duplicates(s, clean, exclude_id=self.participant_id)
            )
        self.show_duplicates(matches)
        return not fields

    def show_duplicates(self, matches: list[Duplicate]) -> None:
        # Only a possible same man stops Save; a shared phone (a family's) is shown to look at.
        self.duplicates = [m for m in matches if m.same_man]
        if not matches:
            self.duplicate_box.hide()
            return
        items = "".join(
            f"<li><b>{m.code}</b> {m.name}{' — ' + m.community if m.community else ''}"
            f"{' — ' + display_phone(m.phone) if m.phone else ''} <i>({m.reason})</i></li>"
            for m in matches[:5]
        )
        heading = (
            "This may be someone already registered:"
            if self.duplicates
            else "Shares a phone number with (saving is fine if he is another man):"
        )
        self.duplicate_label.setText(f"<b>{heading}</b><ul>{items}</ul>")
        self.open_existing_button.setVisible(bool(self.duplicates))
        self.register_anyway_button.setVisible(bool(self.duplicates))
        self.duplicate_box.show()

    # -- saving -----------------------------------------------------------------------------

    def save(self, allow_duplicate: bool = False, allow_other_sex: bool = False) -> None:
        if not self.check(show_all=True):
            return
        if self.duplicates and not allow_duplicate:
            self.open_existing_button.setFocus()
            return
        data, joined = self.form_input(), self.joined.text()
        participant_id, group_id, version = self.participant_id, self.group_id, self.loaded_version

        def save(session, actor) -> ParticipantDetail:
            if participant_id is None:
                return register_participant(
                    session, actor, data, allow_duplicate=allow_duplicate, group_id=group_id,
                    allow_other_sex=allow_other_sex, joined=joined,
                )  # fmt: skip
            return update_participant(
                session, actor, participant_id, data, allow_duplicate=allow_duplicate,
                version=version,
            )  # fmt: skip

        # Registered straight into a group, he is also one of its members.
        joins = (
            Changed.MEMBERSHIPS if participant_id is None and group_id is not None else Changed(0)
        )
        refused: list[OtherSex] = []
        done = operations.change(
            self, self.context, save, changes=Changed.PARTICIPANTS | joins,
            title=self.windowTitle(), on_error=lambda e: self._show_refusal(e, refused),
        )  # fmt: skip
        if done:
            self.saved = done.value
            self.accept()
        elif refused and enrol_anyway(self, self.windowTitle(), refused[0]):
            self.save(allow_duplicate, allow_other_sex=True)

    def _show_refusal(self, error: UserError, other_sex: list[OtherSex]) -> None:
        if isinstance(error, OtherSex):  # asked once the change is over, then saved again
            other_sex.append(error)
        elif isinstance(error, DuplicateFound):  # someone else registered him meanwhile
            self.show_duplicates(error.matches)
        elif isinstance(error, ValidationError):
            for key, label in self.errors.items():
                label.show_reason(error.fields.get(key))
        else:
            operations.warn(self, self.windowTitle(), error)

    def _open_existing(self) -> None:
        if self.duplicates:
            self.open_existing_id = self.duplicates[0].id
            self.done(OPEN_EXISTING)
