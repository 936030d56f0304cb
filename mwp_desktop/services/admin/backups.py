"""Backups and restore.

A backup is a complete SQLite file made with SQLite's online backup API (never a file copy of an
open database, which can catch it half-written), checked, then renamed into place, so a backup
folder only ever holds whole files. A backup of an office PostgreSQL database is the same kind of
SQLite file, copied table by table, so any PC can restore it.

Automatic backups (at close and once a day) go to the backups folder and to an optional second
folder (a USB stick), and are rotated: the newest of each of the last 14 days and of each of the
last 8 weeks are kept. A full disk or a missing stick gives a clear UserError and never touches the
live database. Restoring one is restore.py's work.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Setting
from ...models.database import Database
from ...paths import backups_dir
from ..actor import Actor
from ..permissions import require
from . import audit, backup_checksum, instance_lock, private_temp
from .backup_crypto import encrypt_file, plaintext_digest

SECOND_FOLDER_KEY = "backup_second_folder"
# Kept in the database, since automatic backups are made with nobody there to type it: it protects
# the stick that leaves the office, not the office PC (whoever reads the database reads it all).
PASSPHRASE_KEY = "backup_passphrase"
PASSPHRASE_MIN = 10
KEEP_DAILY, KEEP_WEEKLY = 14, 8
AUTO_STAMP = "%Y%m%d-%H%M%S"
_AUTO_NAME = re.compile(r"^(?P<stem>.+)-auto-(?P<stamp>\d{8}-\d{6})\.(sqlite3|mwpbackup)$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    size: int
    automatic: bool


@dataclass
class AutomaticBackupResult:
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def path_is(path: Path | str, kind: str) -> bool:
    """Path.is_dir/is_file that says False, not raises, for names no disk can hold."""
    try:
        path = Path(path)
        return path.is_dir() if kind == "dir" else path.is_file()
    except (OSError, ValueError):
        return False


# -- making a backup -------------------------------------------------------------------------


def backup_database(db: Database, target: Path, passphrase: str | None = None) -> Path:
    """Write a whole, checked backup of `db` to `target`; the live database is only read, and an
    existing `target` is replaced only once the new file is complete and checked."""
    target = Path(target).expanduser().absolute()
    folder = target.parent
    if not path_is(folder, "dir"):
        raise UserError(
            f"The folder {folder} is not there, so no backup was made. "
            "If it is on a USB stick, plug the stick in and try again."
        )
    _refuse_writing_onto_a_database(db, target)
    try:
        _remove_abandoned_parts(folder)
        if passphrase:
            _write_encrypted(db, target, passphrase)
        else:
            _write_plain(db, target)
    except (OSError, sqlite3.Error) as exc:
        raise UserError(_write_problem(exc, folder)) from None
    return target


def _write_plain(db: Database, target: Path) -> None:
    """Copy, seal and check beside the target, then rename over it: the folder only ever holds
    whole files (a plain backup is plaintext by the user's choice)."""
    with _part_beside(target) as temp:
        try:
            _write_sqlite_copy(db, temp)
            backup_checksum.seal(temp)
            if not backup_checksum.matches(temp):
                raise OSError(errno.EIO, "the copy read back differs from what was written")
        except BaseException:
            for leftover in private_temp.with_journals(temp):
                leftover.unlink(missing_ok=True)
            raise
    os.replace(temp, target)


def _write_encrypted(db: Database, target: Path, passphrase: str) -> None:
    """The plaintext copy is made in the private working folder; only ciphertext reaches the
    target folder, where it is checked before it replaces anything."""
    with _part_beside(target) as sealed:
        try:
            with private_temp.private_file(".sqlite3") as plain:
                _write_sqlite_copy(db, plain)
                backup_checksum.seal(plain)
                encrypt_file(plain, sealed, passphrase)
                _check_encrypted(sealed, plain, passphrase)
        except BaseException:
            sealed.unlink(missing_ok=True)
            raise
    os.replace(sealed, target)


_PART_PREFIX, _PART_SUFFIX = ".~mwp-backup-", ".part"


@contextlib.contextmanager
def _part_beside(target: Path) -> Iterator[Path]:
    """A new hidden file beside `target` for the backup being written, held while it is written
    so that the next backup into the folder can tell a part a killed run left (removed) from one
    another running copy is still writing (kept)."""
    fd, name = tempfile.mkstemp(prefix=_PART_PREFIX, suffix=_PART_SUFFIX, dir=target.parent)
    with private_temp.held(fd):
        yield Path(name)


def _remove_abandoned_parts(folder: Path) -> None:
    """Remove the half-written backups a killed run left in a backup folder (on a stick, an
    encrypted part is still a copy of the records leaving the office)."""
    for part in folder.glob(f"{_PART_PREFIX}*{_PART_SUFFIX}"):
        with contextlib.suppress(OSError):  # OSError: a running backup holds it
            private_temp.remove_unless_in_use(part)


def _refuse_writing_onto_a_database(db: Database, target: Path) -> None:
    if db.is_sqlite and any(_same_file(target, f) for f in private_temp.with_journals(db.path)):
        raise UserError(
            f"{target.name} is the database being backed up (or one of its working files): "
            "a backup is never written onto the database it copies. Choose another file name."
        )
    database = target
    for suffix in ("-journal", "-wal", "-shm"):
        if target.name.endswith(suffix):
            database = target.with_name(target.name.removesuffix(suffix))
    if instance_lock.is_open(database):
        raise UserError(
            f"{database.name} is open in MWP Desktop: a backup is never written onto an open "
            "database. Choose another file name."
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _check_encrypted(sealed: Path, plain: Path, passphrase: str) -> None:
    """Read the encrypted file back and compare it with what it should hold."""
    with plain.open("rb") as f:
        expected = hashlib.file_digest(f, "sha256").digest()
    try:
        readable = plaintext_digest(sealed, passphrase) == expected
    except UserError:
        readable = False
    if not readable:
        raise OSError(errno.EIO, "the encrypted copy read back differs from what was written")


def backup_now(db: Database, actor: Actor, target: Path, passphrase: str | None = None) -> Path:
    """A backup asked for by someone ("Back up now", `mwp-desktop backup`)."""
    require(actor, "backup")
    return backup_database(db, target, passphrase)


def _write_sqlite_copy(db: Database, temp: Path) -> None:
    if db.is_sqlite:
        source = sqlite3.connect(f"{db.path.as_uri()}?mode=ro", uri=True)
        copy = sqlite3.connect(temp)
        try:
            source.backup(copy)
            # One self-contained file: no -wal beside it on the stick.
            copy.execute("PRAGMA journal_mode = DELETE")
            result = copy.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            copy.close()
            source.close()
        if result != "ok":
            raise UserError(f"The database failed its check while being backed up: {result}")
    else:
        _copy_tables_to_sqlite(db, temp)


def _copy_tables_to_sqlite(db: Database, temp: Path) -> None:
    """PostgreSQL → a SQLite file with the same schema and rows, in one read transaction."""
    from sqlalchemy import create_engine, insert, text

    from ...models import Base

    target = create_engine(f"sqlite:///{temp}")
    try:
        Base.metadata.create_all(target)
        with db.engine.connect() as src, target.begin() as dst:
            if db.engine.dialect.name == "postgresql":
                src.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            revision = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
            dst.exec_driver_sql(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)"
            )
            dst.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": revision})
            for table in Base.metadata.sorted_tables:
                rows = src.execute(table.select().order_by(*table.primary_key.columns))
                while batch := rows.mappings().fetchmany(2000):
                    dst.execute(insert(table), [dict(r) for r in batch])
    finally:
        target.dispose()


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _write_problem(exc: BaseException, folder: Path) -> str:
    text = str(exc).lower()
    if getattr(exc, "errno", None) == errno.ENOSPC or "disk is full" in text or "no space" in text:
        return (
            f"The disk holding {folder} is full, so no backup was made. "
            "Free some space or choose another folder; your records are untouched."
        )
    reason = getattr(exc, "strerror", None) or str(exc)
    return (
        f"The backup could not be written to {folder} ({reason}). Is the USB stick still "
        "plugged in? Your records are untouched."
    )


# -- automatic backups and rotation ----------------------------------------------------------


def auto_backup_name(db: Database, now: datetime, encrypted: bool = False) -> str:
    suffix = ".mwpbackup" if encrypted else ".sqlite3"
    return f"{backup_stem(db)}-auto-{now.strftime(AUTO_STAMP)}{suffix}"


def backup_stem(db: Database) -> str:
    return db.path.stem if db.path is not None else (db.url.database or "office-server")


def backup_folders(db: Database) -> list[Path]:
    folders = [backups_dir()]
    with db.session() as session:
        second = get_second_folder(session)
    if second:
        folders.append(Path(second))
    return folders


def automatic_backup(db: Database, now: datetime | None = None) -> AutomaticBackupResult:
    """Back up into every backup folder and rotate; a missing stick is reported, not fatal.
    The second folder (a stick that leaves the office) gets encrypted backups once the office
    has set a backup passphrase."""
    now = now or datetime.now()
    result = AutomaticBackupResult()
    backups_dir().mkdir(parents=True, exist_ok=True)
    with db.session() as session:
        passphrase = _setting(session, PASSPHRASE_KEY) or None
    for index, folder in enumerate(backup_folders(db)):
        sealed_with = passphrase if index > 0 else None
        name = auto_backup_name(db, now, encrypted=sealed_with is not None)
        try:
            result.written.append(backup_database(db, folder / name, sealed_with))
            rotate_backups(folder, backup_stem(db), now)
        except UserError as exc:
            result.problems.append(str(exc))
    return result


def backup_due(db: Database, now: datetime | None = None) -> bool:
    """True when no automatic backup of this database was made today."""
    now = now or datetime.now()
    made = [b.made for b in list_backups(backups_dir()) if b.automatic and _is_of(b, db)]
    return not made or max(made).date() < now.date()


def _is_of(backup: BackupFile, db: Database) -> bool:
    match = _AUTO_NAME.match(backup.path.name)
    return bool(match) and match.group("stem") == backup_stem(db)


def list_backups(folder: Path) -> list[BackupFile]:
    """The backup files in a folder, newest first."""
    found = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        if path.name.startswith(".") or path.suffix not in (".sqlite3", ".mwpbackup"):
            continue
        match = _AUTO_NAME.match(path.name)
        try:
            stat = path.stat()
        except OSError:
            continue
        made = (
            datetime.strptime(match.group("stamp"), AUTO_STAMP)
            if match
            else datetime.fromtimestamp(stat.st_mtime)
        )
        found.append(BackupFile(path, made, stat.st_size, bool(match)))
    return sorted(found, key=lambda b: b.made, reverse=True)


def rotate_backups(folder: Path, stem: str, now: datetime | None = None) -> list[Path]:
    """Keep the newest automatic backup of each of the last 14 days and 8 weeks; delete the
    other automatic backups of this database. Manual and before-restore copies are kept."""
    autos = [
        b
        for b in list_backups(folder)
        if b.automatic and _AUTO_NAME.match(b.path.name).group("stem") == stem
    ]
    keep: set[Path] = set()
    days: set = set()
    weeks: set = set()
    for backup in autos:  # newest first, so the first of each day/week is its newest
        day = backup.made.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(backup.path)
    removed = []
    for backup in autos:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError:
                pass  # a stick pulled out mid-rotation: try again next time
    return removed


def get_second_folder(session: Session) -> str:
    return _setting(session, SECOND_FOLDER_KEY)


def _setting(session: Session, key: str) -> str:
    row = session.scalars(select(Setting).where(Setting.key == key)).first()
    return row.value if row is not None else ""


def backup_passphrase_is_set(session: Session) -> bool:
    """For Settings to say whether backups to the second folder are encrypted."""
    return bool(_setting(session, PASSPHRASE_KEY))


def set_backup_passphrase(session: Session, actor: Actor, passphrase: str) -> None:
    """Set (or, with "", remove) the passphrase of automatic backups to the second folder."""
    require(actor, "settings")
    if passphrase and len(passphrase) < PASSPHRASE_MIN:
        raise UserError(
            f"A backup passphrase needs at least {PASSPHRASE_MIN} characters; "
            "a short sentence is easy to remember and hard to guess."
        )
    row = session.scalars(select(Setting).where(Setting.key == PASSPHRASE_KEY)).first()
    was_set = row is not None and bool(row.value)
    if row is None:
        row = Setting(key=PASSPHRASE_KEY, value="")
        session.add(row)
    row.value = passphrase
    session.flush()
    audit.record(  # whether it is set, never the passphrase itself
        session,
        actor,
        "update",
        "setting",
        row.id,
        before={PASSPHRASE_KEY: "set" if was_set else "not set"},
        after={PASSPHRASE_KEY: "set" if passphrase else "not set"},
    )


def set_second_folder(session: Session, actor: Actor, folder: str) -> None:
    require(actor, "settings")
    folder = folder.strip()
    if folder and not path_is(folder, "dir"):
        raise UserError(f"The folder {folder} is not there; plug in the stick or pick another.")
    row = session.scalars(select(Setting).where(Setting.key == SECOND_FOLDER_KEY)).first()
    old = row.value if row is not None else ""
    if row is None:
        row = Setting(key=SECOND_FOLDER_KEY, value="")
        session.add(row)
    row.value = folder
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "setting",
        row.id,
        before={SECOND_FOLDER_KEY: old},
        after={SECOND_FOLDER_KEY: folder},
    )
