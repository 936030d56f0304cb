"""Editing a participant or a group that someone else saved meanwhile (on another PC): the dialog
says who changed what and stays open; nothing of theirs is undone."""

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.models import Group, Participant
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.registration.groups import group_input, update_group
from mwp_desktop.services.registration.participants import (
    as_input,
    participant_detail,
    update_participant,
)
from mwp_desktop.views.groups.group_dialog import GroupDialog
from mwp_desktop.views.participants.participant_dialog import ParticipantDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import STAFF
from tests.builders.groups import add_group
from tests.builders.people import add_participant

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


def on_another_pc(db, work) -> None:
    other = open_for_use(db.target())
    with other.session() as s:
        work(s)
    other.close()


def test_participant_saved_on_another_pc_is_not_overwritten(qtbot, db, warnings):
    with db.session() as s:
        man = add_participant(s, "Mohamed", "Kamara", phone="+23276123456")
    dialog = ParticipantDialog(AppContext(db=db), man.id)
    qtbot.addWidget(dialog)
    dialog.show()

    def new_phone(s):
        detail = participant_detail(s, STAFF, man.id)
        update_participant(s, STAFF, man.id, replace(as_input(detail), phone="088 111 222"))

    on_another_pc(db, new_phone)
    qtbot.keyClicks(dialog.notes, "Works in Waterloo")
    qtbot.mouseClick(dialog.button_box.buttons()[0], Qt.LeftButton)

    assert len(warnings) == 1 and warnings[0].startswith("aminata changed this participant (phone)")
    assert dialog.isVisible() and dialog.saved is None
    with db.session() as s:
        kept = s.get(Participant, man.id)
        assert (kept.phone, kept.notes) == ("+23288111222", "")


def test_group_saved_on_another_pc_is_not_overwritten(qtbot, db, warnings):
    with db.session() as s:
        group = add_group(s, "M26-001")
    dialog = GroupDialog(AppContext(db=db), group.id)
    qtbot.addWidget(dialog)
    dialog.show()

    on_another_pc(
        db,
        lambda s: update_group(s, STAFF, group.id, replace(group_input(s, group.id), venue="Hall")),
    )
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Tuesday men")
    qtbot.keyClick(dialog.name, Qt.Key_Return)

    assert len(warnings) == 1 and warnings[0].startswith("aminata changed this group (venue)")
    assert dialog.isVisible() and dialog.saved is None
    with db.session() as s:
        kept = s.get(Group, group.id)
        assert (kept.venue, kept.name) == ("Hall", group.name)
