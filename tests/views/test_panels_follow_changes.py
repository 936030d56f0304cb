"""No panel shows stale data after a change made anywhere in the window: panels, tabs and the
status bar follow announced changes (views/shared/panel.py) instead of being refreshed by hand."""

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from mwp_desktop.views.groups.group_dialog import GroupDialog
from mwp_desktop.views.groups.group_model import COL_MEMBERS
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.panels import PANELS
from mwp_desktop.views.participants.import_dialog import ImportDialog
from mwp_desktop.views.participants.participant_dialog import ParticipantDialog
from mwp_desktop.views.participants.participant_model import COL_NAME
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.operations import Changed, announce
from mwp_desktop.views.shared.panel import Panel, follow_changes
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)


@pytest.fixture
def window(qtbot, db):
    w = MainWindow(AppContext(db=db))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_every_panel_follows_the_panel_protocol(window):
    for spec in PANELS:
        panel = window.show_panel(spec.key)
        assert isinstance(panel, Panel), spec.key
        assert panel.cares_about, f"{spec.key} says which changes it shows"
        assert type(panel).refresh is not Panel.refresh, f"{spec.key} can refresh itself"


def test_a_group_added_on_the_groups_panel_is_listed_for_printing_without_f5(qtbot, db, window):
    with db.session() as s:
        add_group(s, "M26-001", community=add_community(s, "Tombo"), start=date(2026, 2, 2))
    printing = window.show_panel("printing")
    assert printing.group_combo.count() == 1
    groups = window.show_panel("groups")
    counts_before = window.counts_label.text()

    def fill_and_save():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, GroupDialog))
        dialog.code.setText("M26-002")
        dialog.name.setText("Tombo men's group 2")
        dialog.community.setCurrentIndex(1)
        dialog.start_date.setText("02/03/2026")
        qtbot.keyClick(dialog.name, Qt.Key_Return)

    QTimer.singleShot(0, fill_and_save)
    groups.new_group()

    assert groups.model.total() == 2  # the panel that made the change follows it too
    assert groups.selected().code == "M26-002"
    assert window.counts_label.text() != counts_before
    assert window.counts_label.text().startswith("2 groups (2 active)")
    window.show_panel("printing")
    listed = [printing.group_combo.itemText(i) for i in range(printing.group_combo.count())]
    assert any(text.startswith("M26-002") for text in listed), listed


def test_closing_a_group_shows_at_once_on_the_visible_panel(qtbot, db, window):
    with db.session() as s:
        add_group(s, "M26-001", community=add_community(s, "Tombo"), start=date(2026, 2, 2))
    groups = window.show_panel("groups")
    groups.table.selectRow(0)
    groups.close_selected()
    assert groups.selected().status == "closed"
    assert window.counts_label.text().startswith("1 groups (0 active)")


@pytest.fixture
def group(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        made = add_group(s, "M26-001", community=tombo, start=date(2026, 2, 2))
        add_membership(s, add_participant(s, "Mohamed", "Kamara", community=tombo), made)
        return made.id


def names(participants) -> list[str]:
    model = participants.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def member_count(groups, group_id) -> str:
    return groups.model.index(groups.model.row_of(group_id), COL_MEMBERS).data()


def test_a_man_registered_from_a_groups_members_is_found_on_the_participants_panel(
    qtbot, window, group
):
    participants = window.show_panel("participants")
    qtbot.waitUntil(lambda: names(participants) == ["Mohamed Kamara"])
    groups = window.show_panel("groups")
    groups.select_group(group)

    def fill_and_save():
        dialog = next(
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, ParticipantDialog) and w.isVisible()
        )  # fmt: skip
        qtbot.keyClicks(dialog.first_name, "Sorie")
        qtbot.keyClicks(dialog.last_name, "Koroma")  # sex and community: the group's
        qtbot.keyClick(dialog.last_name, Qt.Key_Return)
        if dialog.isVisible():  # not saved: close it, so that the test fails instead of waiting
            dialog.reject()

    QTimer.singleShot(0, fill_and_save)
    qtbot.mouseClick(groups.members.new_button, Qt.LeftButton)

    assert groups.members.model.rowCount() == 2
    assert member_count(groups, group) == "2"
    window.show_panel("participants")
    qtbot.waitUntil(lambda: names(participants) == ["Mohamed Kamara", "Sorie Koroma"])
    assert participants.count_label.text() == "2 registered"


def test_an_import_shows_the_new_men_and_the_groups_new_member_count_without_f5(
    qtbot, window, group, tmp_path
):
    participants = window.show_panel("participants")
    qtbot.waitUntil(lambda: names(participants) == ["Mohamed Kamara"])
    groups = window.show_panel("groups")
    assert member_count(groups, group) == "1"
    path = tmp_path / "list.csv"
    path.write_text("Names;Gender;Village\nSorie Koroma;M;Tombo\nFoday Sesay;M;Tombo\n")

    dialog = ImportDialog(window.context, path, group_id=group, parent=groups)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.plan.count("new") == 2
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.Accepted)

    assert member_count(groups, group) == "3"
    window.show_panel("participants")
    qtbot.waitUntil(
        lambda: names(participants) == ["Foday Sesay", "Mohamed Kamara", "Sorie Koroma"]
    )
    assert participants.count_label.text() == "3 registered"


def test_a_hidden_widget_refreshes_when_next_shown_and_only_then(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel(holder)
    refreshed = []
    follow_changes(label, Changed.GROUPS, lambda: refreshed.append(1))
    holder.show()
    label.hide()

    announce(Changed.GROUPS)
    announce(Changed.GROUPS)
    announce(Changed.USERS)  # not a kind it shows
    assert refreshed == []
    label.show()
    assert refreshed == [1]  # once, however many changes it missed
    announce(Changed.GROUPS)
    assert refreshed == [1, 1]  # visible: at once


def test_a_widget_can_skip_changes_it_made_itself(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    child = QWidget(widget)
    widget.show()
    refreshed = []
    follow_changes(widget, Changed.ATTENDANCE, lambda: refreshed.append(1), skip_own=True)
    announce(Changed.ATTENDANCE, initiator=child)
    assert refreshed == []
    announce(Changed.ATTENDANCE, initiator=None)
    assert refreshed == [1]


def test_f5_refreshes_the_current_panel_through_the_protocol(qtbot, db, window, monkeypatch):
    panel = window.show_panel("groups")
    calls = []
    monkeypatch.setattr(type(panel), "refresh", lambda self: calls.append(self))
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_F5)
    assert calls == [panel]
