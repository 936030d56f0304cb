"""The New group dialog adds a community or a facilitator that is not in the lists yet, without
leaving it for Settings and losing what was typed (issue 15, item 8)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from mwp_desktop.models import Community, Facilitator
from mwp_desktop.views.groups.group_dialog import GroupDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import FACILITATOR, STAFF

from .modal import when_dialog_opens
from .on_screen import on_screen


def test_a_new_community_is_added_and_chosen_in_the_new_group_dialog(qtbot, db):
    dialog = on_screen(qtbot, GroupDialog(AppContext(db=db, actor=STAFF)), (640, 700))
    dialog.name.setText("Goderich men 1")
    seen = {}

    def fill(add):
        add.fields["name"].setText("")
        add.save()  # no name: refused beside the field, the small dialog stays
        seen["refusal"] = add.errors["name"].text()
        add.fields["name"].setText("Goderich")
        add.fields["district"].setText("Western Rural")
        qtbot.keyClick(add.fields["district"], Qt.Key_Return)

    when_dialog_opens(fill)
    qtbot.mouseClick(dialog.new_community_button, Qt.LeftButton)

    assert seen["refusal"].startswith("Community name")
    assert dialog.community.currentText() == "Goderich (Western Rural)"
    assert dialog.name.text() == "Goderich men 1"  # what was typed is still there
    with db.session() as s:
        assert s.scalars(select(Community.name)).all() == ["Goderich"]


def test_a_new_facilitator_is_added_and_chosen_in_the_new_group_dialog(qtbot, db):
    dialog = on_screen(qtbot, GroupDialog(AppContext(db=db, actor=STAFF)), (640, 700))

    def fill(add):
        add.fields["name"].setText("Abu Bakarr Sesay")
        add.fields["sex"].setCurrentIndex(add.fields["sex"].findData("M"))
        add.fields["phone"].setText("076 123 456")
        add.save()

    when_dialog_opens(fill)
    qtbot.mouseClick(dialog.new_facilitator_button, Qt.LeftButton)

    assert dialog.facilitator.currentText() == "Abu Bakarr Sesay"
    assert dialog.co_facilitator.findText("Abu Bakarr Sesay") >= 0  # offered there too
    with db.session() as s:
        assert s.scalars(select(Facilitator.name)).all() == ["Abu Bakarr Sesay"]


def test_cancelling_the_small_dialog_adds_nothing(qtbot, db):
    dialog = on_screen(qtbot, GroupDialog(AppContext(db=db, actor=STAFF)), (640, 700))
    before = dialog.community.count()
    when_dialog_opens(lambda add: add.reject())
    qtbot.mouseClick(dialog.new_community_button, Qt.LeftButton)
    assert dialog.community.count() == before


def test_a_facilitator_account_is_told_who_can_add_places(qtbot, db):
    dialog = on_screen(qtbot, GroupDialog(AppContext(db=db, actor=FACILITATOR)), (640, 700))
    assert not dialog.new_community_button.isEnabled()
    assert dialog.new_community_button.toolTip().startswith("Facilitator accounts cannot")
