"""Test set-up shared by every test: Qt without a screen, and a fresh data folder per test."""

import gc
import json
import os
import shutil
import tempfile
from pathlib import Path

# Before anything imports Qt: the tests run without a display, in CI and here, on a virtual
# 1920x1080 screen (the offscreen default of 800x600 is smaller than any office screen).
_SCREEN = Path(tempfile.gettempdir()) / "mwp-test-screen.json"
_SCREEN.write_text(
    json.dumps(
        {
            "screens": [
                {
                    "name": "Test",
                    "x": 0,
                    "y": 0,
                    "width": 1920,
                    "height": 1080,
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ]
        }
    )
)
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test writes into its own data folder; MWP_DB never leaks in from the shell."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("MWP_DATA_DIR", str(folder))
    monkeypatch.delenv("MWP_DB", raising=False)
    monkeypatch.delenv("MWP_USER", raising=False)
    monkeypatch.delenv("MWP_PASSWORD", raising=False)
    return folder


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """A new database made once per run (migrations + curricula); each test gets a copy, which is
    much faster than running the migrations for every test."""
    from mwp_desktop.services.admin.database import open_for_use

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    database = open_for_use(str(path))
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


def _new_database_url(folder: Path, request) -> str:
    """A new SQLite file in `folder` (a copy of the template), or a fresh PostgreSQL database
    when MWP_TEST_POSTGRES_URL is set (the CI step that runs the suite against PostgreSQL)."""
    server = os.environ.get("MWP_TEST_POSTGRES_URL")
    if not server:
        path = folder / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("template_database"), path)
        return str(path)
    from tests.postgres import fresh_postgres_database

    return fresh_postgres_database(server)


@pytest.fixture
def db_url(data_dir, request):
    """Where a test's database is."""
    return _new_database_url(data_dir, request)


@pytest.fixture(scope="module")
def module_db_url(tmp_path_factory, request):
    """A database shared by the tests of one module, for those that would be slow with one
    each."""
    return _new_database_url(tmp_path_factory.mktemp("shared"), request)


@pytest.fixture
def db(db_url):
    """A freshly created database at the newest schema, with the shipped curricula."""
    from mwp_desktop.services.admin.database import open_for_use

    database = open_for_use(db_url)
    yield database
    database.close()


@pytest.fixture
def fast_hashing(monkeypatch):
    """Cheap password hashes: tests sign in often, and the office's cost is for attackers."""
    from mwp_desktop.services.admin import users

    monkeypatch.setattr(users, "SCRYPT_N", 2**10)


@pytest.fixture
def command_line_staff(db, fast_hashing, monkeypatch):
    """`mwp-desktop` commands on `db` run as its office staff account, with MWP_USER and
    MWP_PASSWORD as a script would (commands that read or change records sign in)."""
    from tests.builders.accounts import add_user_accounts, sign_in_for_commands

    with db.session() as s:
        add_user_accounts(s, roles=("staff",))
    sign_in_for_commands(monkeypatch, "staff")


@pytest.fixture
def office(db, fast_hashing):
    """A small office (tests/builders/small_office.py) with an administrator (admin-pass-1),
    office staff (staff-pass-1) and a supervisor (sup-pass-12)."""
    from tests.builders.accounts import add_user_accounts
    from tests.builders.small_office import add_small_office

    with db.session() as s:
        add_small_office(s)
        add_user_accounts(s)
    return db


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application, with Python's cycle collector on its UI thread as the program
    has it (mwp_desktop/views/ui_thread_gc.py): otherwise a test's background read can destroy
    an earlier test's chart items on its worker thread and hang the run."""
    from mwp_desktop.views.ui_thread_gc import collect_on_ui_thread

    collect_on_ui_thread(qapp)
    return qapp


@pytest.fixture(autouse=True)
def collect_between_tests():
    """Between tests no event loop may run for a while: collect here, on the UI thread."""
    yield
    if not gc.isenabled():
        from PySide6.QtWidgets import QApplication

        from mwp_desktop.views.ui_thread_gc import UiThreadCollector

        collector = QApplication.instance().findChild(UiThreadCollector)
        if collector is not None:
            collector.collect_if_due()
