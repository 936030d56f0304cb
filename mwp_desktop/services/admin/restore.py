"""Restore: replace the records with a backup's, checked first, the current ones kept.

A candidate is checked whole before anything is touched (its checksum, the exact schema of a
version this program knows, integrity and references, stored counts); the current records are
copied to a kept "before-restore" file; then, on SQLite, the swap happens under the database's
write lock held since that copy, so nothing saved meanwhile is lost.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ...errors import UserError
from ...models import User
from ...models.database import MIGRATIONS_DIR, SCHEMA_HEAD, SQLITE_HEADER, Database, open_database
from ...paths import backups_dir
from ..actor import Actor
from ..permissions import require
from . import audit, backup_checksum, backup_schema, private_temp
from .backup_crypto import decrypt_file, is_encrypted
from .backups import AUTO_STAMP, backup_database, backup_stem, path_is


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
    database as it was. Other writers are held off from the kept copy to the swap.
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
        kept = backups_dir() / f"{backup_stem(db)}-before-restore-{stamp}.sqlite3"
        db.engine.dispose()
        try:
            if db.is_sqlite:
                _keep_and_replace_sqlite(db, plain, kept)
            else:
                _keep_and_replace_server(db, plain, kept)
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


def _keep_and_replace_server(db: Database, plain: Path, kept: Path) -> None:
    """Restore into an office server: every table emptied and refilled in one transaction that
    first holds every other PC's saves off, so a save waits for the restore instead of landing
    between the kept copy and the swap. The kept copy is read through its own connection once
    the hold is granted, when every save already under way has committed: it holds them all."""
    from sqlalchemy import create_engine, insert, text

    from ...models import Base

    source = create_engine(f"sqlite:///{plain}")
    try:
        with source.connect() as src, db.engine.begin() as dst:
            _hold_off_writers(dst, [t.name for t in Base.metadata.sorted_tables])
            backup_database(db, kept)
            for table in reversed(Base.metadata.sorted_tables):
                dst.execute(table.delete())
            for table in Base.metadata.sorted_tables:
                rows = src.execute(table.select().order_by(*table.primary_key.columns))
                while batch := rows.mappings().fetchmany(2000):
                    dst.execute(insert(table), [dict(r) for r in batch])
                if "id" in table.c:
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


def _hold_off_writers(conn, tables: list[str], patience: float = 30.0) -> None:
    """Lock every table against writes (EXCLUSIVE mode still lets other PCs read), all at once or
    not at all: waiting for one table while holding another could deadlock with a save that holds
    the one and wants the other, so a refused attempt lets go of everything and tries again."""
    from sqlalchemy.exc import OperationalError

    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join([*(quote(t) for t in tables), "alembic_version"])
    deadline = time.monotonic() + patience
    while True:
        try:
            with conn.begin_nested():  # a refused lock is rolled back to here, freeing the others
                conn.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE NOWAIT")
            return
        except OperationalError as exc:
            orig = exc.orig
            if (getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)) != "55P03":
                raise
            if time.monotonic() > deadline:
                raise UserError(
                    "Other computers kept saving for 30 seconds, so the records could not be "
                    "held for the restore. Ask everyone to close MWP Desktop, then restore again."
                ) from None
            time.sleep(0.05)
