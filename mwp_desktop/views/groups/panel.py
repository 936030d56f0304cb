"""The Groups panel: every group with its figures, filters, and the chosen group's members."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...models import GROUP_KINDS, GROUP_STATUSES
from ...services.permissions import allowed
from ...services.registration.groups import (
    GroupRow,
    close_group,
    list_groups,
    reopen_group,
)
from ..shared import operations
from ..shared.context import AppContext
from ..shared.empty_state import EmptyState
from ..shared.header import PanelHeader
from ..shared.operations import Changed
from ..shared.panel import Panel
from ..shared.roles import offer
from ..shared.table_model import row_table
from .group_members import GroupMembers
from .group_model import COL_CODE, GroupTableModel

# The dialogs and the export are imported when first used, not with the panel: the panel is
# built just after the main window's first paint and the office waits for it.


class GroupsPanel(Panel):
    # Member counts, sessions held and attendance rates are shown beside each group.
    cares_about = (
        Changed.GROUPS | Changed.MEMBERSHIPS | Changed.PARTICIPANTS | Changed.COMMUNITIES
        | Changed.FACILITATORS | Changed.MEETINGS | Changed.ATTENDANCE
    )  # fmt: skip

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 16)
        layout.addWidget(PanelHeader(
            "Groups", "Every men's, women's and mixed group: who leads it, where it meets and how it is going."
        ))  # fmt: skip

        self.search = QLineEdit(
            placeholderText="Filter by code, name, community or facilitator … (Ctrl+F)"
        )
        self.search.setClearButtonEnabled(True)
        self.district = QComboBox()
        self.community = QComboBox()
        self.kind = QComboBox()
        self.status = QComboBox()
        self.kind.addItem("Any kind", None)
        for kind in GROUP_KINDS:
            self.kind.addItem(kind, kind)
        self.status.addItem("Any status", None)
        for status in GROUP_STATUSES:
            self.status.addItem(status, status)
        self.count_label = QLabel(objectName="PanelSubtitle")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for combo in (self.district, self.community, self.kind, self.status):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            filters.addWidget(combo, 1)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        self.new_button = QPushButton("&New group …")
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("&Edit …")
        self.close_button = QPushButton("C&lose group")
        self.reopen_button = QPushButton("Re&open")
        self.import_button = QPushButton("&Import list into group …")
        self.export_button = QPushButton("E&xport members …")
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.close_button, self.reopen_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)

        self.model = GroupTableModel(self)
        self.table = row_table(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_CODE, Qt.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.empty = EmptyState(self.table, self._empty_words)
        self.members = GroupMembers(context)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.members)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        # Counts the times the chosen group was shown, so that a refresh which selects a row
        # (and so shows it, reading its members) does not show it a second time.
        self._selections_shown = 0
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.district, self.community, self.kind, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.district.currentIndexChanged.connect(lambda _i: self._fill_communities())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.new_button.clicked.connect(self.new_group)
        self.edit_button.clicked.connect(self.edit_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.import_button.clicked.connect(self.import_into_selected)
        self.export_button.clicked.connect(self.export_selected)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_group)
        QShortcut(QKeySequence(Qt.Key_Return), self.table, activated=self.edit_selected,
                  context=Qt.WidgetShortcut)  # fmt: skip
        # F5 belongs to the main window; Ctrl+R reloads this panel.
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.refresh)
        self.refresh()

    # -- loading and filtering --------------------------------------------------------------

    def refresh(self) -> None:
        if self.context.actor is None:  # built while the person signs in: nothing to show yet
            return
        selected = self.selected()
        rows = operations.read(self.context, lambda s: list_groups(s, self.context.actor))
        self.model.set_rows(rows)
        self._fill_filters(rows)
        self.apply_filters()
        shown_before = self._selections_shown
        if selected is not None:
            self.select_group(selected.id)
        elif self.model.rowCount():
            self.table.selectRow(0)
        if self._selections_shown == shown_before:  # the selection did not change: show anyway
            self._selection_changed()  # (its figures or members may have)

    def _fill_filters(self, rows: list[GroupRow]) -> None:
        current = self.district.currentData()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem("Any district", None)
        for district in sorted({r.district for r in rows if r.district}):
            self.district.addItem(district, district)
        self.district.setCurrentIndex(max(self.district.findData(current), 0))
        self.district.blockSignals(False)
        self._fill_communities()

    def _fill_communities(self) -> None:
        current = self.community.currentData()
        district = self.district.currentData()
        places = self.model.communities(district)
        self.community.blockSignals(True)
        self.community.clear()
        self.community.addItem("Any community", None)
        for cid, name in sorted(places, key=lambda p: p[1].casefold()):
            self.community.addItem(name, cid)
        self.community.setCurrentIndex(max(self.community.findData(current), 0))
        self.community.blockSignals(False)

    def apply_filters(self) -> None:
        self._timer.stop()
        selected = self.selected()
        self.model.set_filters(
            text=self.search.text(), district=self.district.currentData(),
            community_id=self.community.currentData(), kind=self.kind.currentData(),
            status=self.status.currentData(),
        )  # fmt: skip
        if selected is not None:
            self.select_group(selected.id)
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(
            f"{shown:,} of {total:,} groups" if shown != total else f"{total:,} groups"
        )

    def _empty_words(self) -> str | None:
        if self.context.actor is None:
            return None  # not signed in yet: nothing read, nothing to say
        if self.model.total():
            return "No group matches the search and filters."
        if not allowed(self.context.actor, "register"):
            return (
                "No groups are assigned to you yet. "
                "The office makes you the facilitator of your groups."
            )
        return "No groups yet. New group… (Ctrl+N) registers the first one."

    def selected(self) -> GroupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_group(self, group_id: int) -> None:
        row = self.model.row_of(group_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        self._selections_shown += 1
        group = self.selected()
        actor, chosen = self.context.actor, group is not None
        is_open = chosen and group.status != "closed"
        offer(self.new_button, actor, "register")
        offer(self.edit_button, actor, "register", chosen)
        offer(self.close_button, actor, "register", is_open)
        offer(self.reopen_button, actor, "register", chosen and not is_open)
        offer(self.import_button, actor, "import", is_open)
        offer(self.export_button, actor, "export", chosen)
        self.members.show_group(group)

    # -- actions ----------------------------------------------------------------------------

    def new_group(self) -> None:
        from .group_dialog import GroupDialog

        if not self.new_button.isEnabled():
            return
        dialog = GroupDialog(self.context, parent=self)
        if dialog.exec() and dialog.saved is not None:  # the list has followed the change
            self.select_group(dialog.saved.id)

    def edit_selected(self) -> None:
        from .group_dialog import GroupDialog

        group = self.selected()
        if group is None or not self.edit_button.isEnabled():
            return
        GroupDialog(self.context, group.id, parent=self).exec()

    def close_selected(self) -> None:
        group = self.selected()
        if group is None:
            return
        answer = QMessageBox.question(
            self, "Close group",
            f"Close group {group.code}? Its records stay; it can be reopened later.",
        )  # fmt: skip
        if answer == QMessageBox.Yes:
            self._change("Close group", lambda s, actor: close_group(s, actor, group.id))

    def reopen_selected(self) -> None:
        group = self.selected()
        if group is not None:
            self._change("Reopen group", lambda s, actor: reopen_group(s, actor, group.id))

    def import_into_selected(self) -> None:
        from ..participants.import_dialog import ImportDialog

        group = self.selected()
        if group is not None:
            ImportDialog(self.context, group_id=group.id, parent=self).exec()

    def export_selected(self) -> None:
        from ...services.registration.participant_export import export_participants

        group = self.selected()
        if group is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, f"Export members of {group.code}", str(Path.home() / f"{group.code}-members.xlsx"),
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )  # fmt: skip
        if not name:
            return

        done = operations.change(
            self, self.context,
            lambda s, actor: export_participants(s, actor, Path(name), group.id),
            changes=Changed.AUDIT, title="Export members",
        )  # fmt: skip
        if done:
            QMessageBox.information(
                self, "Export members", f"{done.value:,} members written to\n{name}"
            )

    def _change(self, title: str, work) -> None:
        operations.change(self, self.context, work, changes=Changed.GROUPS, title=title)


def create_panel(context: AppContext) -> GroupsPanel:
    return GroupsPanel(context)
