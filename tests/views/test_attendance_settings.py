"""The settings pages of the attendance work: rules, closed days and the curriculum editor."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.services.admin.settings import get_setting
from mwp_desktop.services.sessions.closed_days import list_closed_days
from mwp_desktop.services.sessions.curricula import list_curricula
from mwp_desktop.views.settings import attendance_rules, closed_days, curricula
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import STAFF, SUPERVISOR
from tests.builders.groups import add_group


def no_dialogs(monkeypatch):
    shown = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, name=name: shown.append((name, a[2])))
    return shown


def test_rules_page_saves_the_three_rules(qtbot, db, monkeypatch):
    shown = no_dialogs(monkeypatch)
    page = attendance_rules.create_page(AppContext(db=db, actor=SUPERVISOR))
    qtbot.addWidget(page)
    assert "12 of 16" in page.share_meaning.text()
    page.share.setValue(70)
    assert "12 of 16" in page.share_meaning.text() and "6 of 8" in page.share_meaning.text()
    page.share.setValue(50)
    page.follow_up.setValue(3)
    page.lock_days.setValue(30)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert shown == [("information", "The attendance rules are saved.")]
    with db.session() as s:
        assert get_setting(s, "completion_share") == 0.5
        assert get_setting(s, "follow_up_absences") == 3
        assert get_setting(s, "attendance_lock_days") == 30


def test_rules_page_sets_the_office_targets_the_dashboard_draws(qtbot, db, monkeypatch):
    no_dialogs(monkeypatch)
    page = attendance_rules.create_page(AppContext(db=db, actor=SUPERVISOR))
    qtbot.addWidget(page)
    assert (page.target_attendance.value(), page.target_completion.value()) == (80, 80)
    page.target_attendance.setValue(75)
    page.target_completion.setValue(85)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    with db.session() as s:
        assert get_setting(s, "target_attendance") == 0.75
        assert get_setting(s, "target_completion") == 0.85


def test_staff_see_the_rules_but_cannot_change_them(qtbot, db):
    page = attendance_rules.create_page(AppContext(db=db, actor=STAFF))
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled()


def test_closed_days_page_adds_and_removes(qtbot, db, monkeypatch):
    shown = no_dialogs(monkeypatch)
    page = closed_days.create_page(AppContext(db=db, actor=SUPERVISOR))
    qtbot.addWidget(page)
    page.show()  # a page on screen follows the changes it makes
    assert page.holidays.count() > 5  # Sierra Leone's public holidays for reference
    page.day.setDate(QDate(2027, 2, 3))
    qtbot.keyClicks(page.reason, "Staff retreat")
    qtbot.keyClick(page.reason, Qt.Key_Return)
    assert page.closed.count() == 1 and "Staff retreat" in page.closed.item(0).text()
    page.day.setDate(QDate(2027, 2, 3))
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    assert shown and "already a closed day" in shown[0][1]
    page.closed.setCurrentRow(0)
    qtbot.mouseClick(page.remove_button, Qt.LeftButton)
    with db.session() as s:
        assert list_closed_days(s) == []


def test_curriculum_editor_keeps_used_versions_and_edits_a_new_one(qtbot, db):
    with db.session() as s:
        add_group(s, start=date(2026, 1, 5))
    page = curricula.create_page(AppContext(db=db, actor=SUPERVISOR))
    qtbot.addWidget(page)
    page.show()  # a page on screen follows the changes it makes
    page.curriculum.setCurrentIndex(page.curriculum.findText("Men", Qt.MatchContains))
    assert page.title.isReadOnly() and not page.save_button.isEnabled()
    assert "1 groups follow this version" in page.state.text()
    qtbot.mouseClick(page.new_version, Qt.LeftButton)
    assert "version 2" in page.curriculum.currentText()
    assert not page.title.isReadOnly()
    page.sessions.setCurrentRow(2)
    page.title.setText("Gender roles at home and at work")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert page.sessions.item(2).text() == "3. Gender roles at home and at work"
    with db.session() as s:
        versions = [(c.code, c.version) for c in list_curricula(s)]
    assert ("MWP-MEN", 2) in versions
