"""The members of the chosen group, and what staff do with them: add an existing participant,
register a new one straight into the group, transfer, mark dropped out, or bring back."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...services.permissions import allowed
from ...services.registration.enrollments import bring_back, drop, enrol, transfer
from ...services.registration.groups import GroupRow, list_groups, members
from ..shared.context import AppContext
from ..shared.table_model import ROW_ROLE, SORT_ROLE, row_table
from .member_model import MemberTableModel


class GroupMembers(QWidget):
    changed = Signal()  # membership changed: the group list's counts need refreshing

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
            with self.context.db.session() as session:
                rows = members(session, group.id)
            active = sum(1 for r in rows if r.status == "active")
            left = sum(1 for r in rows if r.status in ("dropped", "transferred"))
            count = len(rows) - left
            self.title.setText(
                f"{group.code} {group.name}: {count} member{'' if count == 1 else 's'} "
                f"({active} active)" + (f", {left} left" if left else "")
            )
            self.model.set_rows(rows)
        self._update_buttons()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        can = allowed(self.context.actor, "register")
        open_group = self.group is not None and self.group.status != "closed"
        member = self.selected()
        self.add_button.setEnabled(can and open_group)
        self.new_button.setEnabled(can and open_group)
        self.transfer_button.setEnabled(can and member is not None and member.status == "active")
        self.drop_button.setEnabled(can and member is not None and member.status == "active")
        self.back_button.setEnabled(
            can and open_group and member is not None and member.status == "dropped"
        )

    def _done(self) -> None:
        self.show_group(self.group)
        self.changed.emit()

    def _run(self, work) -> bool:
        try:
            with self.context.db.session() as session:
                work(session)
        except UserError as exc:
            QMessageBox.warning(self, "Members", str(exc))
            return False
        self._done()
        return True

    # -- actions ----------------------------------------------------------------------------

    def add_existing(self) -> None:
        if self.group is None:
            return
        from .membership_dialogs import ParticipantPicker  # when used, not with the panel

        picker = ParticipantPicker(self.context, f"Add to {self.group.code}", self)
        if picker.exec() and picker.chosen_id is not None:
            gid, pid = self.group.id, picker.chosen_id
            self._run(lambda s: enrol(s, self.context.actor, pid, gid))

    def register_new(self) -> None:
        if self.group is None:
            return
        from ..participants.participant_dialog import ParticipantDialog  # when used: it is large

        sex = {"men": "M", "women": "F"}.get(self.group.kind, "")
        dialog = ParticipantDialog(
            self.context, group_id=self.group.id, group_label=f"{self.group.code} {self.group.name}",
            community_id=self.group.community_id, default_sex=sex, parent=self,
        )  # fmt: skip
        if dialog.exec() and dialog.saved is not None:
            self._done()

    def transfer_selected(self) -> None:
        member = self.selected()
        if member is None or self.group is None:
            return
        with self.context.db.session() as session:
            targets = [
                g for g in list_groups(session) if g.id != self.group.id and g.status != "closed"
            ]
        if not targets:
            QMessageBox.information(
                self, "Transfer", "There is no other open group to transfer to."
            )
            return
        from .membership_dialogs import EndMembershipDialog

        dialog = EndMembershipDialog("Transfer", member.name, targets, self)
        while dialog.exec():
            try:
                with self.context.db.session() as session:
                    transfer(session, self.context.actor, member.participant_id,
                             dialog.group.currentData(), dialog.day, dialog.reason.text())  # fmt: skip
            except ValidationError as exc:
                dialog.show_errors(exc.fields)
                continue
            except UserError as exc:
                QMessageBox.warning(self, "Transfer", str(exc))
            self._done()
            return

    def drop_selected(self) -> None:
        member = self.selected()
        if member is None:
            return
        from .membership_dialogs import EndMembershipDialog

        dialog = EndMembershipDialog("Dropped out", member.name, None, self)
        while dialog.exec():
            try:
                with self.context.db.session() as session:
                    drop(
                        session,
                        self.context.actor,
                        member.enrollment_id,
                        dialog.day,
                        dialog.reason.text(),
                    )
            except ValidationError as exc:
                dialog.show_errors(exc.fields)
                continue
            except UserError as exc:
                QMessageBox.warning(self, "Dropped out", str(exc))
            self._done()
            return

    def bring_back_selected(self) -> None:
        member = self.selected()
        if member is not None:
            self._run(lambda s: bring_back(s, self.context.actor, member.enrollment_id))
