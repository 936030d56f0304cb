"""Enrolling someone whose sex is not the group's kind: the window asks, saying why, and
saves only when told to (a woman once went into a men's group without a word)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.services.registration.groups import members
from mwp_desktop.views.groups import membership_dialogs
from mwp_desktop.views.groups.panel import GroupsPanel
from mwp_desktop.views.participants.participant_dialog import ParticipantDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.people import add_participant
from tests.builders.places import add_community
from tests.views.test_participants_panel import type_form

WHY = "M26-001 is a men's group, and this participant is a woman."


@pytest.fixture(autouse=True)
def refusals(monkeypatch):
    shown = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: shown.append(a[2]))
    return shown


@pytest.fixture
def mens_group(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        return add_group(s, "M26-001", community=tombo).id, tombo.id


@pytest.fixture
def answers(monkeypatch):
    """The questions asked, answered in turn from `answers.given`."""

    class Answers(list):
        given: list = []

    asked = Answers()

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return asked.given.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def member_names(db, group_id) -> list[str]:
    with db.session() as s:
        return [m.name for m in members(s, ADMIN, group_id)]


def test_registering_a_woman_into_a_mens_group_asks_first(qtbot, db, mens_group, answers):
    group_id, place = mens_group
    dialog = ParticipantDialog(
        AppContext(db=db), group_id=group_id, group_label="M26-001", community_id=place,
        default_sex="M",
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    type_form(qtbot, dialog, "Fatmata", "Conteh", "F", "29", "")
    answers.given = [QMessageBox.No, QMessageBox.Yes]

    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert answers == [f"{WHY}\n\nEnrol anyway?"]
    assert dialog.isVisible() and dialog.saved is None and member_names(db, group_id) == []

    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert dialog.result() == ParticipantDialog.Accepted
    assert member_names(db, group_id) == ["Fatmata Conteh"]


def test_adding_a_woman_to_a_mens_group_asks_first(qtbot, db, mens_group, answers, monkeypatch):
    group_id, place = mens_group
    with db.session() as s:
        fatmata = add_participant(s, "Fatmata", "Conteh", sex="F", community=place).id

    def choose_her(picker):
        picker.chosen_id = fatmata
        return True

    monkeypatch.setattr(membership_dialogs.ParticipantPicker, "exec", choose_her)
    panel = GroupsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    panel.select_group(group_id)
    answers.given = [QMessageBox.No]
    panel.members.add_existing()
    assert answers == [f"{WHY}\n\nEnrol anyway?"] and member_names(db, group_id) == []
    answers.given = [QMessageBox.Yes]
    panel.members.add_existing()
    assert member_names(db, group_id) == ["Fatmata Conteh"]
    assert panel.members.model.rowCount() == 1
