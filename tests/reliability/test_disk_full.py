"""A full disk: every save, the import and opening say "The disk is full; nothing was saved."
in one sentence, never a raw database error, and nothing half-written stays.

SQLite is made to report a full disk for real: each new connection caps the file at the pages
it already has (`PRAGMA max_page_count`), after a VACUUM left no free page inside it."""

import shutil
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, select

from mwp_desktop.cli import main
from mwp_desktop.errors import DatabaseOpenError, UserError
from mwp_desktop.models import Participant
from mwp_desktop.models import database as database_module
from mwp_desktop.models.database import open_database
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.registration.participant_import import (
    load_source,
    plan_import,
    run_import,
)
from mwp_desktop.services.registration.participants import ParticipantInput, register_participant
from mwp_desktop.views.shared import operations
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.operations import Changed
from tests.builders.accounts import ACCOUNTS, add_user_accounts
from tests.builders.people import numbered_surname

pytestmark = pytest.mark.sqlite_only

FULL = "The disk is full; nothing was saved."


@pytest.fixture
def full_disk(monkeypatch):
    """`full_disk()`: from then on, every database opened finds the disk full.
    `full_disk(db)`: the same, and `db` is opened again (returned) with no room left in it."""
    usual = database_module._sqlite_pragmas

    def no_room_left(dbapi_connection, record):
        usual(dbapi_connection, record)
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        cursor.close()

    def fill(db=None):
        if db is not None:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("VACUUM")  # no free page left inside the file either
            db.close()
        monkeypatch.setattr(database_module, "_sqlite_pragmas", no_room_left)
        return open_database(db.target()) if db is not None else None

    return fill


def participants(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Participant.id)))


def a_list(tmp_path, rows=300):
    path = tmp_path / "list.csv"
    lines = [f"Man{chr(65 + n % 26)} {numbered_surname(n)},M,{20 + n % 40}" for n in range(rows)]
    path.write_text("Name,Sex,Age\n" + "\n".join(lines) + "\n")
    return path


def test_an_import_on_a_full_disk_says_so_and_saves_nothing(db, full_disk, tmp_path):
    db = full_disk(db)
    try:
        with pytest.raises(UserError) as refused, db.session() as s:
            run_import(s, SYSTEM, plan_import(s, load_source(a_list(tmp_path))))
        assert str(refused.value).startswith(FULL)
        assert "SQL" not in str(refused.value) and "OperationalError" not in str(refused.value)
        assert participants(db) == 0
    finally:
        db.close()


def test_the_import_command_on_a_full_disk_says_so(data_dir, fast_hashing, full_disk, tmp_path,
                                                    monkeypatch, capsys):  # fmt: skip
    path = data_dir / "office.sqlite3"
    db = open_for_use(str(path))
    with db.session() as s:
        add_user_accounts(s, roles=())
    username, _name, password = ACCOUNTS["admin"]
    monkeypatch.setenv("MWP_USER", username)
    monkeypatch.setenv("MWP_PASSWORD", password)
    full_disk(db).close()
    status = main(["import", "participants", str(a_list(tmp_path)), "--db", str(path)])
    err = capsys.readouterr().err
    assert status == 2
    assert FULL in err and "SQL" not in err and "unexpected" not in err


def test_a_save_in_the_window_on_a_full_disk_says_so(db, full_disk, qtbot, monkeypatch):
    db = full_disk(db)
    shown = []
    for kind in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda parent, title, text, k=kind: shown.append(
            (k, text)))  # fmt: skip
    parent = QWidget()
    qtbot.addWidget(parent)
    # Notes longer than a page need new pages, which a full disk cannot give.
    man = ParticipantInput("Abu", "Kamara", "M", "30", notes="Met the facilitator. " * 1000)
    try:
        done = operations.change(
            parent, AppContext(db=db),
            lambda s, actor: register_participant(s, actor, man),
            changes=Changed.PARTICIPANTS,
        )  # fmt: skip
        assert not done
        assert len(shown) == 1 and shown[0][0] == "warning" and shown[0][1].startswith(FULL)
        assert participants(db) == 0
    finally:
        db.close()


def test_opening_a_new_database_on_a_full_disk_says_so(full_disk, data_dir):
    full_disk()
    with pytest.raises(DatabaseOpenError) as refused:
        open_database(str(data_dir / "new.sqlite3"))
    assert str(refused.value).startswith(FULL)


def test_a_disk_io_error_opening_a_file_on_a_full_disk_says_the_disk_is_full(
    db, data_dir, monkeypatch
):
    """SQLite reports only "disk I/O error" when it cannot make its journal files on a full disk;
    with no room left in the folder, that is said as a full disk too, and otherwise it is not."""
    path = db.path
    db.close()

    def cannot_write_journal(dbapi_connection, _record):
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 10 | (4 << 8)  # SQLITE_IOERR_WRITE
        raise error

    monkeypatch.setattr(database_module, "_sqlite_pragmas", cannot_write_journal)
    with pytest.raises(DatabaseOpenError) as other_fault:
        open_database(str(path))
    assert "disk I/O error" in str(other_fault.value)

    room = shutil.disk_usage(data_dir)
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: room._replace(free=4096))
    with pytest.raises(DatabaseOpenError) as refused:
        open_database(str(path))
    assert str(refused.value).startswith(FULL)
