"""A list with a form beside it: choose a row to change it, or start a new one. Shared by the
communities and facilitators settings pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ..shared.forms import ErrorLabel
from ..shared.table_model import SORT_ROLE, RowTableModel, row_table


class ListEditor(QWidget):
    """Subclasses fill `self.form` with fields and implement load/clear/save/read_rows."""

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
        layout.addWidget(self.table, 3)
        layout.addWidget(holder, 2)

        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save_current)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())

    def refresh(self) -> None:
        with self.context.db.session() as session:
            self.model.set_rows(self.read_rows(session))

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
        try:
            with self.context.db.session() as session:
                saved = self.save(session, self.current_id)
        except ValidationError as exc:
            self.error.show_reason("\n".join(exc.fields.values()))
            return
        except UserError as exc:
            QMessageBox.warning(self, "Settings", str(exc))
            return
        self.error.show_reason(None)
        self.refresh()
        row = self.model.row_of(saved.id)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    # -- for subclasses ---------------------------------------------------------------------
    read_rows: Callable
    load: Callable
    clear: Callable
    save: Callable
