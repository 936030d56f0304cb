"""Settings page: the referral directory, the services safeguarding concerns are referred to,
with the names and phones the office fills in. Supervisors and administrators keep it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from ...services.admin.referral_directory import (
    KIND_TITLES,
    ReferralServiceInput,
    ReferralServiceRow,
    create_service,
    list_services,
    update_service,
)
from ...services.permissions import allowed
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.table_model import FIT, STRETCH, Column, RowTableModel
from .list_editor import ListEditor

TITLE = "Referral directory"


def visible(context: AppContext) -> bool:
    return allowed(context.actor, "settings")


class ReferralDirectoryPage(ListEditor):
    # The concerns list names the services: renaming one shows there at once.
    shows = Changed.CONCERNS
    plural = "referral services"

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        model = RowTableModel(columns=(
            Column("Service", lambda r: r.name, width=STRETCH),
            Column("Kind", lambda r: r.kind_title, width=FIT),
            Column("Phone", lambda r: r.phone, width=FIT),
            Column("Place", lambda r: r.place, width=FIT),
            Column("In use", lambda r: "yes" if r.active else "no", width=FIT),
        ))  # fmt: skip
        super().__init__(context, model, "Referral service", parent)
        self.name = QLineEdit(placeholderText="e.g. Family Support Unit, Waterloo")
        self.kind = QComboBox()
        self.kind.addItem("", "")
        for kind, title in KIND_TITLES.items():
            self.kind.addItem(title, kind)
        self.phone = QLineEdit(placeholderText="e.g. 076 123 456 or 116")
        self.place = QLineEdit(placeholderText="e.g. Waterloo police station")
        self.active = QCheckBox("Offered when a concern is referred")
        self.active.setChecked(True)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Phone:", self.phone)
        self.form.addRow("P&lace:", self.place)
        self.form.addRow("", self.active)
        for field in (self.name, self.phone, self.place):
            field.returnPressed.connect(self.save_current)
        self.refresh()

    def read_rows(self, session) -> list[ReferralServiceRow]:
        return list_services(session, self.context.actor)

    def load(self, row: ReferralServiceRow) -> None:
        self.heading.setText(f"Referral service: {row.name}")
        self.name.setText(row.name)
        self.kind.setCurrentIndex(max(self.kind.findData(row.kind), 0))
        self.phone.setText(row.phone)
        self.place.setText(row.place)
        self.active.setChecked(row.active)

    def clear(self) -> None:
        self.heading.setText("New referral service")
        for field in (self.name, self.phone, self.place):
            field.clear()
        self.kind.setCurrentIndex(0)
        self.active.setChecked(True)
        self.name.setFocus()

    def save(self, session, actor, current_id: int | None) -> ReferralServiceRow:
        data = ReferralServiceInput(
            self.name.text(), self.kind.currentData() or "", self.phone.text(), self.place.text(),
            self.active.isChecked(),
        )  # fmt: skip
        if current_id is None:
            return create_service(session, actor, data)
        return update_service(session, actor, current_id, data)


def create_page(context: AppContext) -> QWidget:
    return ReferralDirectoryPage(context)
