"""Small helpers for the read-only, sortable tables of the sessions panel."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QTableView,
)

from ..shared.table_model import ROW_ROLE, SORT_ROLE, apply_columns


def sorted_table(model) -> tuple[QTableView, QSortFilterProxyModel]:
    """A table sorted by a proxy, on the columns' sort keys."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return list_table(proxy), proxy


def list_table(model) -> QTableView:
    """A read-only table of whole-row selection, sorted by clicking a column's header (by the
    model itself, or by the proxy it is)."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(28)
    apply_columns(table)
    return table


def current_row_object(table: QTableView):
    index = table.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None
