"""The follow-up tab: men who missed their group's last meetings in a row, to call.

At national scale the list takes a fraction of a second to find, so it is read off the UI thread
(operations.read_in_background) while a busy bar shows; the table keeps what it had until the
answer comes, and only the newest refresh's answer is shown. The tab reads the list when first
shown, and again when marks, meetings or members change (when shown next, if it is hidden).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.admin.settings import get_setting
from ...services.sessions.follow_up import export_follow_up, follow_up_list
from ..shared import operations
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.roles import offer
from .list_models import FollowUpModel
from .tables import current_row_object, sorted_table

if TYPE_CHECKING:
    from .panel import SessionsPanel

log = logging.getLogger(__name__)
# Who missed what: marks, meetings held, members and their names, the group, the threshold.
FOLLOW_UP_SHOWS = (
    Changed.ATTENDANCE | Changed.MEETINGS | Changed.MEMBERSHIPS | Changed.PARTICIPANTS
    | Changed.GROUPS | Changed.SETTINGS
)  # fmt: skip


class FollowUpTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.busy = QProgressBar(objectName="FollowUpBusy")
        self.busy.setRange(0, 0)  # no known length: a moving bar
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self._found = False  # a list has been shown
        self.model = FollowUpModel(self)
        self.table, self.proxy = sorted_table(self.model)
        self.table.setObjectName("FollowUpTable")
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export…")
        export.clicked.connect(self.export)
        offer(export, panel.context.actor, "export")
        self.print_button = QPushButton("Print… (Ctrl+P)")
        self.print_button.setToolTip("Preview the follow-up list for the calling round")
        self.print_button.clicked.connect(self.panel.print_follow_up)
        open_button = QPushButton("Open register")
        open_button.clicked.connect(self.open_register)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.busy)
        for button in (open_button, refresh, export, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda _: self.open_register())
        follower = follow_changes(self, FOLLOW_UP_SHOWS, self.refresh)
        follower.stale = True  # nothing read yet: the list is found when the tab is first shown

    def refresh(self) -> None:
        """Find the list again, off the UI thread (an older refresh's answer is dropped)."""
        context = self.panel.context

        def find(session):
            threshold = get_setting(session, "follow_up_absences")
            return follow_up_list(session, context.actor), threshold

        self.busy.show()
        self.note.setText("Looking for members who missed their group's last meetings…")
        operations.read_in_background(
            self, context, find, self._show, key="follow-up", on_error=self._failed
        )

    def loading(self) -> bool:
        return not self.busy.isHidden()

    def _show(self, found) -> None:
        items, threshold = found
        self.busy.hide()
        self._found = True
        self.model.set_rows(items)
        self.table.sortByColumn(6, Qt.DescendingOrder)
        self.note.setText(
            f"<b>{len(items):,}</b> active members missed the last {threshold} or more meetings "
            "of their group in a row (absent or not marked; excused does not count). "
            "Call them, or their facilitator."
        )

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        if isinstance(error, UserError):
            self.note.setText(f"The follow-up list could not be read: {error}")
            return
        # The type only on screen: the log has the rest.
        log.error("Follow-up list failed", exc_info=(type(error), error, error.__traceback__))
        self.note.setText(
            f"The follow-up list could not be read ({type(error).__name__}); the details are "
            "in the log file."
        )

    def open_register(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.open_group(item.group_id)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the follow-up list",
            "follow-up.xlsx",
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )
        if not path:
            return
        # The list on screen (found off the UI thread), not a fresh search on it.
        shown = self._found and not self.loading()
        items = list(self.model.rows) if shown else None
        done = operations.change(
            self, self.panel.context,
            lambda s, actor: export_follow_up(s, actor, path, items=items),
            changes=Changed(0), title="Export",  # a file is written; no record changes
        )  # fmt: skip
        if done:
            QMessageBox.information(self, "Export", f"Wrote {done.value:,} people to {path}")
