"""A list with a form beside it: choose a row to change it, or start a new one. Shared by the
communities and facilitators settings pages.

A subclass says which kind of records it lists (`shows`): saving announces that kind, and the
list follows it, whoever changed the records."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...errors import UserError, ValidationError
from ..shared import operations
from ..shared.empty_state import EmptyState
from ..shared.forms import ErrorLabel
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.roles import offer
from ..shared.table_model import SORT_ROLE, RowTableModel, row_table


class ListEditor(QWidget):
    """Subclasses fill `self.form` with fields, say what they show (`shows`) and implement
    load/clear/save/read_rows."""

    shows: ClassVar[Changed]
    needs: ClassVar[str] = "register"  # the permission that saving the records asks for
    plural: ClassVar[str]  # what the list holds, for its empty state: "communities"

    def __init__(self, context, model: RowTableModel, heading: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = model
        self.current_id: int | None = None
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        self.proxy = proxy
        self.table = row_table(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        self.empty = EmptyState(
            self.table, lambda: f"No {self.plural} yet. Type a name on the right and Save."
        )

        self.form = QFormLayout()
        self.heading = QLabel(heading, objectName="PlanHeading")
        self.error = ErrorLabel()
        self.new_button = QPushButton("&New")
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        side = QVBoxLayout()
        side.addWidget(self.heading)
        side.addLayout(self.form)
        side.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        side.addLayout(buttons)
        side.addStretch(1)
        holder = QWidget()
        holder.setLayout(side)
        holder.setMinimumWidth(320)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        # The list is what people read; the form needs only its minimum beside it.
        layout.addWidget(self.table, 2)
        layout.addWidget(holder, 1)

        offer(self.new_button, context.actor, self.needs)
        offer(self.save_button, context.actor, self.needs)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save_current)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.changes = follow_changes(self, self.shows, self.refresh)

    def refresh(self) -> None:
        """Read the list again; the row being changed stays chosen while it is there."""
        self.model.set_rows(operations.read(self.context, self.read_rows))
        if self.current_id is not None:
            self.select(self.current_id)

    def select(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None
        if row is not None:
            self.current_id = row.id
            self.load(row)
            self.error.show_reason(None)

    def start_new(self) -> None:
        self.table.clearSelection()
        self.current_id = None
        self.clear()
        self.error.show_reason(None)

    def save_current(self) -> None:
        current_id = self.current_id
        done = self.change(lambda session, actor: self.save(session, actor, current_id))
        if done:  # the list has followed the change; a new row becomes the one being changed
            self.error.show_reason(None)
            self.current_id = done.value.id
            self.select(done.value.id)

    def change(self, work, title: str = "Settings") -> operations.Outcome:
        """Change the records through operations: a mistake in the form is shown beside it, any
        other refusal in a message."""

        def show_refusal(error: UserError) -> None:
            if isinstance(error, ValidationError):
                self.error.show_reason(operations.message_of(error))
            else:
                operations.warn(self, title, error)

        return operations.change(
            self, self.context, work, changes=self.shows, title=title, on_error=show_refusal
        )

    # -- for subclasses ---------------------------------------------------------------------
    read_rows: Callable
    load: Callable
    clear: Callable
    save: Callable
