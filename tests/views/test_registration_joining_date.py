"""Registering a man into a group: the form says when he joined, and the office can change it
(the paper list is typed in after the first meeting)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from mwp_desktop.models import Enrollment
from mwp_desktop.views.participants.participant_dialog import ParticipantDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.groups import add_group
from tests.builders.places import add_community
from tests.views.test_participants_panel import type_form

START = date(2026, 1, 5)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


def register_into_group(qtbot, db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        group = add_group(s, "M26-001", community=tombo, start=START).id
    dialog = ParticipantDialog(
        AppContext(db=db), group_id=group, group_label="M26-001", community_id=tombo.id,
        default_sex="M",
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, group


def joined(db, group) -> date:
    with db.session() as s:
        return s.scalar(select(Enrollment.enrolled_on).where(Enrollment.group_id == group))


def test_the_first_man_typed_in_joins_on_the_groups_start_unless_told(qtbot, db):
    dialog, group = register_into_group(qtbot, db)
    assert dialog.joined.text() == "05/01/2026"  # its first member: from its start
    type_form(qtbot, dialog, "Mohamed", "Kamara", "M", "34", "")
    dialog.joined.clear()
    qtbot.keyClicks(dialog.joined, "19/01/2026")
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert dialog.result() == ParticipantDialog.Accepted
    assert joined(db, group) == date(2026, 1, 19)


def test_a_joined_date_that_is_not_a_date_is_said_beside_it(qtbot, db):
    dialog, group = register_into_group(qtbot, db)
    type_form(qtbot, dialog, "Mohamed", "Kamara", "M", "34", "")
    dialog.joined.clear()
    qtbot.keyClicks(dialog.joined, "31/02/2026")
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.errors["joined"].isVisible()
    assert "dd/mm/yyyy" in dialog.errors["joined"].text()
    assert joined(db, group) is None
