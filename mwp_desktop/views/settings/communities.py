"""Settings page: the communities groups meet in, each in a chiefdom and district."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from ...services.registration.communities import (
    CommunityInput,
    CommunityRow,
    create_community,
    delete_community,
    list_communities,
    update_community,
)
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.roles import offer
from ..shared.table_model import FIT, RIGHT, STRETCH, Column, RowTableModel
from .list_editor import ListEditor

TITLE = "Communities"


class CommunitiesPage(ListEditor):
    # Renaming one shows at once in the Groups and Participants panels' community filters.
    shows = Changed.COMMUNITIES
    plural = "communities"

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        model = RowTableModel(columns=(
            Column("Community", lambda r: r.name, width=STRETCH),
            Column("Chiefdom", lambda r: r.chiefdom, width=120),
            Column("District", lambda r: r.district, width=120),
            Column("Groups", lambda r: str(r.groups), lambda r: r.groups, width=FIT, align=RIGHT),
            Column("Participants", lambda r: str(r.participants), lambda r: r.participants,
                   width=FIT, align=RIGHT),
        ))  # fmt: skip
        super().__init__(context, model, "Community", parent)
        self.name = QLineEdit(placeholderText="e.g. Tombo")
        self.chiefdom = QLineEdit(placeholderText="e.g. Koya")
        self.district = QLineEdit(placeholderText="e.g. Western Area Rural")
        self.form.addRow("&Name:", self.name)
        self.form.addRow("Chiefdom:", self.chiefdom)
        self.form.addRow("District:", self.district)
        self.name.returnPressed.connect(self.save_current)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setToolTip("Only a community with no groups or participants can go")
        self.remove_button.clicked.connect(self.remove_current)
        offer(self.remove_button, context.actor, self.needs)
        self.form.addRow("", self.remove_button)
        self.refresh()

    def remove_current(self) -> None:
        community_id = self.current_id
        if community_id is None:
            return
        if self.change(
            lambda session, actor: delete_community(session, actor, community_id), "Communities"
        ):
            self.start_new()

    def read_rows(self, session) -> list[CommunityRow]:
        return list_communities(session, with_counts=True)

    def load(self, row: CommunityRow) -> None:
        self.heading.setText(f"Community: {row.name}")
        self.name.setText(row.name)
        self.chiefdom.setText(row.chiefdom)
        self.district.setText(row.district)

    def clear(self) -> None:
        self.heading.setText("New community")
        for field in (self.name, self.chiefdom, self.district):
            field.clear()
        self.name.setFocus()

    def save(self, session, actor, current_id: int | None) -> CommunityRow:
        data = CommunityInput(self.name.text(), self.chiefdom.text(), self.district.text())
        if current_id is None:
            return create_community(session, actor, data)
        return update_community(session, actor, current_id, data)


def create_page(context: AppContext) -> QWidget:
    return CommunitiesPage(context)
