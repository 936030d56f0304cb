"""What a backup or a restore must never do, found by trying to break them (issue 14): write onto
the database it reads, restore a file changed since it was made, swap in a file of the wrong
shape, leave plaintext on a stick."""

import sqlite3

import pytest

from mwp_desktop.errors import UserError
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin import backups, instance_lock, restore
from tests.all_records import all_records
from tests.builders.small_office import add_small_office

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def filled(db):
    with db.session() as s:
        add_small_office(s)
    return db


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("passphrase", [None, "stick in the office drawer"])
def test_a_backup_never_writes_onto_the_database_it_reads(filled, suffix, passphrase):
    live = filled.path
    before = all_records(filled)
    target = live.with_name(live.name + suffix)
    with pytest.raises(UserError, match="onto the database it copies"):
        backups.backup_database(filled, target, passphrase)
    with pytest.raises(UserError, match="onto the database it copies"):
        backups.backup_database(filled, live.parent / "." / live.name, passphrase)
    assert all_records(filled) == before
    assert live.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_backup_never_writes_onto_an_open_mwp_database(filled, tmp_path):
    other = tmp_path / "other-office.sqlite3"
    backups.backup_database(filled, other)
    lock = instance_lock.acquire(other, "amina")
    try:
        with pytest.raises(UserError, match="is open in MWP Desktop"):
            backups.backup_database(filled, other, "a passphrase")
        assert other.read_bytes()[:16] == b"SQLite format 3\x00"
    finally:
        lock.release()
    # Once nobody has it open, it may be replaced by a newer backup.
    backups.backup_database(filled, other)


def test_a_changed_byte_in_a_plain_backup_is_refused(filled, tmp_path):
    good = backups.backup_database(filled, tmp_path / "good.sqlite3")
    data = bytearray(good.read_bytes())
    at = data.index(b"Kamara")
    data[at] = ord("K") ^ 0x20  # "kamara": still a valid file, only the name differs
    changed = tmp_path / "changed.sqlite3"
    changed.write_bytes(bytes(data))
    before = all_records(filled)
    with pytest.raises(UserError, match="changed since it was made"):
        restore.restore_database(filled, changed, SYSTEM)
    assert all_records(filled) == before
    # The unchanged backup still restores.
    restore.restore_database(filled, good, SYSTEM)
    assert all_records(filled) == before


def test_every_backup_carries_a_checksum(filled, tmp_path):
    from mwp_desktop.services.admin import backup_checksum

    plain = backups.backup_database(filled, tmp_path / "plain.sqlite3")
    assert backup_checksum.matches(plain) is True
    conn = sqlite3.connect(plain)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def _edited_backup(filled, tmp_path, *statements: str):
    """A real backup changed with SQL, its checksum made again (as a careful forger would)."""
    from mwp_desktop.services.admin import backup_checksum

    path = backups.backup_database(filled, tmp_path / "edited.sqlite3")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    backup_checksum.seal(path)
    return path


@pytest.mark.parametrize(
    "statements, reason",
    [
        (["ALTER TABLE participants ADD COLUMN favourite_colour TEXT"], "schema"),
        (["ALTER TABLE participants DROP COLUMN notes"], "schema"),
        (["DROP INDEX ix_participants_phone"], "schema"),
        (["CREATE TABLE extra (x)"], "schema"),
        (["DELETE FROM participants"], "broken references"),
        (["UPDATE groups SET member_count = member_count + 3"], "counts"),
    ],
)
def test_a_backup_of_the_wrong_shape_is_refused_before_the_swap(
    filled, tmp_path, statements, reason
):
    edited = _edited_backup(filled, tmp_path, *statements)
    before = all_records(filled)
    with pytest.raises(UserError, match=reason) as refused:
        restore.restore_database(filled, edited, SYSTEM)
    assert f"the records in {filled.path} are as they were" in str(refused.value)
    assert all_records(filled) == before


def test_a_file_holding_only_a_schema_version_is_refused(filled, tmp_path):
    from mwp_desktop.services.admin import backup_checksum

    bare = tmp_path / "bare.sqlite3"
    conn = sqlite3.connect(bare)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('0001_initial')")
    conn.commit()
    conn.close()
    backup_checksum.seal(bare)
    before = all_records(filled)
    with pytest.raises(UserError, match="schema"):
        restore.restore_database(filled, bare, SYSTEM)
    assert all_records(filled) == before


@pytest.mark.parametrize(
    "n, r, p", [(3, 8, 1), (2**31, 8, 1), (2**20, 16, 1), (2**15, 0, 1), (2**15, 8, 0), (1, 1, 1)]
)
def test_a_tampered_encrypted_header_gives_one_clear_sentence(filled, tmp_path, n, r, p):
    import struct

    from mwp_desktop.services.admin import backup_crypto

    good = backups.backup_database(filled, tmp_path / "stick.mwpbackup", "right horse")
    data = bytearray(good.read_bytes())
    at = len(backup_crypto.MAGIC) + 16 + 8
    data[at : at + 12] = struct.pack(">III", n, r, p)
    tampered = tmp_path / "tampered.mwpbackup"
    tampered.write_bytes(bytes(data))
    before = all_records(filled)
    with pytest.raises(UserError, match=r"^tampered.mwpbackup is damaged \(its key settings"):
        restore.restore_database(filled, tampered, SYSTEM, "right horse")
    assert all_records(filled) == before


@pytest.mark.parametrize("sealed", [True, False])
def test_flipped_bytes_in_a_plain_backup_give_one_clear_sentence(filled, tmp_path, sealed):
    import random

    from mwp_desktop.models.database import SCHEMA_HEAD

    good = backups.backup_database(filled, tmp_path / "good.sqlite3")
    data = bytearray(good.read_bytes())
    if sealed:
        chance = random.Random(14)
        for at in chance.sample(range(100, len(data)), 50):
            data[at] ^= 0xFF
    else:  # as made before backups carried a checksum, its text no longer UTF-8
        data[60:64] = data[68:72] = bytes(4)
        at = data.index(SCHEMA_HEAD.encode())
        data[at : at + 4] = b"\xff\xfe\xff\xfe"
    flipped = tmp_path / "flipped.sqlite3"
    flipped.write_bytes(bytes(data))
    before = all_records(filled)
    with pytest.raises(UserError, match="changed since it was made|is damaged") as refused:
        restore.restore_database(filled, flipped, SYSTEM)
    assert "Error" not in str(refused.value)
    assert all_records(filled) == before


SQLITE = b"SQLite format 3\x00"


def _plaintext_files(folder):
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as f:
                if f.read(16) == SQLITE:
                    found.append(path)
    return found


def test_plaintext_never_touches_the_stick_nor_the_system_temp_folder(
    filled, tmp_path, data_dir, monkeypatch
):
    import stat
    import tempfile

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    stick = tmp_path / "stick"
    stick.mkdir()
    seen = []
    real_encrypt, real_decrypt = backups.encrypt_file, restore.decrypt_file

    def watching(real):
        def step(source, target, passphrase):
            real(source, target, passphrase)
            plain = target if real is real_decrypt else source
            modes = (stat.S_IMODE(plain.stat().st_mode), stat.S_IMODE(plain.parent.stat().st_mode))
            seen.append((plain, modes, _plaintext_files(stick), _plaintext_files(system_temp)))

        return step

    monkeypatch.setattr(backups, "encrypt_file", watching(real_encrypt))
    monkeypatch.setattr(restore, "decrypt_file", watching(real_decrypt))
    target = backups.backup_database(filled, stick / "night.mwpbackup", "right horse")
    restore.restore_database(filled, target, SYSTEM, "right horse")

    assert len(seen) == 2
    for plain, modes, on_stick, in_temp in seen:
        assert on_stick == [] and in_temp == []
        assert plain.parent.parent == data_dir
        assert modes == (0o600, 0o700)  # the file, and its folder: the user's alone
    assert _plaintext_files(stick) == [] and list(stick.iterdir()) == [target]
    assert [p for p in (data_dir / "working").iterdir()] == []


def test_plaintext_left_by_a_killed_run_is_removed_at_the_next_start(data_dir, tmp_path):
    from mwp_desktop.cli import main
    from mwp_desktop.services.admin import private_temp

    working = private_temp.folder()
    left = working / "mwp-killed.sqlite3"
    left.write_bytes(SQLITE + b"names and phones")
    (working / "mwp-killed.sqlite3-journal").write_bytes(b"journal")
    with private_temp.private_file(".sqlite3") as in_use:
        in_use.write_bytes(SQLITE)
        with pytest.raises(SystemExit):
            main(["--version"])
        assert list(working.iterdir()) == [in_use]  # another running copy's file is kept


@pytest.mark.parametrize("passphrase", [None, "right horse"])
def test_the_next_backup_removes_parts_a_killed_backup_left_on_the_stick(
    filled, tmp_path, passphrase
):
    stick = tmp_path / "stick"
    stick.mkdir()
    killed = stick / ".~mwp-backup-killed.part"
    killed.write_bytes(b"MWPENC1 half of the records")
    (stick / ".~mwp-backup-killed.part-journal").write_bytes(b"half a transaction")
    with backups._part_beside(stick / "other-pc.sqlite3") as still_writing:
        backups.backup_database(filled, stick / "night.mwpbackup", passphrase)
        names = sorted(p.name for p in stick.iterdir())
    assert names == sorted(["night.mwpbackup", still_writing.name])  # another run's is kept


@pytest.mark.parametrize("passphrase", [None, "right horse"])
def test_a_failed_backup_leaves_no_part_journal(
    filled, tmp_path, data_dir, monkeypatch, passphrase
):
    stick = tmp_path / "stick"
    stick.mkdir()
    real_copy = backups._write_sqlite_copy

    def copy_then_disk_full(db, temp):
        real_copy(db, temp)
        temp.with_name(temp.name + "-journal").write_bytes(b"half a transaction")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_write_sqlite_copy", copy_then_disk_full)
    with pytest.raises(UserError, match="is full, so no backup was made"):
        backups.backup_database(filled, stick / "night.sqlite3", passphrase)
    assert list(stick.iterdir()) == []
    assert list((data_dir / "working").glob("*")) == []


def test_automatic_backups_to_the_stick_are_encrypted_once_a_passphrase_is_set(filled, tmp_path):
    from datetime import datetime

    from mwp_desktop.paths import backups_dir
    from mwp_desktop.services.admin.backup_crypto import is_encrypted

    stick = tmp_path / "stick"
    stick.mkdir()
    with filled.session() as s:
        backups.set_second_folder(s, SYSTEM, str(stick))
        assert not backups.backup_passphrase_is_set(s)
        backups.set_backup_passphrase(s, SYSTEM, "kept in the director's safe")
        assert backups.backup_passphrase_is_set(s)
    result = backups.automatic_backup(filled, datetime(2026, 5, 4, 18, 30))
    office, on_stick = result.written
    assert office.parent == backups_dir() and not is_encrypted(office)
    assert on_stick.parent == stick and is_encrypted(on_stick)
    assert b"Kamara" not in on_stick.read_bytes()
    assert _plaintext_files(stick) == []
    assert [b.path for b in backups.list_backups(stick) if b.automatic] == [on_stick]
    before = all_records(filled)
    restore.restore_database(filled, on_stick, SYSTEM, "kept in the director's safe")
    assert all_records(filled) == before
    with filled.session() as s, pytest.raises(UserError, match="at least"):
        backups.set_backup_passphrase(s, SYSTEM, "short")
