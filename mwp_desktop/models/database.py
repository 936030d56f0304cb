"""Opening a database: where it is, SQLite's safety settings, and bringing its schema up to date.

Opening is careful with the user's data: a file that is not ours, a database written by a newer
version of the program, or a folder that does not exist gives a `DatabaseOpenError` and changes
nothing. An older schema is copied to the backups folder before it is migrated. A database already
at the newest schema opens without importing Alembic, so start-up stays fast.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseOpenError
from .busy import Busy, is_busy
from .disk_full import DISK_FULL, DiskFull, is_disk_full, is_full_on_opening

# The newest migration. tests/test_migrations.py checks it equals Alembic's head.
SCHEMA_HEAD = "0014_facilitator_index"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


@dataclass
class Database:
    """An open database: an engine plus one short-lived Session per operation."""

    url: URL
    engine: Engine
    path: Path | None = None  # the file, for SQLite
    created: bool = False
    migrated_from: str | None = None
    backup_path: Path | None = None
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed as a whole when the block ends, rolled back on error.

        Every save goes through here, so a full disk, or a database kept busy by another save
        for longer than we wait, is said in words here, once for all."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if is_disk_full(exc):
                raise DiskFull() from None
            if is_busy(exc):
                raise Busy() from None
            raise
        finally:
            session.close()

    def describe(self) -> str:
        """Where the data is, for the status bar and messages (never with a password)."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    def target(self) -> str:
        """What to pass as `--db` to reach this database again (a path, or the full URL)."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=False)

    def close(self) -> None:
        self.engine.dispose()


def parse_target(target: str) -> tuple[URL, Path | None]:
    """A path or URL typed by the user, as a SQLAlchemy URL and, for SQLite, the file."""
    if "://" not in target:
        path = Path(target).expanduser().absolute()
        return URL.create("sqlite", database=str(path)), path
    try:
        url = make_url(target)
    except ArgumentError:
        raise DatabaseOpenError(f"'{target}' is not a database address.") from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseOpenError("An in-memory database cannot hold records; give a file.")
        path = Path(url.database).expanduser().absolute()
        return url.set(database=str(path)), path
    return url, None


def open_database(target: str, *, create: bool = True, migrate: bool = True) -> Database:
    """Open (creating or migrating as needed) the database at a path or URL."""
    url, path = parse_target(target)
    if path is not None:
        _check_sqlite_file(path, create=create)
    engine = _make_engine(url)
    try:
        revision, has_tables = _schema_state(engine, path.parent if path else None)
        db = Database(url=url, engine=engine, path=path)
        if revision == SCHEMA_HEAD:
            return db
        if revision is None and has_tables:
            raise DatabaseOpenError(
                f"{db.describe()} holds tables of another program, not MWP Desktop records."
            )
        if revision is None:
            if not create:
                raise DatabaseOpenError(f"{db.describe()} has no MWP Desktop records yet.")
            _upgrade(db)
            db.created = True
            return db
        _require_known_revision(revision, db)
        if not migrate:
            raise DatabaseOpenError(
                f"{db.describe()} needs updating to this version of the program."
            )
        if path is not None:
            db.backup_path = backup_before_migration(path, revision)
        _upgrade(db)
        db.migrated_from = revision
        return db
    except DBAPIError as exc:
        engine.dispose()
        if is_full_on_opening(exc, path.parent if path else None):
            raise DatabaseOpenError(DISK_FULL) from None
        raise
    except BaseException:
        engine.dispose()
        raise


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    if not path.parent.is_dir():
        raise DatabaseOpenError(f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if not path.exists():
        if not create:
            raise DatabaseOpenError(f"There is no database at {path}.")
        return
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseOpenError(f"{path} cannot be read: {exc.strerror}.") from None
    if header and header != SQLITE_HEADER:
        raise DatabaseOpenError(f"{path} is not an MWP Desktop database file.")


def _make_engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            # hide_parameters: error messages (and so the log) never carry the values — names
            # and phone numbers of participants.
            engine = create_engine(
                url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    except NoSuchModuleError:
        raise DatabaseOpenError(
            f"'{url.drivername}' is not a kind of database this program can use."
        ) from None
    except ImportError as exc:
        raise DatabaseOpenError(
            f"The driver for {url.get_backend_name()} is not installed ({exc.name})."
        ) from None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL lets a reader and a writer work together; FULL makes every commit survive a power cut.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _schema_state(engine: Engine, folder: Path | None) -> tuple[str | None, bool]:
    """(Alembic revision or None, whether the database has any tables); `folder` holds the
    SQLite file, whose free space tells a full disk from another I/O error."""
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            if "alembic_version" not in tables:
                return None, bool(tables)
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            return revision, True
    except DBAPIError as exc:
        if is_full_on_opening(exc, folder):
            raise DatabaseOpenError(DISK_FULL) from None
        reason = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
        raise DatabaseOpenError(f"The database could not be opened: {reason}.") from None


def _require_known_revision(revision: str, db: Database) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        known = _script_directory(ScriptDirectory).get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise DatabaseOpenError(
            f"{db.describe()} was written by a newer version of MWP Desktop "
            f"(schema {revision}). Install the newer version to open it."
        )


def _script_directory(script_directory_cls):
    return script_directory_cls(str(MIGRATIONS_DIR))


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(db: Database) -> None:
    from alembic import command

    with db.engine.connect() as conn:
        if db.is_sqlite:
            # Batch mode rebuilds tables; with foreign keys on, that would cascade or fail.
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.commit()
        command.upgrade(alembic_config(conn), "head")
        conn.commit()
        if db.is_sqlite:
            bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            if bad:
                raise DatabaseOpenError(
                    f"Updating the database left {len(bad)} broken references; "
                    "restore the copy in the backups folder."
                )


def backup_before_migration(path: Path, revision: str) -> Path:
    """Copy the database with SQLite's backup API (safe even while another program has it open)."""
    from ..paths import backups_dir

    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-before-upgrade-from-{revision}-{stamp}.sqlite3"
    source = sqlite3.connect(path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target
