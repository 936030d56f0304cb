"""The follow-up tab: men who missed their group's last meetings in a row, to call.

At national scale the list takes a fraction of a second to find, so it is read on a worker
thread (QThreadPool) while a busy bar shows; the table keeps what it had until the answer
comes. Each refresh is numbered and an answer to an older one is dropped, so a slow read never
overwrites a newer list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
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
from .list_models import FollowUpModel
from .tables import current_row_object, sorted_table

if TYPE_CHECKING:
    from .panel import SessionsPanel


class _Answer(QObject):
    """Carries a worker's answer back to the UI thread (queued: it is emitted off it)."""

    found = Signal(int, object, int)  # refresh number, items, threshold
    failed = Signal(int, str)


class _FindFollowUp(QRunnable):
    """Reads the list on a pool thread, with its own database session; touches no widget."""

    def __init__(self, context, number: int, answer: _Answer):
        super().__init__()
        self.context, self.number, self.answer = context, number, answer

    def run(self) -> None:
        try:
            with self.context.db.session() as session:
                items = follow_up_list(session, self.context.actor)
                threshold = get_setting(session, "follow_up_absences")
        except Exception as exc:  # shown by the tab, not lost on a worker thread
            self.answer.failed.emit(self.number, str(exc))
            return
        self.answer.found.emit(self.number, items, threshold)


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
        self._asked = 0  # number of the latest refresh; older answers are dropped
        self._answers: set[_Answer] = set()  # alive until their worker has answered
        self._found = False  # a list has been shown
        self.model = FollowUpModel(self)
        self.table, self.proxy = sorted_table(self.model)
        self.table.setObjectName("FollowUpTable")
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export…")
        export.clicked.connect(self.export)
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

    def refresh(self) -> None:
        """Find the list again, off the UI thread."""
        self._asked += 1
        answer = _Answer()
        answer.found.connect(self._show)
        answer.failed.connect(self._failed)
        self._answers.add(answer)
        self.busy.show()
        self.note.setText("Looking for members who missed their group's last meetings…")
        QThreadPool.globalInstance().start(_FindFollowUp(self.panel.context, self._asked, answer))

    def loading(self) -> bool:
        return not self.busy.isHidden()

    def _done(self, number: int) -> bool:
        """Forget a finished worker's answer object; True if its answer is the latest."""
        answer = self.sender()
        self._answers.discard(answer)
        if number != self._asked:
            return False
        self.busy.hide()
        return True

    def _show(self, number: int, items, threshold: int) -> None:
        if not self._done(number):
            return  # a newer refresh is on its way
        self._found = True
        self.model.set_rows(items)
        self.table.sortByColumn(6, Qt.DescendingOrder)
        self.note.setText(
            f"<b>{len(items):,}</b> active members missed the last {threshold} or more meetings "
            "of their group in a row (absent or not marked; excused does not count). "
            "Call them, or their facilitator."
        )

    def _failed(self, number: int, message: str) -> None:
        if self._done(number):
            self.note.setText(f"The follow-up list could not be read: {message}")

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
        try:
            with self.panel.context.db.session() as session:
                # The list on screen (found off the UI thread), not a fresh search on it.
                shown = self._found and not self.loading()
                items = list(self.model.rows) if shown else None
                count = export_follow_up(session, self.panel.context.actor, path, items=items)
        except UserError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return
        QMessageBox.information(self, "Export", f"Wrote {count:,} people to {path}")
