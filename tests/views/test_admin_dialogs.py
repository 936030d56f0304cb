"""The trust dialogs and settings pages, driven like a user would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import text

from mwp_desktop.models import Facilitator
from mwp_desktop.paths import backups_dir
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.admin import users
from mwp_desktop.services.admin.settings import get_setting
from mwp_desktop.services.demo.accounts import add_demo_accounts
from mwp_desktop.views.login import LoginDialog
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.welcome import WelcomeDialog

from .modal import make_first_administrator, when_dialog_opens

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(autouse=True)
def _cheap_passwords(fast_hashing):
    pass


def test_login_refuses_a_wrong_password_and_accepts_the_right_one(qtbot, office):
    dialog = LoginDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "staff")
    qtbot.keyClicks(dialog.password, "nope")
    qtbot.mouseClick(dialog.sign_in, Qt.LeftButton)
    assert dialog.error.isVisible() and dialog.error.text() == users.REFUSED
    assert dialog.result() != QDialog.Accepted and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "staff-pass-1")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    assert dialog.result() == QDialog.Accepted
    assert dialog.actor.username == "staff" and dialog.actor.role == "staff"


def test_login_says_the_same_for_an_unknown_name_and_a_locked_account(qtbot, office):
    dialog = LoginDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = []
    for username, password in (
        [("nobody", "nope")] + [("staff", "nope")] * 5 + [("staff", "staff-pass-1")]
    ):
        dialog.username.setText(username)
        dialog.password.setText(password)
        qtbot.mouseClick(dialog.sign_in, Qt.LeftButton)
        shown.append(dialog.error.text())
    assert set(shown) == {users.REFUSED} and dialog.result() != QDialog.Accepted


def test_demo_accounts_are_listed_only_on_a_demo_database(qtbot, office):
    dialog = LoginDialog(office)
    qtbot.addWidget(dialog)
    assert dialog.findChild(object, "demo-admin") is None
    with office.session() as s:
        add_demo_accounts(s)
    dialog = LoginDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(object, "demo-supervisor")
    assert button.text() == "supervisor / demo-supervisor"
    qtbot.mouseClick(button, Qt.LeftButton)
    qtbot.mouseClick(dialog.sign_in, Qt.LeftButton)
    assert dialog.actor.role == "supervisor"


def test_welcome_makes_the_organisation_and_first_administrator(qtbot, db, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "lewaf.png"
    image = QImage(40, 40, QImage.Format_RGB32)
    image.fill(QColor("#1f4e5f"))
    image.save(str(logo))
    dialog = WelcomeDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.organisation.clear()
    qtbot.keyClicks(dialog.organisation, "Lady Ellen Women's Aid Foundation, Moyamba")
    dialog.logo.setText(str(logo))
    assert dialog.logo_preview.pixmap() is not None and not dialog.logo_preview.pixmap().isNull()
    qtbot.keyClicks(dialog.full_name, "Fatmata Sesay")
    qtbot.keyClicks(dialog.username, "fatmata")
    qtbot.keyClicks(dialog.password, "kissy-road-7")
    qtbot.keyClicks(dialog.repeat, "kissy-road-8")
    qtbot.mouseClick(dialog.start, Qt.LeftButton)
    assert "not the same" in dialog.error.text() and dialog.actor is None
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "kissy-road-7")
    dialog.demo_choice.setChecked(True)
    qtbot.mouseClick(dialog.start, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    assert dialog.actor.role == "admin" and dialog.explore_demo
    with db.session() as s:
        assert get_setting(s, "organisation_name").endswith("Moyamba")
        kept_logo = get_setting(s, "organisation_logo")
    assert kept_logo.endswith("logo.png") and kept_logo != str(logo)
    assert users.authenticate(db, "fatmata", "kissy-road-7").user_id == dialog.actor.user_id


def test_welcome_shows_every_problem_and_saves_nothing(qtbot, db):
    dialog = WelcomeDialog(db)
    qtbot.addWidget(dialog)
    dialog.organisation.clear()
    dialog.logo.setText("/nowhere/logo.gif")
    qtbot.mouseClick(dialog.start, Qt.LeftButton)
    text = dialog.error.text()
    assert "Organisation: is required" in text and "Logo: must be a PNG" in text
    with db.session() as s:
        assert not users.has_users(s)


def lock_and_unlock(qtbot, window, password: str, look=lambda dialog: None):
    """Let the idle lock hide the window at once, then type the password into its dialog."""
    from mwp_desktop.views.idle_lock import IdleLock

    def unlock(dialog):
        look(dialog)
        dialog.password.setText(password)
        dialog.try_sign_in()

    lock = IdleLock(window, window.context.actor, 15, interval_ms=30)
    when_dialog_opens(unlock)
    with qtbot.waitSignal(lock.unlocked, timeout=5000):
        pass
    lock.disarm()  # for good: it would see every later test's clicks and start again
    return lock


def test_idle_lock_hides_the_window_until_the_password(qtbot, office):
    actor = users.authenticate(office, "staff", "staff-pass-1")
    window = MainWindow(AppContext(office, actor))
    qtbot.addWidget(window)
    window.show()
    seen = {}

    def look(dialog):
        seen["hidden"] = not window.centralWidget().isVisible()
        seen["user"] = dialog.username.text()

    lock = lock_and_unlock(qtbot, window, "staff-pass-1", look)
    assert seen == {"hidden": True, "user": "staff"}
    assert window.centralWidget().isVisible() and not lock.is_locked


def test_idle_lock_refuses_in_one_sentence_about_the_password(qtbot, office):
    """The name is shown and cannot be changed, so the refusal speaks of the password, and says
    the same whether it was wrong or the account was deactivated meanwhile."""
    from mwp_desktop.views import login

    staff = users.authenticate(office, "staff", "staff-pass-1")
    admin = users.authenticate(office, "admin", "admin-pass-1")
    dialog = LoginDialog(office, locked_for=staff)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("nope")
    qtbot.mouseClick(dialog.sign_in, Qt.LeftButton)
    wrong = dialog.error.text()
    with office.session() as s:
        users.deactivate_user(s, admin, staff.user_id)
    dialog.password.setText("staff-pass-1")
    qtbot.mouseClick(dialog.sign_in, Qt.LeftButton)
    assert wrong == dialog.error.text() == login.unlock_refused()
    assert "user name" not in wrong and "window stays locked" in wrong
    assert dialog.result() != QDialog.Accepted


def test_unlocking_shows_in_the_audit_trail_left_open(qtbot, office):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    window, panel, _ = _settings(qtbot, office, admin)
    audit = page_titled(panel, "Audit trail")

    def sign_ins() -> int:
        return sum(audit.model.index(r, 2).data() == "login" for r in range(audit.model.rowCount()))

    before = sign_ins()
    lock_and_unlock(qtbot, window, "admin-pass-1")
    assert sign_ins() == before + 1  # read again when the window came back, without F5


TRUST_TABS = ("Users", "Backups", "Audit trail", "Office server")


def page_titled(panel, title):
    """Open the settings tab with this title, as the user would, and return its page."""
    for index in range(panel.tabs.count()):
        if panel.tabs.tabText(index) == title:
            panel.tabs.setCurrentIndex(index)
            return panel.tabs.widget(index)
    raise AssertionError(f"no settings tab {title!r}")


def _settings(qtbot, db, actor: Actor):
    window = MainWindow(AppContext(db, actor))
    qtbot.addWidget(window)
    window.show()
    panel = window.show_panel("settings")
    return window, panel, [panel.tabs.tabText(i) for i in range(panel.tabs.count())]


def trust_tabs(tabs):
    return [t for t in tabs if t in TRUST_TABS]


def test_settings_show_what_each_role_may_do(qtbot, office):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    staff = users.authenticate(office, "staff", "staff-pass-1")
    sup = users.authenticate(office, "sup", "sup-pass-12")
    _, panel, tabs = _settings(qtbot, office, admin)
    assert trust_tabs(tabs) == ["Users", "Backups", "Audit trail", "Office server"]
    assert "About" in tabs
    _, panel, tabs = _settings(qtbot, office, staff)
    assert trust_tabs(tabs) == ["Users", "Backups"]
    users_page = page_titled(panel, "Users")
    assert not users_page.manages and users_page.table.parent() is None
    backups_page = page_titled(panel, "Backups")
    assert backups_page.restore_button.isHidden() and not backups_page.backup_button.isHidden()
    _, panel, tabs = _settings(qtbot, office, sup)
    assert "Audit trail" in tabs and "Office server" in tabs
    assert page_titled(panel, "Backups").restore_button.isHidden()


def test_users_page_adds_an_account_and_keeps_the_form_on_a_mistake(qtbot, office, qtmodeltester):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    with office.session() as s:
        joseph = s.query(Facilitator).one().id
    _, panel, _ = _settings(qtbot, office, admin)
    page = page_titled(panel, "Users")
    qtmodeltester.check(page.model)
    assert [r.username for r in page.model.rows] == ["admin", "staff", "sup"]
    attempts = []

    def fill(dialog):
        attempts.append(dialog.error.text())
        if len(attempts) == 1:
            dialog.username.setText("joseph")
            dialog.full_name.setText("Joseph Kanu")
            dialog.role.setCurrentIndex(dialog.role.findData("facilitator"))
            dialog.password.setText("short")
        else:  # the form kept what was typed; fix the password only
            assert dialog.username.text() == "joseph"
            dialog.password.setText("long-enough-1")
            dialog.facilitator_id.setCurrentIndex(dialog.facilitator_id.findData(joseph))
        dialog.accept()
        if len(attempts) == 1:
            when_dialog_opens(fill)

    when_dialog_opens(fill)
    page.add_user()
    assert "password: must be at least 8" in attempts[1]
    assert [r.username for r in page.model.rows] == ["admin", "joseph", "staff", "sup"]
    assert users.authenticate(office, "joseph", "long-enough-1").facilitator_id == joseph


def test_audit_viewer_answers_who_changed_this_record(qtbot, office, qtmodeltester):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    with office.session() as s:
        staff_id = [u for u in users.list_users(s, admin) if u.username == "staff"][0].id
        users.update_user(s, admin, staff_id, full_name="Samuel Staff", role="staff")
    _, panel, _ = _settings(qtbot, office, admin)
    page = page_titled(panel, "Audit trail")
    qtmodeltester.check(page.model)
    page.entity.setCurrentIndex(page.entity.findData("user"))
    page.record.setText(str(staff_id))
    qtbot.keyClick(page.record, Qt.Key_Return)
    shown = [
        [page.model.index(r, c).data() for c in range(page.model.columnCount())]
        for r in range(page.model.rowCount())
    ]
    assert [row[1:3] for row in shown] == [
        ["admin", "update"],
        ["admin", "create"],
    ]
    assert all(row[3] == f"user {staff_id}" for row in shown)
    newest = shown[0]
    assert newest[1] == "admin" and newest[2] == "update"
    assert "full_name: Sam Staff → Samuel Staff" in newest[4]
    assert page.count.text().startswith(f"{len(shown)} changes")


def test_backups_page_backs_up_and_restores(qtbot, office, monkeypatch):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    window, panel, _ = _settings(qtbot, office, admin)
    page = page_titled(panel, "Backups")
    qtbot.mouseClick(page.backup_button, Qt.LeftButton)
    assert page.status.text().startswith("Backed up to")
    made = sorted(backups_dir().glob("*-manual-*.sqlite3"))
    assert len(made) == 1 and page.list.count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    assert page.restore_file(made[0])
    assert "Restored from" in page.status.text()


def test_office_server_page_explains_a_failed_connection(qtbot, office):
    admin = users.authenticate(office, "admin", "admin-pass-1")
    _, panel, _ = _settings(qtbot, office, admin)
    page = page_titled(panel, "Office server")
    page.host.clear()
    assert not page.test_connection()
    assert "host: is required" in page.result.text()
    page.host.setText("127.0.0.1")
    page.port.setText("1")  # nothing listens there
    page.user.setText("mwp")
    assert not page.test_connection()
    assert page.result.text().startswith("Could not connect to the office server")
    assert not page.use_button.isEnabled()


def test_first_start_runs_the_welcome_then_holds_the_file(qtbot, db):
    from mwp_desktop.app import start_session

    when_dialog_opens(make_first_administrator)
    opened, actor, lock = start_session(db, offer_demo=True)
    try:
        assert opened is db and actor.username == "fatmata" and actor.role == "admin"
        from mwp_desktop.services.admin.instance_lock import read_holder

        assert read_holder(db.path).user == "fatmata"
    finally:
        lock.release()


def test_start_signs_in_and_a_second_copy_opens_read_only(qtbot, office, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from mwp_desktop.app import start_session

    def sign_in(dialog):
        dialog.username.setText("staff")
        dialog.password.setText("staff-pass-1")
        dialog.try_sign_in()

    when_dialog_opens(sign_in)
    _, actor, lock = start_session(office, offer_demo=False)
    assert actor.role == "staff" and lock is not None
    asked = []

    def answer(parent, title, text, buttons):
        asked.append(text)
        return QMessageBox.Open

    monkeypatch.setattr(QMessageBox, "question", answer)
    from mwp_desktop.services.admin.database import open_for_use

    second = open_for_use(str(office.path))
    when_dialog_opens(sign_in)
    _, _, second_lock = start_session(second, offer_demo=False)
    try:
        assert second_lock is None
        assert asked[0].startswith(f"{office.path.name} is already open by staff on this computer")
        with pytest.raises(OperationalError, match="readonly"), second.session() as s:
            users.change_password(s, actor, "staff-pass-1", "another-pass-2")
    finally:
        second.close()
        lock.release()


def test_screenshot_needs_no_sign_in(office, tmp_path):
    from mwp_desktop.cli import main

    picture = tmp_path / "settings.png"
    assert (
        main(["--db", str(office.path), "--panel", "settings", "--screenshot", str(picture)]) == 0
    )
    assert picture.stat().st_size > 10_000


def test_database_errors_get_plain_words(office):
    from sqlalchemy.exc import OperationalError as SAOperationalError

    from mwp_desktop.app import database_error_message
    from mwp_desktop.services.admin.instance_lock import make_read_only

    make_read_only(office)
    with pytest.raises(SAOperationalError) as refused, office.session() as s:
        s.execute(text("DELETE FROM closed_days"))
    assert database_error_message(refused.value).startswith("This copy of the program opened")
    lost = SAOperationalError(
        "SELECT 1", {}, Exception("server closed the connection unexpectedly")
    )
    assert "What you typed is still on screen" in database_error_message(lost)
    assert database_error_message(ValueError("x")) is None
