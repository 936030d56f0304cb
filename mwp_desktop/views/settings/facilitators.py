"""Settings page: the facilitators who lead the groups."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from ...services.registration.facilitators import (
    FacilitatorInput,
    FacilitatorRow,
    create_facilitator,
    list_facilitators,
    update_facilitator,
)
from ...services.registration.validation import display_phone
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.table_model import FIT, STRETCH, Column, RowTableModel
from .list_editor import ListEditor

TITLE = "Facilitators"


class FacilitatorsPage(ListEditor):
    shows = Changed.FACILITATORS
    plural = "facilitators"

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        model = RowTableModel(columns=(
            Column("Name", lambda r: r.name, width=STRETCH),
            Column("Sex", lambda r: r.sex, width=FIT),
            Column("Phone", lambda r: display_phone(r.phone), width=FIT),
            Column("Active", lambda r: "yes" if r.active else "no", width=FIT),
        ))  # fmt: skip
        super().__init__(context, model, "Facilitator", parent)
        self.name = QLineEdit(placeholderText="e.g. Abu Bakarr Sesay")
        self.sex = QComboBox()
        for text, value in (("", ""), ("M — male", "M"), ("F — female", "F")):
            self.sex.addItem(text, value)
        self.phone = QLineEdit(placeholderText="e.g. 076 123 456")
        self.active = QCheckBox("Leads groups now")
        self.active.setChecked(True)
        self.form.addRow("&Name:", self.name)
        self.form.addRow("Sex:", self.sex)
        self.form.addRow("Phone:", self.phone)
        self.form.addRow("", self.active)
        self.name.returnPressed.connect(self.save_current)
        self.phone.returnPressed.connect(self.save_current)
        self.refresh()

    def read_rows(self, session) -> list[FacilitatorRow]:
        return list_facilitators(session)

    def load(self, row: FacilitatorRow) -> None:
        self.heading.setText(f"Facilitator: {row.name}")
        self.name.setText(row.name)
        self.sex.setCurrentIndex(max(self.sex.findData(row.sex), 0))
        self.phone.setText(display_phone(row.phone))
        self.active.setChecked(row.active)

    def clear(self) -> None:
        self.heading.setText("New facilitator")
        self.name.clear()
        self.sex.setCurrentIndex(0)
        self.phone.clear()
        self.active.setChecked(True)
        self.name.setFocus()

    def save(self, session, actor, current_id: int | None) -> FacilitatorRow:
        data = FacilitatorInput(self.name.text(), self.sex.currentData() or "", self.phone.text(),
                                self.active.isChecked())  # fmt: skip
        if current_id is None:
            return create_facilitator(session, actor, data)
        return update_facilitator(session, actor, current_id, data)


def create_page(context: AppContext) -> QWidget:
    return FacilitatorsPage(context)
