"""Settings page: the curriculum editor.

Each session's title, objectives, activities, materials and length. A version that groups
already follow is shown read-only: "Start a new version" copies it, and the copy can be edited.
Groups keep the version they started with. "Print session plan" (Ctrl+P) previews the chosen
session's facilitator's guide, as saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.permissions import allowed
from ...services.sessions.curricula import list_curricula
from ...services.sessions.curriculum_editing import (
    CurriculumDetail,
    curriculum_detail,
    start_new_version,
    update_session,
)
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes

TITLE = "Curricula"


class CurriculumEditorPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.detail: CurriculumDetail | None = None
        self.may_edit = allowed(context.actor, "curriculum")
        self.curriculum = QComboBox()
        self.new_version = QPushButton("Start a new version")
        self.new_version.setToolTip("Copy the latest version; groups formed later follow the copy.")
        self.new_version.clicked.connect(self.start_version)
        self.state = QLabel("")
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Curriculum:"))
        top.addWidget(self.curriculum, 1)
        top.addWidget(self.new_version)

        self.sessions = QListWidget()
        self.title = QLineEdit()
        self.objectives = QPlainTextEdit()
        self.activities = QPlainTextEdit()
        self.materials = QPlainTextEdit()
        for edit in (self.objectives, self.activities, self.materials):
            edit.setPlaceholderText("One item a line")
            edit.setTabChangesFocus(True)
        self.minutes = QSpinBox(minimum=1, maximum=600, suffix=" minutes")
        self.commitments_made = QCheckBox("Each man makes his commitments at this session")
        self.save_button = QPushButton("Save session")
        self.save_button.clicked.connect(self.save)
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow("Title:", self.title)
        form.addRow("Objectives:", self.objectives)
        form.addRow("Activities:", self.activities)
        form.addRow("Materials:", self.materials)
        form.addRow("Length:", self.minutes)
        form.addRow("Action plan:", self.commitments_made)
        self.print_button = QPushButton("Print session plan… (Ctrl+P)")
        self.print_button.setToolTip("Preview this session's facilitator's guide, as saved")
        self.print_button.clicked.connect(self.print_plan)
        print_action = QAction("Print session plan", self, shortcut=QKeySequence("Ctrl+P"))
        print_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        print_action.triggered.connect(self.print_plan)
        self.addAction(print_action)
        self.last_preview = None
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.save_button)
        form_buttons.addWidget(self.print_button)
        form_buttons.addStretch(1)
        form.addRow("", form_buttons)
        splitter = QSplitter()
        splitter.addWidget(self.sessions)
        splitter.addWidget(form_widget)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 700])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        self.curriculum.currentIndexChanged.connect(lambda _: self.show_curriculum())
        self.sessions.currentRowChanged.connect(self.show_session)
        self.refresh()
        self.changes = follow_changes(self, Changed.CURRICULA, self.refresh)

    def refresh(self) -> None:
        """Read the curricula again, keeping the chosen version and session."""
        chosen, row = self.curriculum.currentData(), self.sessions.currentRow()
        choices = operations.read(self.context, list_curricula)
        self.curriculum.blockSignals(True)
        self.curriculum.clear()
        for c in choices:
            self.curriculum.addItem(f"{c.name} — version {c.version} ({c.session_count})", c.id)
        position = self.curriculum.findData(chosen) if chosen is not None else 0
        self.curriculum.setCurrentIndex(max(position, 0))
        self.curriculum.blockSignals(False)
        self.show_curriculum(row if self.curriculum.currentData() == chosen else 0)

    def show_curriculum(self, row: int = 0) -> None:
        curriculum_id = self.curriculum.currentData()
        if curriculum_id is None:
            return
        self.detail = operations.read(self.context, lambda s: curriculum_detail(s, curriculum_id))
        detail = self.detail
        self.sessions.blockSignals(True)
        self.sessions.clear()
        for s in detail.sessions:
            item = QListWidgetItem(f"{s.number}. {s.title}")
            item.setData(Qt.UserRole, s.id)
            self.sessions.addItem(item)
        self.sessions.blockSignals(False)
        editable = detail.editable and self.may_edit
        if detail.editable:
            text = "No group follows this version yet: its sessions can be edited."
        else:
            text = (
                f"{detail.groups_using} groups follow this version, so it stays as it is and "
                "their schedules and printed plans stay true. Start a new version to make changes."
            )
        if not self.may_edit:
            text += " Only a supervisor or administrator can edit curricula."
        self.state.setText(text)
        for widget in (self.title, self.objectives, self.activities, self.materials):
            widget.setReadOnly(not editable)
        self.minutes.setReadOnly(not editable)
        self.commitments_made.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.new_version.setEnabled(self.may_edit)
        row = min(max(row, 0), self.sessions.count() - 1)
        self.sessions.setCurrentRow(row)
        self.show_session(row)

    def show_session(self, row: int) -> None:
        if self.detail is None or not 0 <= row < len(self.detail.sessions):
            return
        s = self.detail.sessions[row]
        self.title.setText(s.title)
        self.objectives.setPlainText(s.objectives)
        self.activities.setPlainText(s.activities)
        self.materials.setPlainText(s.materials)
        self.minutes.setValue(s.minutes)
        self.commitments_made.setChecked(s.commitments_made)

    def save(self) -> None:
        row = self.sessions.currentRow()
        if self.detail is None or row < 0:
            return
        session_id = self.detail.sessions[row].id
        changed = dict(
            title=self.title.text(),
            objectives=self.objectives.toPlainText(),
            activities=self.activities.toPlainText(),
            materials=self.materials.toPlainText(),
            minutes=self.minutes.value(),
            commitments_made=self.commitments_made.isChecked(),
        )
        # The page follows the change: it reads the session back, still chosen.
        self._change(lambda s, actor: update_session(s, actor, session_id, **changed))

    def print_plan(self) -> None:
        row = self.sessions.currentRow()
        if self.detail is None or not 0 <= row < len(self.detail.sessions):
            return
        session_id = self.detail.sessions[row].id
        from ..printing import actions  # on first print: QtPdf is not needed before

        dialog = actions.preview_session_plan(self, self.context, session_id)
        if dialog is not None:
            self.last_preview = dialog

    def start_version(self) -> None:
        if self.detail is None:
            return
        curriculum_id = self.detail.id
        done = self._change(lambda s, actor: start_new_version(s, actor, curriculum_id))
        if done:  # the list has followed the change: show the new version, to be edited
            self.curriculum.setCurrentIndex(max(self.curriculum.findData(done.value), 0))

    def _change(self, work) -> operations.Outcome:
        return operations.change(self, self.context, work, changes=Changed.CURRICULA, title=TITLE)


def create_page(context: AppContext) -> QWidget:
    return CurriculumEditorPage(context)
