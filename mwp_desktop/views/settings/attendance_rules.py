"""Settings page: the completion rule, the follow-up threshold, the attendance lock, and the
office's targets for attendance and completion that the dashboard measures against."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.admin.settings import all_settings, set_setting
from ...services.permissions import allowed
from ...services.sessions.completion import required_sessions
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes

TITLE = "Attendance rules"


class AttendanceRulesPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.share = QSpinBox(minimum=1, maximum=100, suffix=" %")
        self.share_meaning = QLabel("", wordWrap=True)
        self.follow_up = QSpinBox(minimum=1, maximum=16, suffix=" meetings in a row")
        self.lock_days = QSpinBox(minimum=0, maximum=3650, suffix=" days")
        self.lock_days.setSpecialValueText("never")
        self.target_attendance = QSpinBox(minimum=1, maximum=100, suffix=" % present or late")
        self.target_completion = QSpinBox(minimum=1, maximum=100, suffix=" % of finishers")
        self.targets = (self.target_attendance, self.target_completion)
        self.feedback_threshold = QSpinBox(minimum=1, maximum=100, suffix=" women present")
        for spin in (self.share, self.follow_up, self.lock_days, *self.targets,
                     self.feedback_threshold):  # fmt: skip
            spin.setMinimumWidth(220)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.addRow("A participant completes when he attends:", self.share)
        form.addRow("", self.share_meaning)
        form.addRow("Put a man on the follow-up list after missing:", self.follow_up)
        form.addRow("Lock attendance of meetings held more than:", self.lock_days)
        form.addRow("Office target for attendance:", self.target_attendance)
        form.addRow("Office target for completion:", self.target_completion)
        form.addRow("Share women's themes with men's groups from:", self.feedback_threshold)
        note = QLabel(
            "Present and late count as attended; a make-up meeting counts for the session it "
            "replaces, once. Excused counts as not attended but is shown apart from absent. "
            "Locked attendance can still be corrected by a supervisor or administrator, and "
            "each correction is written to the audit trail. The dashboard draws the targets as "
            "lines and colours its headline rates by how far they are from them."
        )
        note.setWordWrap(True)
        note.setObjectName("PanelSubtitle")
        self.save_button = QPushButton("Save rules")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.share.valueChanged.connect(self._explain)
        self.refresh()
        self._explain()
        self.changes = follow_changes(self, Changed.SETTINGS, self.refresh)
        if not allowed(context.actor, "settings"):
            for widget in (self.share, self.follow_up, self.lock_days, *self.targets, self.feedback_threshold,
                           self.save_button):  # fmt: skip
                widget.setEnabled(False)
            self.save_button.setEnabled(False)
            note.setText(note.text() + " Only a supervisor or administrator can change them.")

    def refresh(self) -> None:
        values = operations.read(self.context, all_settings)
        self.share.setValue(round(values["completion_share"] * 100))
        self.follow_up.setValue(values["follow_up_absences"])
        self.lock_days.setValue(values["attendance_lock_days"])
        self.target_attendance.setValue(round(values["target_attendance"] * 100))
        self.target_completion.setValue(round(values["target_completion"] * 100))
        self.feedback_threshold.setValue(values["women_feedback_threshold"])

    def _explain(self) -> None:
        share = self.share.value() / 100
        men, women = required_sessions(16, share), required_sessions(8, share)
        self.share_meaning.setText(
            f"= {men} of 16 sessions (men's curriculum), {women} of 8 (women's dialogue)"
        )

    def save(self) -> None:
        rules = {
            "completion_share": self.share.value() / 100,
            "follow_up_absences": self.follow_up.value(),
            "attendance_lock_days": self.lock_days.value(),
            "target_attendance": self.target_attendance.value() / 100,
            "target_completion": self.target_completion.value() / 100,
            "women_feedback_threshold": self.feedback_threshold.value(),
        }

        def save_rules(session, actor) -> None:
            for key, value in rules.items():
                set_setting(session, actor, key, value)

        # Who has completed and who needs a follow-up visit are read with these rules.
        if operations.change(self, self.context, save_rules, changes=Changed.SETTINGS, title=TITLE):
            QMessageBox.information(self, TITLE, "The attendance rules are saved.")


def create_page(context: AppContext) -> QWidget:
    return AttendanceRulesPage(context)
