"""Small dialogs for membership: pick an existing participant, transfer, drop out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.registration.groups import GroupRow
from ...services.registration.validation import parse_date
from ..participants.participant_model import ParticipantTableModel
from ..shared.context import AppContext
from ..shared.forms import ErrorLabel, date_text
from ..shared.table_model import ROW_ROLE, apply_columns


class ParticipantPicker(QDialog):
    """Find a registered participant by name, code or phone and choose him."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 480)
        self.chosen_id: int | None = None
        self.search = QLineEdit(placeholderText="Type part of his name, his code or phone …")
        self.search.setClearButtonEnabled(True)
        self.model = ParticipantTableModel(context, self, page_size=100)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        apply_columns(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._apply)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table.doubleClicked.connect(lambda _i: self._choose())
        self.model.loaded.connect(self._select_first)
        self._apply()

    def _apply(self) -> None:
        self.model.set_search(self.search.text())  # read off the UI thread: the newest wins

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def _choose(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen_id = self.model.data(rows[0], ROW_ROLE).id
            self.accept()


class EndMembershipDialog(QDialog):
    """Date and reason for a drop-out, or target group, date and reason for a transfer."""

    def __init__(self, title: str, who: str, groups: list[GroupRow] | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.group = QComboBox()
        for row in groups or []:
            self.group.addItem(f"{row.code} — {row.name} ({row.community})", row.id)
        self.when = QLineEdit(date_text(date.today()), placeholderText="dd/mm/yyyy")
        self.reason = QLineEdit(placeholderText="e.g. moved to Freetown for work")
        self.date_error, self.reason_error = ErrorLabel(), ErrorLabel()
        form = QFormLayout(self)
        if groups is not None:
            form.addRow("To group:", self.group)
        form.addRow("Date:", self.when)
        form.addRow("", self.date_error)
        form.addRow("Reason:", self.reason)
        form.addRow("", self.reason_error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setWindowTitle(f"{title}: {who}")
        self.reason.setFocus()
        self.day: date | None = None

    def _check(self) -> None:
        try:
            self.day = parse_date(self.when.text())
        except ValueError as exc:
            self.date_error.show_reason(str(exc))
            return
        if self.day is None:
            self.date_error.show_reason("Give the date.")
            return
        self.accept()

    def show_errors(self, fields: dict[str, str]) -> None:
        self.date_error.show_reason(fields.get("date"))
        self.reason_error.show_reason(fields.get("reason"))
