"""A restore holds the database to itself (issue 14, item 2): nothing saved by another program
during a restore is lost, and a restore never runs under another open copy of the program."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mwp_desktop.cli import main
from mwp_desktop.services.admin import backups, instance_lock, restore, users
from mwp_desktop.services.admin.database import open_for_use
from tests.all_records import all_records, participant_codes_in
from tests.builders.accounts import add_user_accounts, sign_in_for_commands
from tests.builders.small_office import add_small_office

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def office(data_dir, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)
    path = data_dir / "office.sqlite3"
    db = open_for_use(str(path))
    with db.session() as s:
        add_small_office(s)
        actors = add_user_accounts(s, roles=())
    yield db, actors["admin"]
    db.close()


def test_a_restore_is_refused_naming_who_has_the_database_open(
    office, tmp_path, monkeypatch, capsys
):
    db, _admin = office
    backup = backups.backup_database(db, tmp_path / "night.sqlite3")
    before = all_records(db)
    window = instance_lock.acquire(db.path, "fatmata")
    try:
        sign_in_for_commands(monkeypatch, "admin")
        assert main(["restore", str(backup), "--db", str(db.path)]) == 2
        assert "already open by fatmata on this computer" in capsys.readouterr().err
    finally:
        window.release()
    assert all_records(db) == before
    assert not list(backups.backups_dir().glob("*before-restore*"))


def test_the_windows_own_restore_is_not_refused_by_its_own_lock(office, tmp_path):
    db, admin = office
    backup = backups.backup_database(db, tmp_path / "night.sqlite3")
    before = all_records(db)
    window = instance_lock.acquire(db.path, admin.username)
    try:
        sqlite3.connect(db.path).execute("DELETE FROM attendance").connection.commit()
        result = restore.restore_database(db, backup, admin)
    finally:
        window.release()
    assert all_records(db) == before
    assert result.kept_copy.exists()


def test_rows_saved_by_another_program_during_a_restore_are_never_lost(
    office, tmp_path, monkeypatch
):
    db, _admin = office
    backup = backups.backup_database(db, tmp_path / "night.sqlite3")
    sign_in_for_commands(monkeypatch, "admin")
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.restore_writer", str(db.path), "4"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(1)
        # In its own process, so that a restore that never finishes fails the test instead of
        # hanging it.
        restore = subprocess.run(
            [sys.executable, "-m", "mwp_desktop", "restore", str(backup), "--db", str(db.path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        out, _ = writer.communicate(timeout=60)
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert restore.returncode == 0, restore.stderr
    committed = {line for line in out.split() if line.startswith("W-")}
    assert len(committed) > 50, "the writer should have saved before, during and after the restore"
    (kept,) = backups.backups_dir().glob("*before-restore*")
    assert committed - (participant_codes_in(db.path) | participant_codes_in(kept)) == set()
