"""Backups and restore: whole files, checked, rotated, encrypted on request, never harming the
live database."""

import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from mwp_desktop.errors import UserError
from mwp_desktop.models import Attendance, AuditEvent, Participant
from mwp_desktop.paths import backups_dir
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin import backups, restore, users
from tests.all_records import all_records
from tests.builders.accounts import add_user_accounts
from tests.builders.small_office import add_small_office

sqlite_only = pytest.mark.sqlite_only


@pytest.fixture
def filled(db):
    with db.session() as s:
        add_small_office(s)
    return db


def _spoil(db):
    """Changes made after the backup, which the restore must undo."""
    with db.session() as s:
        s.execute(delete(Attendance).where(Attendance.status == "absent"))
        s.scalars(select(Participant)).first().first_name = "Changed"


@pytest.mark.parametrize("passphrase", [None, "stick in the office drawer"])
def test_backup_then_restore_gives_back_every_record(filled, tmp_path, passphrase):
    before = all_records(filled)
    target = tmp_path / ("night.mwpbackup" if passphrase else "night.sqlite3")
    backups.backup_now(filled, SYSTEM, target, passphrase)
    _spoil(filled)
    spoiled = all_records(filled)
    assert spoiled != before

    result = restore.restore_database(filled, target, SYSTEM, passphrase)

    assert all_records(filled) == before
    # The records as they were just before the restore are kept, whole.
    assert result.kept_copy.parent == backups_dir()
    kept = _open_plain(result.kept_copy)
    assert all_records(kept) == spoiled
    kept.close()
    with filled.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last.action == "restore" and target.name in last.summary


def _open_plain(path: Path):
    from mwp_desktop.models.database import open_database

    return open_database(str(path), create=False)


def test_encrypted_backup_needs_the_right_passphrase(filled, tmp_path):
    target = backups.backup_database(filled, tmp_path / "stick.mwpbackup", "right horse")
    assert b"Kamara" not in target.read_bytes()
    before = all_records(filled)
    with pytest.raises(UserError, match="encrypted: give its passphrase"):
        restore.restore_database(filled, target, SYSTEM)
    with pytest.raises(UserError, match="passphrase is wrong"):
        restore.restore_database(filled, target, SYSTEM, "wrong horse")
    # A file cut short on the stick is refused, not half restored.
    cut = tmp_path / "cut.mwpbackup"
    cut.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    with pytest.raises(UserError, match="damaged or not a complete backup"):
        restore.restore_database(filled, cut, SYSTEM, "right horse")
    assert all_records(filled) == before


@sqlite_only
def test_a_damaged_backup_is_refused_and_the_live_database_kept(filled, tmp_path):
    good = backups.backup_database(filled, tmp_path / "good.sqlite3")
    before = all_records(filled)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 100 : offset + 600] = os.urandom(500)
    damaged.write_bytes(bytes(data))
    with pytest.raises(UserError, match="damaged"):
        restore.restore_database(filled, damaged, SYSTEM)
    not_ours = tmp_path / "letter.sqlite3"
    not_ours.write_text("Dear donor, …")
    with pytest.raises(UserError, match="not an MWP Desktop backup"):
        restore.restore_database(filled, not_ours, SYSTEM)
    with pytest.raises(UserError, match="no backup file"):
        restore.restore_database(filled, tmp_path / "missing.sqlite3", SYSTEM)
    assert all_records(filled) == before


def test_other_programs_database_is_refused(filled, tmp_path):
    import sqlite3

    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="does not hold MWP Desktop records"):
        restore.restore_database(filled, other, SYSTEM)


def test_only_administrators_restore(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)
    good = backups.backup_database(filled, tmp_path / "good.sqlite3")
    with filled.session() as s:
        add_user_accounts(s, roles=("supervisor",))
    supervisor = users.authenticate(filled, "sup", "sup-pass-12")
    with pytest.raises(UserError, match="Supervisor accounts cannot restore a backup"):
        restore.restore_database(filled, good, supervisor)


def test_missing_stick_gives_a_clear_message(filled, tmp_path):
    before = all_records(filled)
    with pytest.raises(UserError, match="plug the stick in"):
        backups.backup_database(filled, tmp_path / "E-drive" / "mwp.sqlite3")
    assert all_records(filled) == before


@sqlite_only
def test_full_disk_gives_a_clear_message_and_leaves_no_part_file(filled, tmp_path):
    small = tmp_path / "small-stick"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("a small disk cannot be mounted here (needs root)")
    try:
        before = all_records(filled)
        with pytest.raises(UserError, match="is full, so no backup was made"):
            backups.backup_database(filled, small / "mwp.sqlite3")
        assert list(small.iterdir()) == []
        assert all_records(filled) == before
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_automatic_backup_into_both_folders_and_reports_a_missing_one(filled, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with filled.session() as s:
        backups.set_second_folder(s, SYSTEM, str(stick))
    now = datetime(2026, 5, 4, 18, 30)
    assert backups.backup_due(filled, now)
    result = backups.automatic_backup(filled, now)
    assert [p.parent for p in result.written] == [backups_dir(), stick]
    assert result.problems == []
    assert not backups.backup_due(filled, now + timedelta(hours=2))
    assert backups.backup_due(filled, now + timedelta(days=1))
    stick.rename(tmp_path / "unplugged")
    result = backups.automatic_backup(filled, now + timedelta(days=1))
    assert len(result.written) == 1 and "plug the stick in" in result.problems[0]


def test_rotation_keeps_14_daily_and_8_weekly(tmp_path):
    folder = tmp_path / "rot"
    folder.mkdir()
    start = datetime(2026, 1, 1, 17, 0)
    for day in range(120):  # four months of two backups a day
        for hour in (12, 18):
            made = start + timedelta(days=day, hours=hour - 17)
            (folder / f"mwp-auto-{made:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"x")
    (folder / "mwp-before-restore-20260101-120000.sqlite3").write_bytes(b"x")
    (folder / "demo-auto-20260101-120000.sqlite3").write_bytes(b"x")
    now = start + timedelta(days=119, hours=2)
    backups.rotate_backups(folder, "mwp", now)
    kept = sorted(
        b.made for b in backups.list_backups(folder) if b.path.name.startswith("mwp-auto")
    )
    days = {k.date() for k in kept}
    weeks = {k.isocalendar()[:2] for k in kept}
    assert len(days) == len(kept)  # only the newest of a day stays
    assert all(k.hour == 18 for k in kept)
    assert len(weeks) == 8
    last_14 = {(now - timedelta(days=i)).date() for i in range(14)}
    assert last_14 <= days
    weeks_in_last_14 = {d.isocalendar()[:2] for d in last_14}
    assert len(kept) == 14 + 8 - len(weeks_in_last_14)
    # Other databases' backups and before-restore copies are never rotated away.
    assert (folder / "mwp-before-restore-20260101-120000.sqlite3").exists()
    assert (folder / "demo-auto-20260101-120000.sqlite3").exists()


@sqlite_only
def test_backup_while_another_connection_writes(filled, tmp_path):
    """The online backup API copies a consistent database even with a writer mid-transaction."""
    import sqlite3

    writer = sqlite3.connect(filled.path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE participants SET notes = 'uncommitted'")
    target = backups.backup_database(filled, tmp_path / "during.sqlite3")
    writer.rollback()
    writer.close()
    copy = _open_plain(target)
    with copy.session() as s:
        assert s.scalar(select(func.count()).where(Participant.notes == "uncommitted")) == 0
    copy.close()
