"""The members of the chosen group, and what staff do with them: add an existing participant,
register a new one straight into the group, transfer, mark dropped out, or bring back."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...services.registration.enrollments import OtherSex, bring_back, drop, enrol, transfer
from ...services.registration.groups import GroupRow, list_groups, members
from ..shared import operations
from ..shared.context import AppContext
from ..shared.empty_state import EmptyState
from ..shared.operations import Changed
from ..shared.other_sex import enrol_anyway
from ..shared.roles import offer
from ..shared.table_model import ROW_ROLE, SORT_ROLE, row_table
from .member_model import MemberTableModel


class GroupMembers(QWidget):
    """Shows the group the Groups panel chose; after a change the panel, which follows
    memberships, reads its list again and shows the group anew here."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.group: GroupRow | None = None
        self.title = QLabel("Choose a group to see its members.", objectName="PlanHeading")
        self.model = MemberTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = row_table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.AscendingOrder)
        self.empty = EmptyState(self.table, self._empty_words)

        self.add_button = QPushButton("&Add existing …")
        self.new_button = QPushButton("Register &new …")
        self.transfer_button = QPushButton("&Transfer …")
        self.drop_button = QPushButton("Mark &dropped …")
        self.back_button = QPushButton("&Bring back")
        self.title.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        self.title.setMinimumWidth(200)
        self._buttons = (self.add_button, self.new_button, self.transfer_button, self.drop_button,
                         self.back_button)  # fmt: skip
        for button in self._buttons:
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_existing)
        self.new_button.clicked.connect(self.register_new)
        self.transfer_button.clicked.connect(self.transfer_selected)
        self.drop_button.clicked.connect(self.drop_selected)
        self.back_button.clicked.connect(self.bring_back_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def show_group(self, group: GroupRow | None) -> None:
        self.group = group
        if group is None:
            self.title.setText("Choose a group to see its members.")
            self.model.set_rows([])
        else:
            rows = operations.read(self.context, lambda s: members(s, self.context.actor, group.id))
            active = sum(1 for r in rows if r.status == "active")
            left = sum(1 for r in rows if r.status in ("dropped", "transferred"))
            count = len(rows) - left
            self.title.setText(
                f"{group.code} {group.name}: {count} member{'' if count == 1 else 's'} "
                f"({active} active)" + (f", {left} left" if left else "")
            )
            self.model.set_rows(rows)
        self._update_buttons()

    def _empty_words(self) -> str:
        if self.group is None:
            return "Choose a group above to see its members."
        return "No members yet. Register new… or Add existing… above, or Import list into group…"

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        actor = self.context.actor
        if actor is None:  # the panel was built while the person signs in
            for button in self._buttons:
                button.setEnabled(False)
            return
        open_group = self.group is not None and self.group.status != "closed"
        member = self.selected()
        active = member is not None and member.status == "active"
        offer(self.add_button, actor, "register", open_group)
        offer(self.new_button, actor, "register", open_group)
        offer(self.transfer_button, actor, "register", active)
        offer(self.drop_button, actor, "register", active)
        offer(self.back_button, actor, "register",
              open_group and member is not None and member.status == "dropped")  # fmt: skip

    def _change(self, title: str, work, on_error=None) -> bool:
        """A membership change: the Groups panel's counts and the Participants panel's groups
        follow it (Changed.MEMBERSHIPS), and this list is shown anew by the Groups panel."""
        changes = Changed.MEMBERSHIPS
        return operations.change(
            self, self.context, work, changes=changes, title=title, on_error=on_error
        ).ok

    def _enrolling(self, title: str, work, on_error=None) -> bool:
        """A change that puts someone in a group, `work(session, actor, anyway)`: when his sex
        is not the group's, the user is told why and asked, and it is saved only if he agrees."""
        other_sex: list[OtherSex] = []

        def refused(error: UserError) -> None:
            if isinstance(error, OtherSex):
                other_sex.append(error)
            elif on_error is not None:
                on_error(error)
            else:
                operations.warn(self, title, error)

        if self._change(title, lambda s, actor: work(s, actor, False), refused):
            return True
        if other_sex and enrol_anyway(self, title, other_sex[0]):
            return self._change(title, lambda s, actor: work(s, actor, True), on_error)
        return False

    # -- actions ----------------------------------------------------------------------------

    def add_existing(self) -> None:
        if self.group is None:
            return
        from .membership_dialogs import ParticipantPicker  # when used, not with the panel

        picker = ParticipantPicker(self.context, f"Add to {self.group.code}", self)
        if picker.exec() and picker.chosen_id is not None:
            gid, pid = self.group.id, picker.chosen_id
            self._enrolling(
                "Add to group",
                lambda s, actor, anyway: enrol(s, actor, pid, gid, allow_other_sex=anyway),
            )

    def register_new(self) -> None:
        if self.group is None:
            return
        from ..participants.participant_dialog import ParticipantDialog  # when used: it is large

        sex = {"men": "M", "women": "F"}.get(self.group.kind, "")
        dialog = ParticipantDialog(
            self.context, group_id=self.group.id, group_label=f"{self.group.code} {self.group.name}",
            community_id=self.group.community_id, default_sex=sex, parent=self,
        )  # fmt: skip
        dialog.exec()  # the dialog saves through operations: the panel follows the change

    def transfer_selected(self) -> None:
        member = self.selected()
        if member is None or self.group is None:
            return
        groups = operations.read(self.context, lambda s: list_groups(s, self.context.actor))
        targets = [g for g in groups if g.id != self.group.id and g.status != "closed"]
        if not targets:
            QMessageBox.information(
                self, "Transfer", "There is no other open group to transfer to."
            )
            return
        from .membership_dialogs import EndMembershipDialog

        dialog = EndMembershipDialog("Transfer", member.name, targets, self)
        while dialog.exec():

            def work(s, actor, anyway):
                return transfer(s, actor, member.participant_id, dialog.group.currentData(),
                                dialog.day, dialog.reason.text(), allow_other_sex=anyway)  # fmt: skip

            if self._enrolling("Transfer", work, _errors_on(dialog)) or not dialog.refused_fields:
                return

    def drop_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        from .membership_dialogs import EndMembershipDialog

        dialog = EndMembershipDialog("Dropped out", member.name, None, self)
        while dialog.exec():

            def work(s, actor):
                return drop(s, actor, member.enrollment_id, dialog.day, dialog.reason.text())

            if self._change("Dropped out", work, _errors_on(dialog)) or not dialog.refused_fields:
                return

    def bring_back_selected(self) -> None:
        member = self.selected()
        if member is not None:
            enrollment = member.enrollment_id
            self._change("Bring back", lambda s, actor: bring_back(s, actor, enrollment))


def _errors_on(dialog):
    """A refusal of the form's fields is shown beside them and the form opens again; any
    other refusal is a message, and the form closes."""

    def show(error: UserError) -> None:
        dialog.refused_fields = isinstance(error, ValidationError)
        if dialog.refused_fields:
            dialog.show_errors(error.fields)
        else:
            operations.warn(dialog.parentWidget(), dialog.windowTitle(), error)

    dialog.refused_fields = False
    return show
