"""Test set-up shared by every test: Qt without a screen, and a fresh data folder per test."""

import os
import shutil

# Before anything imports Qt: the tests run without a display, in CI and here.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
    from mwp_desktop.services.database import open_for_use

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    database = open_for_use(str(path))
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def db_url(data_dir, request):
    """Where a test's database is: a new SQLite file, or a fresh PostgreSQL database when
    MWP_TEST_POSTGRES_URL is set (the CI step that runs the suite against PostgreSQL)."""
    server = os.environ.get("MWP_TEST_POSTGRES_URL")
    if not server:
        path = data_dir / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("template_database"), path)
        return str(path)
    from tests.postgres import fresh_postgres_database

    return fresh_postgres_database(server)


@pytest.fixture
def db(db_url):
    """A freshly created database at the newest schema, with the shipped curricula."""
    from mwp_desktop.services.database import open_for_use

    database = open_for_use(db_url)
    yield database
    database.close()
