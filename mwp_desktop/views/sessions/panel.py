"""The Sessions & Attendance panel: the agenda, a group's register and schedule, the follow-up list.

From the agenda, Enter opens a meeting's group at that meeting's column; Ctrl+T takes attendance
for it; Ctrl+P prints its sign-in sheet (on the Follow-up tab, the follow-up list). The register
tab plans and changes a group's schedule, prints it, and holds the register itself. Printing goes
through views/printing/actions.py, the same preview the Printing panel opens.

Each tab follows the changes it shows (views/shared/panel.py): marks saved in the take-attendance
dialog or typed into the register, meetings moved or planned, are announced by whoever saved them,
and the agenda, the register and the follow-up list read themselves again. F5 reads the tab in
view again (changes made on another PC).
"""

from __future__ import annotations

from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from ...errors import UserError
from ...services.permissions import allowed
from ..shared import operations
from ..shared.context import AppContext
from ..shared.header import PanelHeader
from ..shared.operations import Changed
from ..shared.panel import Panel
from .agenda_tab import AgendaTab
from .tabs_built_when_chosen import TabsBuiltWhenChosen

if TYPE_CHECKING:
    from .take_attendance import TakeAttendanceDialog


# The tabs after the agenda: attribute, title, module and class. Each module is imported and its
# tab built when the tab is first chosen (tabs_built_when_chosen.py); the panel opens on the agenda.
LATER_TABS = (
    ("register_tab", "Register && schedule", "register_tab", "RegisterTab"),
    ("commitments", "Commitments", "commitments_tab", "CommitmentsTab"),
    ("follow_up", "Follow-up calls", "follow_up_tab", "FollowUpTab"),
    ("surveys", "Attitude surveys", "survey_tab", "SurveyTab"),
    ("women_feedback", "Women's feedback", "women_feedback_tab", "WomenFeedbackTab"),
    ("concerns", "Safeguarding", "concerns_tab", "ConcernsTab"),
)


def _later_tab(name: str) -> property:
    """The panel's tab `name`, built when first asked for (None: a tab this role has not)."""
    return property(lambda panel: panel.later.page(name) if panel.later.has(name) else None)


class SessionsPanel(Panel):
    cares_about = (
        Changed.MEETINGS | Changed.ATTENDANCE | Changed.GROUPS | Changed.MEMBERSHIPS
        | Changed.PARTICIPANTS | Changed.CLOSED_DAYS | Changed.SETTINGS | Changed.SURVEYS
    )  # fmt: skip
    tabs_follow_changes = True

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 16)
        layout.addWidget(
            PanelHeader(
                "Sessions & Attendance",
                "This week's and next week's meetings, each group's schedule and register, "
                "and the men to call.",
            )
        )
        self.tabs = QTabWidget()
        self.agenda = AgendaTab(self)
        self.tabs.addTab(self.agenda, "Agenda")
        self.later = TabsBuiltWhenChosen(self.tabs)
        for name, title, module, kind in LATER_TABS:
            if name == "concerns" and not allowed(context.actor, "concerns"):
                continue  # a facilitator has no Safeguarding tab
            self.later.add(name, title, partial(self._build_tab, module, kind))
        self.attendance_dialog: TakeAttendanceDialog | None = None
        self.last_preview = None  # the most recent print preview, for tests and focus
        layout.addWidget(self.tabs, 1)

    register_tab = _later_tab("register_tab")
    commitments = _later_tab("commitments")
    follow_up = _later_tab("follow_up")
    surveys = _later_tab("surveys")
    women_feedback = _later_tab("women_feedback")
    concerns = _later_tab("concerns")

    def _build_tab(self, module: str, kind: str) -> QWidget:
        return getattr(import_module(f".{module}", __package__), kind)(self)

    def refresh(self) -> None:
        """F5: the tab in view reads its meetings again (changes made on another PC)."""
        self.tabs.currentWidget().refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+T reaches the panel from whichever table has the focus (they pass it on).
        if event.key() == Qt.Key_T and event.modifiers() == Qt.ControlModifier:
            event.accept()
            self._take_attendance_here()
            return
        if event.key() == Qt.Key_P and event.modifiers() == Qt.ControlModifier:
            event.accept()
            self._print_here()
            return
        super().keyPressEvent(event)

    def _take_attendance_here(self) -> None:
        if self.tabs.currentWidget() is self.agenda:
            self.agenda.take_attendance()
        elif self.tabs.currentWidget() is self.register_tab:
            self.register_tab.take_attendance()

    def _print_here(self) -> None:
        if self.tabs.currentWidget() is self.follow_up:
            self.print_follow_up()
        elif self.tabs.currentWidget() is self.agenda:
            self.print_sign_in_sheet(self.agenda.current_meeting_id())
        elif self.tabs.currentWidget() is self.register_tab:
            self.print_sign_in_sheet(self.register_tab.register.current_meeting_id())

    # -- printing (the preview is non-modal; it stays open beside the panel) ----------------

    def _keep(self, dialog) -> None:
        if dialog is not None:
            self.last_preview = dialog

    @staticmethod
    def _actions():
        # Imported on first print: QtPdf and the document layer cost ~0.1 s the panel's first
        # opening need not pay.
        from ..printing import actions

        return actions

    def print_sign_in_sheet(self, meeting_id: int | None) -> None:
        if meeting_id is None:
            QMessageBox.information(
                self, "Print sign-in sheet", "Choose a meeting first: click its row or column."
            )
            return
        self._keep(self._actions().preview_sign_in_sheet(self, self.context, meeting_id))

    def print_schedule(self, group_id: int) -> None:
        self._keep(self._actions().preview_schedule(self, self.context, group_id))

    def print_register(self, group_id: int) -> None:
        self._keep(self._actions().preview_register(self, self.context, group_id))

    def print_certificates(self, group_id: int) -> None:
        self._keep(self._actions().preview_certificates(self, self.context, group_id))

    def print_follow_up(self) -> None:
        self._keep(self._actions().preview_follow_up(self, self.context))

    def open_group(self, group_id: int, meeting_id: int | None = None) -> None:
        self.tabs.setCurrentWidget(self.register_tab)
        self.register_tab.show_group(group_id, meeting_id)

    def take_attendance(self, meeting_id: int) -> None:
        from .take_attendance import TakeAttendanceDialog

        try:
            dialog = TakeAttendanceDialog(self.context, meeting_id, self)
        except UserError as refusal:  # a meeting still to come, or cancelled
            operations.warn(self, "Take attendance", refusal)
            return
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_attendance_dialog)
        self.attendance_dialog = dialog
        dialog.open()  # window-modal, without blocking the event loop

    def _forget_attendance_dialog(self) -> None:
        # The dialog announces what it saved; the tabs follow. It is deleted once closed.
        self.attendance_dialog = None


def create_panel(context: AppContext) -> SessionsPanel:
    return SessionsPanel(context)
