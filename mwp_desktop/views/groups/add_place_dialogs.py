"""Adding a community or a facilitator from inside another form (the New group dialog): a new
group is often the first in a new place or with a new facilitator, and leaving the form for
Settings would lose what was typed in it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...services.registration.communities import CommunityInput, CommunityRow, create_community
from ...services.registration.facilitators import (
    FacilitatorInput,
    FacilitatorRow,
    create_facilitator,
)
from ..shared import operations
from ..shared.context import AppContext
from ..shared.forms import ErrorLabel, with_error
from ..shared.operations import Changed


class AddDialog(QDialog):
    """A few fields, saved at once through operations; `saved` holds the new row. A mistake
    is shown beside its field and the dialog stays open."""

    def __init__(
        self,
        context: AppContext,
        title: str,
        fields: dict[str, tuple[str, QWidget]],
        save: Callable,
        changes: Changed,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.fields = {key: widget for key, (_label, widget) in fields.items()}
        self.errors = {key: ErrorLabel() for key in fields}
        self._save = save
        self._changes = changes
        self.saved = None
        form = QFormLayout()
        for key, (label, widget) in fields.items():
            form.addRow(f"{label}:", with_error(widget, self.errors[key]))
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setDefault(True)  # Enter in any field saves
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        next(iter(self.fields.values())).setFocus()

    def save(self) -> None:
        for label in self.errors.values():
            label.show_reason(None)
        done = operations.change(
            self, self.context, self._save, changes=self._changes, title=self.windowTitle(),
            on_error=self._refused,
        )  # fmt: skip
        if done:
            self.saved = done.value
            self.accept()

    def _refused(self, error: UserError) -> None:
        if isinstance(error, ValidationError) and set(error.fields) & set(self.errors):
            for key, label in self.errors.items():
                label.show_reason(error.fields.get(key))
        else:
            operations.warn(self, self.windowTitle(), error)


def add_community(context: AppContext, parent: QWidget) -> CommunityRow | None:
    """Ask for a new community and save it: the new row, or None when cancelled."""
    name = QLineEdit(placeholderText="e.g. Goderich")
    chiefdom = QLineEdit()
    district = QLineEdit(placeholderText="e.g. Western Rural")
    fields = {"name": ("&Name", name), "chiefdom": ("Chiefdom", chiefdom),
              "district": ("District", district)}  # fmt: skip

    def save(session, actor) -> CommunityRow:
        data = CommunityInput(name.text(), chiefdom.text(), district.text())
        return create_community(session, actor, data)

    return _ask(AddDialog(context, "New community", fields, save, Changed.COMMUNITIES, parent))


def add_facilitator(context: AppContext, parent: QWidget) -> FacilitatorRow | None:
    """Ask for a new facilitator and save them: the new row, or None when cancelled."""
    name = QLineEdit(placeholderText="e.g. Abu Bakarr Sesay")
    sex = QComboBox()
    for text, value in (("", ""), ("M — male", "M"), ("F — female", "F")):
        sex.addItem(text, value)
    phone = QLineEdit(placeholderText="e.g. 076 123 456")
    fields = {"name": ("&Name", name), "sex": ("Sex", sex), "phone": ("Phone", phone)}

    def save(session, actor) -> FacilitatorRow:
        data = FacilitatorInput(name.text(), sex.currentData() or "", phone.text())
        return create_facilitator(session, actor, data)

    return _ask(AddDialog(context, "New facilitator", fields, save, Changed.FACILITATORS, parent))


def _ask(dialog: AddDialog):
    accepted = dialog.exec() == QDialog.Accepted
    dialog.deleteLater()
    return dialog.saved if accepted else None
