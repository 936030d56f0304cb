"""Start-up as the office sees it: the window first, then the database behind it, then sign-in
over the waiting window, then the records."""

import json
import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.app import run_gui, start_session
from mwp_desktop.errors import UserError
from mwp_desktop.views.database_opening import DatabaseOpening
from mwp_desktop.views.login import LoginDialog
from mwp_desktop.views.main_window import MainWindow

from .modal import make_first_administrator, when_dialog_opens


def in_a_fresh_program(script: str, data_dir, *args: str, env=None):
    """What `script` prints last, as JSON, run in a new Python process (nothing loaded yet)."""
    env = dict(env or os.environ, QT_QPA_PLATFORM="offscreen", MWP_DATA_DIR=str(data_dir))
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_the_window_is_painted_before_the_database_layer_is_loaded(tmp_path):
    # `mwp-desktop --db FILE` itself, stopped the moment its window has painted: all it does
    # first runs (the log, the clean-up after a killed run, the error hooks). Its clean-up once
    # loaded SQLAlchemy and every mapped class on the way, 0.4 s before the window, unseen by a
    # check that called the window's steps one by one.
    working = tmp_path / "working"
    working.mkdir()
    (working / "mwp-left-by-a-killed-backup.sqlite3").write_bytes(b"decrypted records")
    script = (
        "import json, os, sys\n"
        "import mwp_desktop.app as program\n"
        "from mwp_desktop.cli import main\n"
        "frame = program.show_window_frame\n"
        "def painted(*args, **kwargs):\n"
        "    window = frame(*args, **kwargs)\n"
        "    print(json.dumps({'sqlalchemy': 'sqlalchemy' in sys.modules,\n"
        "        'visible': window.isVisible(), 'status': window.database_label.text(),\n"
        "        'nav': window.nav.isEnabled()}), flush=True)\n"
        "    os._exit(0)\n"
        "program.show_window_frame = painted\n"
        "main(['--db', 'office.sqlite3'])\n"
    )
    seen = in_a_fresh_program(script, tmp_path)
    assert list(working.iterdir()) == []  # the clean-up did run
    assert seen == {
        "sqlalchemy": False,
        "visible": True,
        "status": "Opening the database…",
        "nav": False,
    }


def test_the_program_looks_the_same_whatever_style_the_system_would_give(tmp_path):
    # Windows gives its own style unless told; here the system is made to offer another one.
    script = (
        "import json\n"
        "from PySide6.QtWidgets import QStyle, QStyleFactory\n"
        "from mwp_desktop.app import make_application\n"
        "app = make_application([])\n"
        "frame = lambda style: style.pixelMetric(QStyle.PM_DefaultFrameWidth)\n"
        "print(json.dumps([frame(app.style()), frame(QStyleFactory.create('Fusion')),\n"
        "    frame(QStyleFactory.create('Windows'))]))\n"
    )
    env = dict(os.environ, QT_STYLE_OVERRIDE="Windows")
    ours, fusion, windows = in_a_fresh_program(script, tmp_path, env=env)
    assert fusion != windows  # the two styles tell apart
    assert ours == fusion


def test_sign_in_appears_over_the_waiting_window_which_then_shows_the_records(qtbot, office):
    seen = {}

    def sign_in(dialog):
        window = dialog.parent()
        seen["dialog"] = type(dialog)
        panels = [window.stack.widget(i) for i in range(window.stack.count())]
        rows = sum(panel.model.rowCount() for panel in panels)  # the first may be built, empty
        seen["behind"] = (type(window), window.isVisible(), window.context, rows)
        qtbot.waitUntil(lambda: dialog.context is not None)  # the database opened behind it
        seen["waiting"] = window.database_label.text()
        dialog.username.setText("staff")
        dialog.password.setText("staff-pass-1")
        dialog.try_sign_in()
        QTimer.singleShot(0, lambda: look_and_close(window))

    def look_and_close(window):
        seen["title"] = window.windowTitle()
        seen["panel"] = window.current_panel_key()
        seen["built"] = window.panel("groups") is not None and window.panel("groups").isVisible()
        seen["status"] = [label.text() for label in window.statusBar().findChildren(type(
            window.counts_label))]  # fmt: skip
        window.close()

    when_dialog_opens(sign_in)
    assert run_gui(str(office.path)) == 0
    assert seen["dialog"] is LoginDialog
    assert seen["behind"] == (MainWindow, True, None, 0)  # nothing of the records before it
    assert seen["waiting"] == f"Sign in to open {office.path}"
    assert seen["title"] == f"MWP Desktop — {office.path}"
    assert seen["panel"] == "groups" and seen["built"]
    assert "Signed in: staff (Office staff)" in seen["status"]
    assert f"Database: {office.path}" in seen["status"]


def test_cancelling_sign_in_closes_the_window_and_quits(qtbot, office):
    windows = []

    def cancel(dialog):
        windows.append(dialog.parent())
        dialog.reject()

    when_dialog_opens(cancel)
    assert run_gui(str(office.path)) == 0
    assert len(windows) == 1 and not windows[0].isVisible()


def test_a_file_that_is_not_a_database_is_refused_over_the_window(qtbot, tmp_path, monkeypatch):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list: rice, palm oil")
    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text: shown.append((parent, text))
    )
    with pytest.raises(UserError) as refused:
        run_gui(str(notes))
    parent, text = shown[0]
    assert isinstance(parent, MainWindow) and not parent.isVisible()
    assert text == str(refused.value)
    assert notes.read_text() == "shopping list: rice, palm oil"


# Loaded only when the user asks for what needs them: the dashboard's charts (pyqtgraph), a
# document (reportlab, Pillow, the PDF viewer) or a workbook (openpyxl). Each costs a tenth of
# a second or more, paid by whoever waits for a panel that shows none of it.
HEAVY = ("pyqtgraph", "numpy", "reportlab", "PIL", "openpyxl", "alembic", "PySide6.QtPdf")


def test_no_panel_but_the_dashboard_loads_chart_document_or_workbook_libraries(tmp_path, office):
    # Start-up as `mwp-desktop --db FILE` does, then each panel opened in turn; what is loaded
    # is noted as it first paints (the Printing panel loads reportlab once it is on screen,
    # so that the first document opens sooner: after, not before).
    script = (
        "import json, sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from mwp_desktop.app import make_application, show_window_frame\n"
        "from mwp_desktop.services.actor import SYSTEM\n"
        "from mwp_desktop.services.admin.database import open_for_use\n"
        "from mwp_desktop.views.first_paint import show_and_wait_for_first_paint\n"
        "from mwp_desktop.views.panels import PANEL_KEYS\n"
        "from mwp_desktop.views.shared.context import AppContext\n"
        "app = make_application([])\n"
        "window = show_window_frame()\n"
        "window.attach(AppContext(db=open_for_use(sys.argv[1]), actor=SYSTEM))\n"
        "loaded = {}\n"
        "class AtFirstPaint(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Paint and self.key not in loaded:\n"
        f"            heavy = [m for m in sys.modules if m.startswith({HEAVY!r})]\n"
        "            loaded[self.key] = sorted(heavy)\n"
        "        return False\n"
        "watch = AtFirstPaint()\n"
        # Printing last: what it loads after its paint is not another panel's doing.
        "for key in sorted(PANEL_KEYS, key=lambda key: key == 'printing'):\n"
        "    if key == 'dashboard':\n"
        "        continue\n"
        "    watch.key, panel = key, window.show_panel(key)\n"
        "    panel.installEventFilter(watch)\n"
        "    show_and_wait_for_first_paint(window, panel)\n"
        "print(json.dumps(loaded))\n"
    )
    loaded = in_a_fresh_program(script, tmp_path, str(office.path))
    assert loaded == {key: [] for key in loaded}
    assert set(loaded) == {"groups", "participants", "sessions", "printing", "settings"}


@pytest.fixture
def slow_opening(monkeypatch):
    """The database layer opens a file only once `release` is set: a slow disk, held open."""
    import mwp_desktop.services.admin.database as database

    release = threading.Event()
    really_open = database.open_for_use

    def open_when_released(target):
        assert release.wait(10), "the test never let the database open"
        return really_open(target)

    monkeypatch.setattr(database, "open_for_use", open_when_released)
    return release


def test_the_person_types_while_the_database_opens_and_an_early_sign_in_waits(
    qtbot, office, slow_opening
):
    seen = {}

    def type_and_press(dialog):
        seen["while opening"] = (dialog.heading.text(), dialog.explanation.text())
        dialog.username.setText("staff")
        dialog.password.setText("staff-pass-1")
        dialog.sign_in.click()
        seen["after Sign in"] = (dialog.isVisible(), dialog.sign_in.isEnabled())
        slow_opening.set()

    when_dialog_opens(type_and_press)
    db, actor, lock = start_session(DatabaseOpening(str(office.path)), offer_demo=False)
    try:
        assert seen["while opening"] == ("MWP Desktop", "Opening the database…")
        assert seen["after Sign in"] == (True, False)  # still there, Sign in pressed once
        assert actor.username == "staff" and db.path == office.path
    finally:
        lock.release()
        db.close()


def test_the_database_starts_opening_once_the_dialog_is_on_screen(qtbot, office, monkeypatch):
    order = []
    start = DatabaseOpening.start
    monkeypatch.setattr(
        DatabaseOpening, "start", lambda self: (order.append("opening"), start(self))
    )

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint:
                order.append("dialog painted")
            return False

    opening = DatabaseOpening(str(office.path))
    dialog = LoginDialog(opening)
    qtbot.addWidget(dialog)
    paints = Paints()
    dialog.installEventFilter(paints)
    assert order == []  # not with the dialog: it would slow the dialog's own drawing
    dialog.show()
    qtbot.waitUntil(lambda: dialog.context is not None)  # then opened behind it
    assert order[:2] == ["dialog painted", "opening"]
    assert dialog.explanation.text() == f"Sign in to open {office.path}."
    opening.result().close()


@pytest.mark.usefixtures("fast_hashing")
def test_the_demo_accounts_arriving_after_the_dialog_is_shown_are_not_squeezed(qtbot, db):
    from PySide6.QtWidgets import QPushButton

    from mwp_desktop.models import Facilitator
    from mwp_desktop.services.demo.accounts import add_demo_accounts

    with db.session() as s:
        s.add(Facilitator(name="Joseph Kanu", sex="M"))
        s.flush()
        add_demo_accounts(s)
    opening = DatabaseOpening(str(db.path))
    dialog = LoginDialog(opening)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.findChildren(QPushButton)) > 2)  # the accounts came
    buttons = [b for b in dialog.findChildren(QPushButton) if b.objectName().startswith("demo-")]
    assert len(buttons) == 4
    # Each as tall as its text needs: squeezed, "supervisor / demo-supervisor" lost its p's tail.
    qtbot.waitUntil(lambda: all(b.height() >= b.sizeHint().height() for b in buttons))
    opening.result().close()


def test_cancelling_while_the_database_opens_lets_the_opening_finish_first(
    qtbot, office, slow_opening
):
    def cancel(dialog):
        threading.Timer(0.05, slow_opening.set).start()  # the UI thread waits from here on
        dialog.reject()

    when_dialog_opens(cancel)
    opening = DatabaseOpening(str(office.path))
    assert start_session(opening, offer_demo=False) is None
    assert opening.done and opening.failed is None  # a migration under way is never cut short
    opening.result().close()


def test_a_database_found_without_accounts_gets_the_welcome_instead(qtbot, db):
    shown = []

    def answer(dialog):
        shown.append(type(dialog).__name__)
        if isinstance(dialog, LoginDialog):  # shown while opening; rejected once it is open
            when_dialog_opens(answer)
            return
        make_first_administrator(dialog)

    when_dialog_opens(answer)
    opened, actor, lock = start_session(DatabaseOpening(str(db.path)), offer_demo=False)
    try:
        assert shown[-1] == "WelcomeDialog" and actor.username == "fatmata"
        assert opened.path == db.path
    finally:
        lock.release()
        opened.close()
