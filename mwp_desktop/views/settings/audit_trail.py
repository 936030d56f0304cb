"""Settings page: the audit trail viewer (supervisors and administrators).

"Who changed this attendance, and when?": choose the kind of record, type its number, Show.
Every change made in the window is written to the trail, so the page follows every kind.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.admin import audit_log
from ...services.permissions import allowed
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import FIT, STRETCH, TOOLTIP, Column, RowTableModel, apply_columns

TITLE = "Audit trail"


def visible(context: AppContext) -> bool:
    return allowed(context.actor, "audit_view")


def _record(row: audit_log.AuditRow) -> str:
    return f"{row.entity} {row.entity_id}" if row.entity_id is not None else row.entity


def _changes(row: audit_log.AuditRow) -> str:
    text = row.describe_changes()
    return f"{row.summary} — {text}" if row.summary and text else (row.summary or text)


class AuditModel(RowTableModel):
    columns = (
        Column(
            "When",
            lambda r: f"{r.at:%d/%m/%Y %H:%M:%S}" if r.at else "",
            lambda r: r.at.isoformat() if r.at else "",
            width=FIT,
        ),
        Column("Who", lambda r: r.username, width=FIT),
        Column("What", lambda r: r.action, width=FIT),
        Column("Record", _record, width=FIT),
        Column("Changes", _changes, width=STRETCH),
    )

    def role_data(self, row, column: int, role: int):
        if role == TOOLTIP:  # long change lists are cut off in the cell
            return self.columns[column].text(row)
        return None


class AuditPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        grid = QGridLayout()
        self.user = QComboBox()
        self.entity = QComboBox()
        self.record = QLineEdit()
        self.record.setPlaceholderText("number")
        self.record.setMaximumWidth(90)
        self.text = QLineEdit()
        self.text.setPlaceholderText("words in the change")
        self.use_dates = QCheckBox("&Between")
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-30), calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.end = QDateEdit(today, calendarPopup=True, displayFormat="dd/MM/yyyy")
        show = QPushButton("&Show")
        show.setDefault(True)
        show.clicked.connect(self.reload)
        self.record.returnPressed.connect(self.reload)
        self.text.returnPressed.connect(self.reload)
        grid.addWidget(QLabel("&User:", buddy=self.user), 0, 0)
        grid.addWidget(self.user, 0, 1)
        grid.addWidget(QLabel("&Record:", buddy=self.entity), 0, 2)
        grid.addWidget(self.entity, 0, 3)
        grid.addWidget(self.record, 0, 4)
        grid.addWidget(self.use_dates, 1, 0)
        grid.addWidget(self.start, 1, 1)
        grid.addWidget(QLabel("and"), 1, 2, Qt.AlignRight)
        grid.addWidget(self.end, 1, 3)
        grid.addWidget(QLabel("&Find:", buddy=self.text), 0, 5)
        grid.addWidget(self.text, 0, 6)
        grid.addWidget(show, 1, 6, Qt.AlignRight)
        grid.setColumnStretch(6, 1)
        layout.addLayout(grid)
        # Shown only when the trail's hash chain is broken: what follows cannot be trusted.
        self.tampered = QLabel(wordWrap=True)
        self.tampered.setStyleSheet("color: #b00020; font-weight: bold;")
        self.tampered.hide()
        layout.addWidget(self.tampered)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.verticalHeader().hide()
        apply_columns(self.table)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.refresh()
        self.changes = follow_changes(self, Changed.EVERYTHING, self.refresh)

    def refresh(self) -> None:
        """Read the trail again with the filter as it is (a new user or kind joins the lists)."""
        actor = self.context.actor
        names, kinds, warning = operations.read(
            self.context,
            lambda s: (
                *audit_log.audit_choices(s, actor),
                audit_log.broken_chain_warning(s, actor),
            ),
        )
        self.tampered.setText(warning)
        self.tampered.setVisible(bool(warning))
        _fill(self.user, "everyone", names)
        _fill(self.entity, "any record", kinds)
        self.reload()

    def current_filter(self) -> audit_log.AuditFilter:
        record = self.record.text().strip()
        start = end = None
        if self.use_dates.isChecked():
            start = _to_date(self.start.date())
            end = _to_date(self.end.date())
        return audit_log.AuditFilter(
            username=self.user.currentData() or "",
            start=start,
            end=end,
            entity=self.entity.currentData() or "",
            entity_id=int(record) if record.isdigit() else None,
            text=self.text.text(),
        )

    def reload(self) -> None:
        """Show the changes that match the filter."""
        f, actor = self.current_filter(), self.context.actor
        rows, total = operations.read(
            self.context,
            lambda s: (audit_log.query_audit(s, actor, f), audit_log.count_audit(s, actor, f)),
        )
        self.model.set_rows(rows)
        shown = f"showing the newest {len(rows):,}" if total > len(rows) else ""
        self.count.setText(f"{total:,} changes match {shown}".strip())


def _fill(combo: QComboBox, anything: str, choices: list[str]) -> None:
    """Offer `anything` and the choices, keeping the one chosen while it is there."""
    chosen = combo.currentData()
    combo.clear()
    combo.addItem(anything, "")
    for choice in choices:
        combo.addItem(choice, choice)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def create_page(context: AppContext) -> QWidget:
    return AuditPage(context)
