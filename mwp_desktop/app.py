"""Start-up: show the main window, open the database behind it, welcome (first run), sign in,
then fill the window.

The window comes first because opening the database means loading SQLAlchemy and the record
classes — most of a second on an old PC — and a program that shows nothing for that long gets
started twice. Nothing imports reportlab, pyqtgraph, openpyxl or Alembic on the way.

`--screenshot` skips the welcome, the sign-in and the instance lock and draws the window as the
program itself (the SYSTEM actor, an administrator), so pictures can be made unattended.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import APP_NAME, ORG_NAME, __version__
from .errors import UserError

log = logging.getLogger(__name__)
DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000  # once an hour: is today's backup made?


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from .views.style import apply_style, style_arguments
    from .views.ui_thread_gc import collect_on_ui_thread

    app = QApplication.instance()
    made_here = app is None
    if made_here:
        arguments = list(argv if argv is not None else sys.argv[:1]) or [APP_NAME]  # [0]: the name
        app = QApplication([*arguments, *style_arguments()])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    apply_style(app, style_named=made_here)
    collect_on_ui_thread(app)
    return app


def run_gui(
    db_target: str | None,
    *,
    panel: str | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
) -> int:
    """Open the main window. With `screenshot`, save a picture of it once painted and exit."""
    app = make_application()
    from .views.errors import install_exception_hook

    install_exception_hook()
    install_database_error_hook()
    if screenshot is not None:
        return _save_screenshot(app, _screenshot_window(db_target, panel, size), screenshot)

    window = show_window_frame(size)
    from .paths import is_office_database

    offer_demo = is_office_database(db_target)
    opening = open_behind_sign_in(window, db_target)
    try:
        session = start_session(opening, offer_demo=offer_demo, parent=window)
    except UserError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, APP_NAME, str(exc))
        window.close()
        raise
    if session is None:
        opening.result().close()
        window.close()
        return 0
    db, actor, lock = session
    try:
        return _run_window(app, window, db, actor, panel=panel, lock=lock)
    finally:
        if lock is not None:
            lock.release()


def show_window_frame(size: tuple[int, int] | None = None):
    """The main window shown and painted before any database work: navigation, menus, status
    line "Opening the database…". Shared with the start-up benchmark, which times this."""
    from .views.first_paint import show_and_wait_for_first_paint
    from .views.main_window import MainWindow

    window = MainWindow()
    if size is not None:
        window.resize(*size)
    # A window started minimised is never painted: go on after a moment rather than wait.
    show_and_wait_for_first_paint(window, timeout_ms=1_500)
    return window


def open_behind_sign_in(window, db_target: str | None):
    """Start opening the database on a worker thread (views/database_opening.py says why); once
    it is open, and while the person types, the status line names it and the first panel is
    built, empty (MainWindow.prepare_panel), so signing in leaves only the password check and
    the panel's own reads to wait for. Shared with the start-up benchmark."""
    from .views.database_opening import DatabaseOpening

    opening = DatabaseOpening(db_target, window)

    def opened() -> None:
        if opening.failed is None:
            window.show_waiting(f"Sign in to open {opening.result().describe()}")
            window.prepare_panel(window.last_panel(), opening.result())

    opening.finished.connect(opened)
    return opening


def database_error_message(value: BaseException) -> str | None:
    """Plain words for a database error the user can act on, or None for a real fault."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(value, DBAPIError):
        return None
    text = str(value.orig).lower()
    if "readonly" in text or "read-only" in text:
        return (
            "This copy of the program opened the database read-only, because it is open "
            "elsewhere: nothing was changed. Close the other copy to make changes."
        )
    if (
        value.connection_invalidated
        or "server closed the connection" in text
        or ("connection" in text and ("refused" in text or "timeout" in text or "lost" in text))
    ):
        return (
            "The connection to the office database was lost, so this was not saved. What you "
            "typed is still on screen: check the network cable or Wi-Fi, then try again — the "
            "program reconnects by itself."
        )
    if "database is locked" in text:
        return "Another program is saving to the database just now; try again in a moment."
    return None


def install_database_error_hook() -> None:
    """Put plain messages in front of the general error hook for database trouble."""
    general = sys.excepthook

    def hook(kind, value, tb):
        message = database_error_message(value)
        if message is None:
            general(kind, value, tb)
            return
        from PySide6.QtWidgets import QApplication, QMessageBox

        log.warning("database error shown to the user: %s", kind.__name__)
        QMessageBox.warning(QApplication.activeWindow(), APP_NAME, message)

    sys.excepthook = hook


def start_session(db, *, offer_demo: bool, parent=None):
    """Welcome (first run), sign-in and the instance lock. (db, actor, lock) or None to quit.

    `db` is an open database, or a `DatabaseOpening` still under way: the sign-in dialog is then
    shown at once and the opening's error, if any, raised from here. The dialogs open over
    `parent`, the main window waiting behind them."""
    from .views.database_opening import DatabaseOpening
    from .views.login import LoginDialog

    opening = db if isinstance(db, DatabaseOpening) else None
    if opening is not None and not _may_have_accounts(opening.target):
        db, opening = opening.result(), None  # a first start: the welcome needs it open
    actor = None
    if opening is None:
        db, actor = _welcome_if_first_run(db, offer_demo, parent)
        if db is None:
            return None
    if actor is None:
        login = LoginDialog(opening or db, parent)
        accepted = login.exec() == LoginDialog.Accepted
        if opening is not None:
            if login.opening_failed is not None:
                raise login.opening_failed
            db = opening.result()  # cancelled while opening: a migration is never cut short
            if login.first_run:
                return start_session(db, offer_demo=offer_demo, parent=parent)
        if not accepted:
            return None
        actor = login.actor
    from .services.admin.instance_lock import DatabaseInUse, acquire, make_read_only

    lock = None
    if db.is_sqlite:
        try:
            lock = acquire(db.path, actor.username)
        except DatabaseInUse as exc:
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                parent,
                APP_NAME,
                f"{exc}\n\nTwo people changing the same records at once can undo each other's "
                "work. Open it read-only, to look and print without changing anything?",
                QMessageBox.Open | QMessageBox.Cancel,
            )
            if answer != QMessageBox.Open:
                return None
            make_read_only(db)
    return db, actor, lock


def _may_have_accounts(target: str | None) -> bool:
    """False when the database file is not there yet: the program's very first start."""
    from .paths import database_target

    where = database_target(target)
    return "://" in where or Path(where).exists()


def _welcome_if_first_run(db, offer_demo: bool, parent):
    """(db, actor): the first administrator made in the welcome, or no actor when there are
    accounts already (or the demo was chosen, to sign in with one of its accounts); db is None
    when the welcome was cancelled."""
    from PySide6.QtWidgets import QMessageBox

    from .services.admin.database import open_for_use
    from .services.admin.first_run import needs_first_admin, prepare_demo_database
    from .views.welcome import WelcomeDialog

    if not needs_first_admin(db):
        return db, None
    welcome = WelcomeDialog(db, parent, ask_choice=offer_demo)
    if welcome.exec() != WelcomeDialog.Accepted:
        return None, None
    if not welcome.explore_demo:
        return db, welcome.actor
    try:
        demo_path = _with_progress("Making the demo data…", prepare_demo_database, parent)
    except UserError as exc:
        QMessageBox.warning(parent, APP_NAME, str(exc))
        return db, welcome.actor
    db.close()
    return open_for_use(demo_path), None  # sign in with one of the demo accounts listed


def _with_progress(title: str, work, parent=None):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog

    dialog = QProgressDialog(title, None, 0, 100, parent)
    dialog.setWindowModality(Qt.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()

    def progress(stage: str, fraction: float) -> None:
        dialog.setLabelText(stage)
        dialog.setValue(int(fraction * 100))
        QApplication.processEvents()

    try:
        return work(progress)
    finally:
        dialog.close()


def build_main_window(db, actor=None, panel: str | None = None, size=None):
    """The main window on an open database, on the chosen (or last used) panel: for pictures,
    tests and the memory benchmark, which need no sign-in."""
    from .services.actor import SYSTEM
    from .views.main_window import MainWindow
    from .views.shared.context import AppContext

    window = MainWindow(AppContext(db=db, actor=actor or SYSTEM))
    if size is not None:
        window.resize(*size)
    window.show_panel(panel or window.last_panel())
    return window


def _screenshot_window(db_target: str | None, panel: str | None, size):
    from .services.admin.database import open_for_use

    window = build_main_window(open_for_use(db_target), None, panel, size)
    window.show()
    return window


def _run_window(app, window, db, actor, *, panel, lock) -> int:
    """Fill the waiting window for the person signed in, then run until it closes."""
    from .views.shared.context import AppContext

    read_only = lock is None and db.is_sqlite
    window.attach(AppContext(db=db, actor=actor), read_only=read_only)
    _start_guards(window, db, actor, writable=not read_only)
    window.signed_in.connect(lambda next_actor: _follow_sign_in(window, lock, next_actor))
    window.show_panel(panel or window.last_panel())
    try:
        return app.exec()
    finally:
        if getattr(window, "backup_at_close", False):
            backup_at_close(db)
        db.close()


def _follow_sign_in(window, lock, actor) -> None:
    """After File → Sign out, the lock file and the idle lock name the person now working."""
    if lock is not None:
        lock.set_user(actor.username)
    idle_lock = getattr(window, "idle_lock", None)
    if idle_lock is not None:
        idle_lock.actor = actor


def _start_guards(window, db, actor, *, writable: bool) -> None:
    """The idle lock, and backups once a day and when the window closes."""
    from PySide6.QtCore import QTimer

    from .services.admin.settings import get_setting
    from .views.idle_lock import IdleLock

    with db.session() as session:
        minutes = get_setting(session, "idle_lock_minutes")
    if minutes and minutes > 0:
        window.idle_lock = IdleLock(window, actor, minutes)
    if not writable or not db.is_sqlite:
        return  # an office server is backed up on the server; read-only copies are not ours

    def daily() -> None:
        from .services.admin.backups import automatic_backup, backup_due

        if backup_due(db):
            _report_backup(window, automatic_backup(db))

    timer = QTimer(window)
    timer.setInterval(DAILY_BACKUP_CHECK_MS)
    timer.timeout.connect(daily)
    timer.start()
    QTimer.singleShot(5_000, daily)
    window.backup_at_close = True


def _report_backup(window, result) -> None:
    if result.problems:
        log.warning("automatic backup problems: %s", "; ".join(result.problems))
        window.statusBar().showMessage("Backup problem: " + result.problems[0], 30_000)
    elif result.written:
        window.statusBar().showMessage(f"Backed up to {result.written[0].parent}", 10_000)


def backup_at_close(db) -> None:
    """The closing backup: quietly, problems to the log (the window is already gone)."""
    from .services.admin.backups import automatic_backup

    try:
        result = automatic_backup(db)
    except Exception:  # noqa: BLE001 - never lose the user's exit to a backup fault
        log.exception("the backup at close failed")
        return
    for problem in result.problems:
        log.warning("backup at close: %s", problem)


def _save_screenshot(app, window, path: Path) -> int:
    from PySide6.QtTest import QTest

    QTest.qWaitForWindowExposed(window, 5000)
    # Let queued work (status counts, lazy panels) finish and the window repaint.
    for _ in range(5):
        app.processEvents()
        QTest.qWait(50)
    # A panel that computes in the background (the dashboard) says so with `busy_now`;
    # the picture should show its result, not "working…".
    panel = window.stack.currentWidget()
    for _ in range(600):
        if not getattr(panel, "busy_now", False):
            break
        QTest.qWait(50)
    QTest.qWait(50)
    image = window.grab()
    if not image.save(str(path)):
        raise UserError(f"The picture could not be saved to {path}.")
    window.close()
    window.context.db.close()
    return 0
