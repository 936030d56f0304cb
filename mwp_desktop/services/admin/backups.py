"""Backups and restore.

A backup is a complete SQLite file made with SQLite's online backup API (never a file copy of an
open database, which can catch it half-written), checked, then renamed into place, so a backup
folder only ever holds whole files. A backup of an office PostgreSQL database is the same kind of
SQLite file, copied table by table, so any PC can restore it.

Automatic backups (at close and once a day) go to the backups folder and to an optional second
folder (a USB stick), and are rotated: the newest of each of the last 14 days and of each of the
last 8 weeks are kept. A full disk or a missing stick gives a clear UserError and never touches the
live database. Restore checks the candidate's integrity and schema and keeps a copy of the current
database before replacing it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Setting, User
from ...models.database import MIGRATIONS_DIR, SCHEMA_HEAD, SQLITE_HEADER, Database, open_database
from ...paths import backups_dir
from ..actor import Actor
from ..permissions import require
from . import audit, backup_checksum, backup_schema, instance_lock, private_temp
from .backup_crypto import decrypt_file, encrypt_file, is_encrypted, plaintext_digest

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
    fd, name = tempfile.mkstemp(prefix=".~mwp-backup-", suffix=".part", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        _write_sqlite_copy(db, temp)
        backup_checksum.seal(temp)
        if not backup_checksum.matches(temp):
            raise OSError(errno.EIO, "the copy read back differs from what was written")
        os.replace(temp, target)
    finally:
        for leftover in private_temp.with_journals(temp):
            leftover.unlink(missing_ok=True)


def _write_encrypted(db: Database, target: Path, passphrase: str) -> None:
    """The plaintext copy is made in the private working folder; only ciphertext reaches the
    target folder, where it is checked before it replaces anything."""
    fd, name = tempfile.mkstemp(prefix=".~mwp-backup-", suffix=".part", dir=target.parent)
    os.close(fd)
    sealed = Path(name)
    try:
        with private_temp.private_file(".sqlite3") as plain:
            _write_sqlite_copy(db, plain)
            backup_checksum.seal(plain)
            encrypt_file(plain, sealed, passphrase)
            _check_encrypted(sealed, plain, passphrase)
        os.replace(sealed, target)
    finally:
        sealed.unlink(missing_ok=True)


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
    return f"{_stem(db)}-auto-{now.strftime(AUTO_STAMP)}{suffix}"


def _stem(db: Database) -> str:
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
            rotate_backups(folder, _stem(db), now)
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
    return bool(match) and match.group("stem") == _stem(db)


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


# -- restore ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    kept_copy: Path
    revision: str


def check_backup_file(path: Path) -> str:
    """The schema revision of a plain backup file, or UserError saying why it cannot be used:
    it must be a whole SQLite file with exactly the tables, columns and indexes of a schema this
    program knows, no broken references, and stored counts that agree with their rows."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise UserError(f"{name} cannot be read ({exc.strerror or exc}).") from None
    if header != SQLITE_HEADER:
        raise UserError(f"{name} is not an MWP Desktop backup.")
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            revision = _check_contents(conn, name)
        finally:
            conn.close()
        if revision == SCHEMA_HEAD:
            _check_stored_counts(path, name)
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        raise UserError(f"{name} is damaged; it was not restored.") from None
    return revision


def _check_contents(conn: sqlite3.Connection, name: str) -> str:
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise UserError(f"{name} is damaged (its pages do not fit together); it was not restored.")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        raise UserError(f"{name} does not hold MWP Desktop records.")
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None:
        raise UserError(f"{name} does not hold MWP Desktop records.")
    revision = str(revision[0])
    if not _known_revision(revision):
        raise UserError(
            f"{name} was made by a newer version of MWP Desktop (schema {revision}); "
            "install the newer version to restore it."
        )
    differ = backup_schema.differences(
        backup_schema.shape_of(conn), backup_schema.expected_shape(revision)
    )
    if differ:
        raise UserError(
            f"{name} says it is of schema {revision} but its tables are not those of that "
            f"schema (they differ in {', '.join(differ[:5])}); it was not restored."
        )
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise UserError(
            f"{name} has {len(broken)} broken references between its records; it was not restored."
        )
    return revision


def _check_stored_counts(path: Path, name: str) -> None:
    from sqlalchemy import create_engine

    from ...models.stored_counts import wrong_counts

    uri = f"{path.absolute().as_uri()}?mode=ro"
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    try:
        with engine.connect() as conn:
            wrong = wrong_counts(conn)
    finally:
        engine.dispose()
    if wrong:
        raise UserError(
            f"{name} has {len(wrong)} stored counts that differ from the records they count; "
            "it was not restored."
        )


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision) is not None
    except CommandError:
        return False


def restore_database(
    db: Database, candidate: Path, actor: Actor, passphrase: str | None = None
) -> RestoreResult:
    """Replace the records of `db` with those of the backup file `candidate`.

    The candidate is checked first; the current database is backed up to the backups folder; then
    the backup's records replace the live ones in one transaction, so a failure leaves the live
    database as it was. On SQLite the write lock is held from the kept copy to the swap.
    """
    require(actor, "restore")
    candidate = Path(candidate).expanduser()
    if not path_is(candidate, "file"):
        raise UserError(f"There is no backup file at {candidate}.")
    with private_temp.private_file(".sqlite3") as decrypted:
        try:
            plain, revision = _checked_candidate(db, candidate, decrypted, passphrase)
        except UserError as exc:
            raise UserError(
                f"{exc} Nothing was restored: the records in {db.describe()} are as they were."
            ) from None
        backups_dir().mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime(AUTO_STAMP)
        kept = backups_dir() / f"{_stem(db)}-before-restore-{stamp}.sqlite3"
        db.engine.dispose()
        try:
            if db.is_sqlite:
                _keep_and_replace_sqlite(db, plain, kept)
            else:
                backup_database(db, kept)
                _replace_tables(db, plain)
        except (OSError, sqlite3.Error) as exc:
            raise UserError(
                f"The backup could not be restored ({exc}); the records are as they were."
            ) from None
    if revision != SCHEMA_HEAD:
        open_database(str(db.path)).close()  # brings the restored file up to this version
    with db.session() as session:
        user_id = session.scalar(select(User.id).where(User.username == actor.username))
        audit.record(
            session,
            Actor(user_id, actor.username, actor.role),
            "restore",
            "database",
            None,
            summary=f"Restored from {candidate.name}; the previous records are in {kept.name}",
        )
    return RestoreResult(kept, revision)


def _checked_candidate(
    db: Database, candidate: Path, decrypted: Path, passphrase: str | None
) -> tuple[Path, str]:
    """The plain file to restore from and its revision, after every check has passed."""
    plain = candidate
    if is_encrypted(candidate):
        if not passphrase:
            raise UserError(f"{candidate.name} is encrypted: give its passphrase.")
        plain = decrypted
        decrypt_file(candidate, plain, passphrase)
    if backup_checksum.matches(plain) is False:
        raise UserError(
            f"{candidate.name} has changed since it was made (its checksum does not match), "
            "so it was not restored."
        )
    revision = check_backup_file(plain)
    if not db.is_sqlite and revision != SCHEMA_HEAD:
        raise UserError(
            f"{candidate.name} is from an older version; restore it into a SQLite file, "
            "open that once, then back it up again for the office server."
        )
    return plain, revision


def _keep_and_replace_sqlite(db: Database, plain: Path, kept: Path) -> None:
    """Keep the current records and swap in the backup's while holding the write lock throughout,
    so a save from another program waits for the restore instead of landing between the kept copy
    and the swap, where it would be in neither."""
    live = sqlite3.connect(db.path.absolute().as_uri(), uri=True, timeout=30, isolation_level=None)
    try:
        live.execute("ATTACH DATABASE ? AS restored", (f"{plain.absolute().as_uri()}?mode=ro",))
        live.execute("BEGIN IMMEDIATE")
        try:
            # The copy is read through its own connection: SQLite's backup API never finishes
            # copying from a connection that holds a write transaction.
            backup_database(db, kept)
            _copy_schema_and_rows(live)
            live.execute("COMMIT")
        except BaseException:
            live.execute("ROLLBACK")
            raise
    finally:
        live.close()


def _copy_schema_and_rows(live: sqlite3.Connection) -> None:
    """Make `main` exactly the attached `restored`: its tables, indexes, triggers and rows (an
    older backup has an older schema, brought up to date after the swap)."""

    def objects(schema: str) -> list[tuple[str, str, str]]:
        return live.execute(
            f"SELECT type, name, sql FROM {schema}.sqlite_master "  # noqa: S608 - fixed names
            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        ).fetchall()

    # Raw connections have foreign keys off, so tables go in any order.
    for kind, name, _sql in objects("main"):
        if kind in ("table", "view"):
            live.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
    restored = objects("restored")
    for kind, name, sql in restored:
        if kind == "table":
            live.execute(sql)
            live.execute(f'INSERT INTO main."{name}" SELECT * FROM restored."{name}"')
    for kind, _name, sql in restored:
        if kind != "table":
            live.execute(sql)
    has_sequence = "SELECT 1 FROM {}.sqlite_master WHERE name = 'sqlite_sequence'"
    if live.execute(has_sequence.format("restored")).fetchone():
        live.execute("DELETE FROM main.sqlite_sequence")
        live.execute("INSERT INTO main.sqlite_sequence SELECT * FROM restored.sqlite_sequence")


def _replace_tables(db: Database, plain: Path) -> None:
    """Restore into an office server: every table emptied and refilled in one transaction."""
    from sqlalchemy import create_engine, insert, text

    from ...models import Base

    source = create_engine(f"sqlite:///{plain}")
    try:
        with source.connect() as src, db.engine.begin() as dst:
            for table in reversed(Base.metadata.sorted_tables):
                dst.execute(table.delete())
            for table in Base.metadata.sorted_tables:
                rows = src.execute(table.select().order_by(*table.primary_key.columns))
                while batch := rows.mappings().fetchmany(2000):
                    dst.execute(insert(table), [dict(r) for r in batch])
                if db.engine.dialect.name == "postgresql" and "id" in table.c:
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
            revision = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
            dst.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
    finally:
        source.dispose()
