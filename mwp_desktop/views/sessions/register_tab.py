"""The register tab: pick a group, plan or change its schedule, and type its register.

A schedule planned or a meeting changed here is announced (operations): the register below, the
agenda and the rest of the window follow it themselves.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...services.sessions.agenda import group_choices
from ...services.sessions.register_export import export_attendance, export_schedule
from ..shared import operations
from ..shared.choice_box import choice_box
from ..shared.empty_state import EmptyState
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.roles import offer
from ..shared.typed_group import not_a_group, typed_group
from . import meeting_actions
from .register_widget import RegisterWidget
from .schedule_dialog import ScheduleDialog

if TYPE_CHECKING:
    from .panel import SessionsPanel


class RegisterTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        context = panel.context
        self.group = choice_box(28, "RegisterGroup")
        self.group.lineEdit().setPlaceholderText("Type a group code or name")

        self.plan_button = QPushButton("Plan schedule…")
        self.plan_button.clicked.connect(self.plan)
        self.take_button = QPushButton("Take attendance… (Ctrl+T)")
        self.take_button.clicked.connect(self.take_attendance)
        self.meeting_button = QToolButton(text="This meeting ▾")
        self.meeting_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.meeting_button)
        for title, action in (
            ("Move to another day…", meeting_actions.move),
            ("Postpone a week (and shift later ones)…", meeting_actions.postpone),
            ("Cancel with a reason…", meeting_actions.cancel),
            ("Plan a make-up meeting…", meeting_actions.makeup),
        ):
            menu.addAction(title, lambda action=action: self.change_meeting(action))
        menu.addSeparator()
        menu.addAction("Print sign-in sheet…\tCtrl+P", self.print_sheet)
        self.meeting_button.setMenu(menu)
        self.print_button = QToolButton(text="Print ▾", objectName="RegisterPrint")
        self.print_button.setPopupMode(QToolButton.InstantPopup)
        print_menu = QMenu(self.print_button)
        print_menu.addAction("Sign-in sheet of this meeting…\tCtrl+P", self.print_sheet)
        print_menu.addAction("Schedule…", lambda: self._print_group(self.panel.print_schedule))
        print_menu.addAction("Register…", lambda: self._print_group(self.panel.print_register))
        print_menu.addAction(
            "Certificates…", lambda: self._print_group(self.panel.print_certificates)
        )
        self.print_button.setMenu(print_menu)
        self.export_button = QToolButton(text="Export ▾")
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction("Register (CSV or XLSX)…", lambda: self.export("attendance"))
        export_menu.addAction("Schedule (CSV or XLSX)…", lambda: self.export("schedule"))
        self.export_button.setMenu(export_menu)

        top = QHBoxLayout()
        top.addWidget(QLabel("Group:"))
        top.addWidget(self.group, 1)
        for widget in (
            self.plan_button,
            self.take_button,
            self.meeting_button,
            self.print_button,
            self.export_button,
        ):
            top.addWidget(widget)
        self.info = QLabel("", objectName="RegisterInfo")
        self.info.setWordWrap(True)
        self.register = RegisterWidget(context)
        self.empty = EmptyState(self.register.table, self._empty_words)
        self.reload_groups()
        self.register.meeting_changed.connect(self._on_meeting)
        self.register.shown.connect(self._describe_group)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.register, 1)
        self.group.activated.connect(lambda _: self.show_group(self.group.currentData()))
        self.group.lineEdit().returnPressed.connect(self._open_typed_group)
        self._update_buttons()
        # The group list; the register follows what it shows itself.
        follow_changes(self, Changed.GROUPS, self.reload_groups)

    def reload_groups(self) -> None:
        """The groups to choose from read again, the open one still chosen."""
        context = self.panel.context
        choices = operations.read(context, lambda s: group_choices(s, context.actor))
        self.group.blockSignals(True)
        self.group.clear()
        for choice in choices:
            self.group.addItem(choice.label, choice.id)
        group_id = self.current_group_id()
        self.group.setCurrentIndex(self.group.findData(group_id) if group_id is not None else -1)
        self.group.blockSignals(False)
        self.empty.update_state()

    def _empty_words(self) -> str:
        if self.register.group_id is not None:
            return "No members yet: add them in the Groups panel, then take attendance here."
        if self.group.count() == 0:
            return "No groups yet: make one in the Groups panel (New group…)."
        return "Type a group's code above and press Enter to see its register."

    def refresh(self) -> None:
        """F5: the group list and the open register read again, keeping the place in it."""
        self.reload_groups()
        self.register.refresh()

    def show_group(self, group_id: int | None, meeting_id: int | None = None) -> None:
        if group_id is None:
            return
        position = self.group.findData(group_id)
        if position >= 0 and self.group.currentIndex() != position:
            self.group.setCurrentIndex(position)
        self.register.open_group(group_id, meeting_id)
        self.register.table.setFocus()

    def _open_typed_group(self) -> None:
        """Enter after a typed code: that group's register (a click on a suggestion, or Enter
        on a whole label, has opened it already)."""
        group_id = typed_group(self.group)
        if group_id is None:
            self.info.setText(html.escape(not_a_group(self.group)))  # the label is rich text
        elif group_id != self.current_group_id():
            self.show_group(group_id)

    def _describe_group(self) -> None:
        """The line above the register: the group, its rule, and who has enough so far."""
        register = self.register.model.register
        group = register.group
        planned = len(register.columns)
        eligible = sum(register.eligible(row) for row in register.rows)
        self.info.setText(
            f"<b>{group.code} {group.name}</b> · {group.curriculum_name} v{group.curriculum_version}"
            f" · facilitator {group.facilitator_name or 'not set'} · "
            f"{len(register.rows)} members · completes with {register.required} of "
            f"{group.total_sessions} sessions · ✓ {eligible} have enough for a certificate"
            + ("" if planned else " · <b>no schedule yet: press Plan schedule…</b>")
        )

    def current_group_id(self) -> int | None:
        return self.register.group_id

    def _on_meeting(self, _meeting_id) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_group = self.current_group_id() is not None
        has_meeting = self.register.current_meeting_id() is not None
        actor = self.panel.context.actor
        offer(self.plan_button, actor, "schedule", has_group)
        offer(self.export_button, actor, "export", has_group)
        self.print_button.setEnabled(has_group)
        offer(self.take_button, actor, "attendance", has_meeting)
        self.meeting_button.setEnabled(has_meeting)

    def plan(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        register = self.register.model.register
        if any(c.meeting.status == "held" for c in register.columns):
            QMessageBox.information(
                self,
                "Plan schedule",
                f"{register.group.code} has already met, so its schedule is kept. Choose a "
                "meeting in the register and use “This meeting” to move, postpone or cancel "
                "it, or to plan a make-up.",
            )
            return
        if ScheduleDialog(self.panel.context, group_id, self).exec():
            self.register.table.setFocus()  # the register has read the plan: it follows schedules

    def take_attendance(self) -> None:
        meeting_id = self.register.current_meeting_id()
        if meeting_id is not None:
            self.panel.take_attendance(meeting_id)

    def print_sheet(self) -> None:
        self.panel.print_sign_in_sheet(self.register.current_meeting_id())

    def _print_group(self, action) -> None:
        group_id = self.current_group_id()
        if group_id is not None:
            action(group_id)

    def change_meeting(self, action) -> None:
        meeting_id = self.register.current_meeting_id()
        if meeting_id is not None:
            action(self, self.panel.context, meeting_id)

    def export(self, what: str) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        code = self.register.model.register.group.code
        path, _ = QFileDialog.getSaveFileName(
            self, "Export", f"{code}-{what}.xlsx", "Excel workbook (*.xlsx);;CSV file (*.csv)"
        )
        if not path:
            return
        export = export_attendance if what == "attendance" else export_schedule
        done = operations.change(
            self, self.panel.context, lambda s, actor: export(s, actor, group_id, path),
            changes=Changed(0), title="Export",  # a file is written; no record changes
        )  # fmt: skip
        if done:
            QMessageBox.information(self, "Export", f"Wrote {done.value:,} rows to {path}")
