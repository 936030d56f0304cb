"""The Settings panel's pages keep up with changes: each page reads again what it shows when
those records change (at once if it is in view, when next shown if not), F5 reads the page in
view again, and what a page changes is seen in the rest of the window without F5."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin import users
from mwp_desktop.services.admin.backups import set_second_folder
from mwp_desktop.services.admin.referral_directory import ReferralServiceInput, create_service
from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.registration.communities import CommunityInput, create_community
from mwp_desktop.services.registration.facilitators import FacilitatorInput, create_facilitator
from mwp_desktop.services.sessions.closed_days import add_closed_day
from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE, latest_curriculum
from mwp_desktop.services.sessions.curriculum_editing import start_new_version
from mwp_desktop.services.surveys.instrument_versions import (
    start_new_version as start_instrument_version,
)
from mwp_desktop.services.surveys.rounds import instrument_in_use
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.operations import Changed, announce, change_bus
from tests.builders.groups import add_group
from tests.builders.places import add_community

from .modal import when_dialog_opens


@pytest.fixture(autouse=True)
def _cheap_passwords(fast_hashing):
    pass


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda parent, title, text, *a, k=kind: shown.append((k, text))
        )
    return shown


@pytest.fixture
def window(qtbot, db):
    w = MainWindow(AppContext(db))  # the program itself: an administrator, every page shown
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def settings(window):
    return window.show_panel("settings")


@pytest.fixture
def announced():
    heard = []

    def hear(kinds, _initiator):
        heard.append(kinds)

    change_bus().changed.connect(hear)
    yield heard
    change_bus().changed.disconnect(hear)


def open_page(panel, title: str):
    """Click the settings tab with this title; its page."""
    for index in range(panel.tabs.count()):
        if panel.tabs.tabText(index) == title:
            panel.tabs.setCurrentIndex(index)
            return panel.tabs.widget(index)
    raise AssertionError(f"no settings tab {title!r}")


def texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def user_names(page) -> list[str]:
    return [row.username for row in page.model.rows]


def audit_lines(page) -> list[str]:
    model = page.model
    return [
        " ".join(model.index(r, c).data() for c in range(1, model.columnCount()))
        for r in range(model.rowCount())
    ]


# -- each page follows what it shows --------------------------------------------------------

# (tab, the change made elsewhere, the kind it is announced as, what the page then shows)
PAGE_CHANGES = {
    "Organisation": (
        lambda s, _tmp: set_setting(s, SYSTEM, "organisation_name", "LEWAF Moyamba"),
        Changed.SETTINGS,
        lambda page: page.edits["organisation_name"].text() == "LEWAF Moyamba",
    ),
    "Communities": (
        lambda s, _tmp: create_community(s, SYSTEM, CommunityInput("Tombo", "Koya", "Rural")),
        Changed.COMMUNITIES,
        lambda page: [row.name for row in page.model.rows] == ["Tombo"],
    ),
    "Facilitators": (
        lambda s, _tmp: create_facilitator(s, SYSTEM, FacilitatorInput("Abu Bakarr Sesay", "M")),
        Changed.FACILITATORS,
        lambda page: [row.name for row in page.model.rows] == ["Abu Bakarr Sesay"],
    ),
    "Attendance rules": (
        lambda s, _tmp: set_setting(s, SYSTEM, "follow_up_absences", 5),
        Changed.SETTINGS,
        lambda page: page.follow_up.value() == 5,
    ),
    "Closed days": (
        lambda s, _tmp: add_closed_day(s, SYSTEM, date(2027, 2, 3), "Staff retreat"),
        Changed.CLOSED_DAYS,
        lambda page: page.closed.count() == 1 and "Staff retreat" in page.closed.item(0).text(),
    ),
    "Curricula": (
        lambda s, _tmp: start_new_version(s, SYSTEM, latest_curriculum(s, MEN_CURRICULUM_CODE).id),
        Changed.CURRICULA,
        lambda page: any("version 2" in text for text in texts(page.curriculum)),
    ),
    "Survey instruments": (
        lambda s, _tmp: start_instrument_version(s, SYSTEM, instrument_in_use(s)),
        Changed.SURVEYS,
        lambda page: any("version 2" in text for text in texts(page.version)),
    ),
    "Referral directory": (
        lambda s, _tmp: create_service(
            s, SYSTEM, ReferralServiceInput("Rokupa Hospital", "health")
        ),
        Changed.CONCERNS,
        lambda page: [row.name for row in page.model.rows] == ["Rokupa Hospital"],
    ),
    "Users": (
        lambda s, _tmp: users.create_user(
            s, SYSTEM, "amina", "Amina Kamara", "staff", "long-pass-1"
        ),
        Changed.USERS,
        lambda page: user_names(page) == ["amina"],
    ),
    "Backups": (
        lambda s, tmp: set_second_folder(s, SYSTEM, str(tmp)),
        Changed.SETTINGS,
        lambda page: page.second_folder.text() != "",
    ),
    "Audit trail": (  # every change is written to the trail: it follows every kind
        lambda s, _tmp: add_closed_day(s, SYSTEM, date(2027, 2, 3), "Staff retreat"),
        Changed.CLOSED_DAYS,
        lambda page: any("Office closed on 03/02/2027" in line for line in audit_lines(page)),
    ),
}


@pytest.mark.parametrize("title", PAGE_CHANGES)
def test_a_hidden_page_reads_a_change_again_when_it_is_shown(db, settings, tmp_path, title):
    make, kind, shows_it = PAGE_CHANGES[title]
    page = open_page(settings, title)
    assert not shows_it(page)
    open_page(settings, "About")
    with db.session() as s:
        make(s, tmp_path)
    announce(kind)  # as another part of the window does after its change
    assert not page.isVisible() and not shows_it(page)  # hidden: read when shown, not now
    open_page(settings, title)
    assert shows_it(page)


@pytest.mark.parametrize("title", PAGE_CHANGES)
def test_the_page_in_view_reads_a_change_again_at_once(db, settings, tmp_path, title):
    make, kind, shows_it = PAGE_CHANGES[title]
    page = open_page(settings, title)
    with db.session() as s:
        make(s, tmp_path)
    announce(kind)
    assert shows_it(page)


def press_f5(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the shortcut is the window's
    qtbot.keyClick(window, Qt.Key_F5)


@pytest.mark.parametrize("title", PAGE_CHANGES)
def test_f5_reads_the_page_in_view_again(qtbot, db, window, settings, tmp_path, title):
    make, _kind, shows_it = PAGE_CHANGES[title]
    page = open_page(settings, title)
    with db.session() as s:  # as another PC on the office server does: nothing is announced
        make(s, tmp_path)
    assert not shows_it(page)
    press_f5(qtbot, window)
    assert shows_it(page)


def test_f5_on_the_pages_of_facts_reads_them_again(qtbot, window, settings):
    from mwp_desktop.services.admin.office_server import save_office_server

    titles = [settings.tabs.tabText(i) for i in range(settings.tabs.count())]
    assert set(titles) == set(PAGE_CHANGES) | {"Office server", "About"}
    page = open_page(settings, "Office server")
    assert not page.local_button.isEnabled()
    save_office_server("postgresql+psycopg://mwp@office-server:5432/mwp")  # from another window
    press_f5(qtbot, window)
    assert page.local_button.isEnabled()
    about = open_page(settings, "About")
    press_f5(qtbot, window)
    assert about.isVisible()


# -- what a page changes, the window sees -----------------------------------------------------


def test_a_community_renamed_on_its_page_shows_at_once_in_the_groups_and_participants_filters(
    qtbot, db, window
):
    with db.session() as s:
        add_group(s, "M26-001", community=add_community(s, "Tombo", chiefdom="Koya"))
    groups = window.show_panel("groups")
    participants = window.show_panel("participants")
    assert "Tombo" in texts(groups.community)
    assert "Tombo (Koya, Western Rural)" in texts(participants.community)

    page = open_page(window.show_panel("settings"), "Communities")
    page.table.selectRow(0)
    page.name.setText("Tombo Wharf")
    qtbot.keyClick(page.name, Qt.Key_Return)
    assert [row.name for row in page.model.rows] == ["Tombo Wharf"]
    assert page.name.text() == "Tombo Wharf"  # still the one being changed

    window.show_panel("groups")  # no F5: the panels followed the change
    assert "Tombo Wharf" in texts(groups.community) and "Tombo" not in texts(groups.community)
    window.show_panel("participants")
    assert "Tombo Wharf (Koya, Western Rural)" in texts(participants.community)


def test_a_user_added_on_the_users_page_is_in_the_audit_trail_when_it_is_shown(qtbot, db, settings):
    audit = open_page(settings, "Audit trail")
    assert not any("User joseph created" in line for line in audit_lines(audit))
    page = open_page(settings, "Users")

    def add(dialog):
        dialog.username.setText("joseph")
        dialog.full_name.setText("Joseph Kanu")
        dialog.password.setText("long-enough-1")
        dialog.accept()

    when_dialog_opens(add)
    page.add_user()
    assert user_names(page) == ["joseph"]
    open_page(settings, "Audit trail")
    assert any("User joseph created" in line for line in audit_lines(audit))


def test_a_refused_user_name_is_one_message_in_the_form_which_keeps_what_was_typed(
    qtbot, db, window, messages, announced
):
    with db.session() as s:
        users.create_user(s, SYSTEM, "amina", "Amina Kamara", "staff", "long-pass-1")
    page = open_page(window.show_panel("settings"), "Users")
    seen = []

    def answer(dialog):
        seen.append((dialog.error.text(), dialog.username.text(), dialog.full_name.text()))
        if len(seen) == 1:
            dialog.username.setText("amina")
            dialog.full_name.setText("Aminata Sesay")
            dialog.password.setText("long-enough-1")
            dialog.accept()
            when_dialog_opens(answer)
        else:
            dialog.reject()

    when_dialog_opens(answer)
    page.add_user()
    assert seen[1] == ("username: 'amina' is already taken", "amina", "Aminata Sesay")
    assert messages == []  # the reason is beside the fields, not in a message box too
    assert announced == []  # nothing was saved, so nothing is said to have changed
    assert user_names(page) == ["amina"]


def test_saving_the_organisation_tells_the_window_what_printing_uses_has_changed(
    qtbot, settings, announced
):
    page = open_page(settings, "Organisation")
    page.edits["signatory_1_name"].setText("Aminata Kamara")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert "Saved" in page.message.text()
    assert announced == [Changed.SETTINGS]  # the Printing panel follows settings changes
    assert page.edits["signatory_1_name"].text() == "Aminata Kamara"


@pytest.mark.sqlite_only  # a backup of the office server is not a file made here
def test_a_backup_changes_no_record_and_a_restore_replaces_every_one(
    qtbot, settings, messages, announced, monkeypatch
):
    from mwp_desktop.paths import backups_dir

    page = open_page(settings, "Backups")
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    assert announced == []  # a backup copies the records: nothing is said to have changed
    (made,) = backups_dir().glob("*-manual-*.sqlite3")
    assert page.list.count() == 1 and made.name in page.list.item(0).text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    assert page.restore_file(made)
    assert announced == [Changed.EVERYTHING]  # every panel reads its records again
