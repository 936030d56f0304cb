"""The first panel is built while the person signs in, so that Sign in leaves only the password
check, the panel's reads and a repaint. Built before anyone has signed in, it must read and show
nothing (no group, no name) and offer nothing; signed in, it is the person's own: their groups
only (a facilitator's), their role's buttons."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from sqlalchemy import event, select

from mwp_desktop.app import open_behind_sign_in, run_gui, start_session
from mwp_desktop.models import User
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.admin.users import actor_for
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group
from tests.builders.places import add_facilitator

from .modal import when_dialog_opens


def statements_while(db, action) -> list[str]:
    seen: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return seen


def waiting_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_panel_built_before_sign_in_reads_and_shows_nothing_until_signed_in(qtbot, office):
    window = waiting_window(qtbot)
    read = statements_while(office, lambda: window.prepare_panel("groups", office))
    panel = window.panel("groups")
    assert panel is not None and panel.isVisible() and not panel.isEnabled()
    assert read == []  # nothing read: no group, no name, before anyone signed in
    assert panel.model.rowCount() == 0 and panel.members.model.rowCount() == 0
    assert not panel.empty.isVisible()  # says nothing yet, not "No groups yet"
    assert window.context is None and not window.nav.isEnabled()

    with office.session() as s:
        staff = actor_for(s.scalar(select(User).where(User.username == "staff")))
    window.attach(AppContext(db=office, actor=staff))
    assert window.panel("groups") is panel  # the same widgets, now filled
    assert panel.isEnabled() and panel.model.rowCount() == 1
    assert panel.new_button.isEnabled()  # office staff register groups


def test_a_facilitator_signing_in_gets_only_his_groups_and_buttons(qtbot, db):
    with db.session() as s:
        leader = add_facilitator(s, "Sallieu Kargbo")
        add_group(s, "M26-001", facilitator=leader)
        add_group(s, "M26-002")
        add_group(s, "M26-003", facilitator=leader)
        actors = add_user_accounts(s, ("facilitator",), facilitator=leader)
    window = waiting_window(qtbot)
    window.prepare_panel("groups", db)
    panel = window.panel("groups")

    window.attach(AppContext(db=db, actor=actors["facilitator"]))
    shown = sorted(panel.model.row_at(row).code for row in range(panel.model.rowCount()))
    assert shown == ["M26-001", "M26-003"]
    assert not panel.new_button.isEnabled()  # a facilitator registers no groups


def test_a_panel_built_on_a_database_not_signed_into_is_dropped(qtbot, office, tmp_path):
    other = open_for_use(str(tmp_path / "first-start.sqlite3"))
    window = waiting_window(qtbot)
    window.prepare_panel("groups", other)  # the welcome then chose the demo database instead
    built = window.panel("groups")
    window.attach(AppContext(db=office))
    assert window.panel("groups") is None and window.stack.indexOf(built) == -1
    assert window.show_panel("groups").model.rowCount() == 1
    other.close()


def test_start_up_builds_the_first_panel_behind_the_sign_in_and_fills_it_after(qtbot, office):
    seen = {}

    def sign_in(dialog):
        window = dialog.parent()
        try:  # the database opened behind the dialog, and the panel was built
            qtbot.waitUntil(lambda: window.panel("groups") is not None)
        except AssertionError:
            dialog.reject()  # a failure here must not leave the dialog waiting for ever
            return
        panel = window.panel("groups")
        seen["behind"] = (panel.isVisible(), panel.isEnabled(), panel.model.rowCount())
        dialog.username.setText("staff")
        dialog.password.setText("staff-pass-1")
        dialog.try_sign_in()
        QTimer.singleShot(0, lambda: look_and_close(window, panel))

    def look_and_close(window, panel):
        seen["after"] = (window.panel("groups") is panel, panel.isEnabled(), panel.model.rowCount())
        window.close()

    when_dialog_opens(sign_in)
    assert run_gui(str(office.path)) == 0
    assert seen.get("behind") == (True, False, 0)
    assert seen["after"] == (True, True, 1)


def test_an_early_sign_in_still_opens_the_first_panel(qtbot, office):
    window = waiting_window(qtbot)

    def sign_in(dialog):
        dialog.username.setText("staff")
        dialog.password.setText("staff-pass-1")
        dialog.sign_in.click()

    when_dialog_opens(sign_in)
    opening = open_behind_sign_in(window, str(office.path))
    db, actor, lock = start_session(opening, offer_demo=False, parent=window)
    try:
        window.attach(AppContext(db=db, actor=actor))
        assert window.show_panel("groups").model.rowCount() == 1
    finally:
        lock.release()
        db.close()


def test_the_dashboard_built_before_sign_in_draws_its_charts_and_reads_nothing(qtbot, office):
    """A supervisor who left the program on the Dashboard: while the password is typed its
    charts are built (their library loads on a worker thread), but no figure is read until
    somebody has signed in; then the same panel reads and shows them."""
    window = waiting_window(qtbot)
    seen: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        seen.append(statement)

    event.listen(office.engine, "before_cursor_execute", record)
    try:
        window.prepare_panel("dashboard", office)
        panel = window.panel("dashboard")
        window.stack.setCurrentWidget(panel)  # the remembered panel, behind the dialog
        qtbot.waitUntil(lambda: panel.charts_built, timeout=30_000)
        qtbot.wait(100)  # paints and timers after the last chart: still nothing read
    finally:
        event.remove(office.engine, "before_cursor_execute", record)
    assert seen == []
    assert [tile.value.text() for tile in panel.tiles.tiles] == ["–"] * 6
    assert not panel.isEnabled() and panel.board is None
    assert not panel.busy.isVisible()  # no "Reading the figures…": nothing is read yet

    with office.session() as s:
        supervisor = actor_for(s.scalar(select(User).where(User.username == "sup")))
    with qtbot.waitSignal(panel.refreshed, timeout=30_000):
        window.attach(AppContext(db=office, actor=supervisor))
    assert window.panel("dashboard") is panel and panel.isEnabled()
    assert panel.board is not None
    assert panel.tiles.tiles[0].value.text() == panel.board.figures[0].value_text()
    assert panel.export_button.isEnabled() and panel.print_button.isEnabled()
