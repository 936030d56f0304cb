"""Opening, creating and migrating databases — and refusing the ones we must not touch."""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select

from mwp_desktop.errors import DatabaseOpenError
from mwp_desktop.models import Curriculum, Group
from mwp_desktop.models import database as database_module
from mwp_desktop.models.database import (
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    alembic_config,
    open_database,
)
from mwp_desktop.services.admin.database import open_for_use
from tests.builders.groups import add_group_with_members

STORED = Path(__file__).parents[1] / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_head_constant_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == SCHEMA_HEAD


def test_migrations_build_exactly_the_models_schema(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mwp_desktop.models import Base

    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_new_database_is_created_with_the_curricula(data_dir):
    db = open_for_use(str(data_dir / "new.sqlite3"))
    with db.session() as s:
        sizes = {c.code: len(c.sessions) for c in s.scalars(select(Curriculum))}
    db.close()
    assert db.created
    assert sizes == {"MWP-MEN": 16, "WOMEN-DIALOGUE": 8}


@pytest.mark.sqlite_only
def test_sqlite_is_set_up_for_power_cuts(db):
    with db.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_database_at_head_opens_without_importing_alembic(db, data_dir):
    target = db.target()
    db.close()
    script = textwrap.dedent(
        f"""
        import sys
        from mwp_desktop.services.admin.database import open_for_use
        db = open_for_use({target!r})
        with db.session() as s:
            pass
        print("alembic" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def every_revision() -> list[str]:
    """Every schema the migrations folder can build, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()  # newest first
    return [script.revision for script in reversed(list(scripts))]


REVISIONS = every_revision()


def stored_database(revision: str) -> Path:
    return STORED / f"schema_{revision}.sqlite3"


def revision_of(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def columns(path: Path) -> dict[str, list[str]]:
    """Each table's columns (but Alembic's own)."""
    with closing(sqlite3.connect(path)) as conn:
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
        ).fetchall()
        return {
            table: [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            for (table,) in tables
        }


def records(path: Path, wanted: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the tables wanted, in the columns wanted, in the order they were written
    (a table kept WITHOUT ROWID, in the order of its key)."""
    found = {}
    with closing(sqlite3.connect(path)) as conn:
        for table, names in wanted.items():
            listed = ", ".join(f'"{name}"' for name in names)
            key = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
            order = "rowid" if _has_rowid(conn, table) else ", ".join(f'"{k}"' for k in key)
            found[table] = conn.execute(
                f'SELECT {listed} FROM "{table}" ORDER BY {order}'
            ).fetchall()
    return found


def _has_rowid(conn, table: str) -> bool:
    try:
        conn.execute(f'SELECT rowid FROM "{table}" LIMIT 0')
    except sqlite3.OperationalError:
        return False
    return True


def schema_of(conn) -> dict[str, tuple]:
    """Each table's columns and indexes, as SQLAlchemy reads them (not the CREATE text, whose
    constraint order batch mode does not keep)."""
    found = inspect(conn)
    return {
        table: (
            [
                (c["name"], str(c["type"]), c["nullable"], c["default"])
                for c in found.get_columns(table)
            ],
            sorted(
                (i["name"], tuple(i["column_names"]), i["unique"]) for i in found.get_indexes(table)
            ),
            sorted(str(sorted(u["column_names"])) for u in found.get_unique_constraints(table)),
        )
        for table in found.get_table_names()
    }


@pytest.mark.sqlite_only
def test_tests_data_holds_a_database_of_each_schema_and_no_other():
    """A new migration needs a small database stored at its schema, so that every later
    version of the program is shown to open what this one wrote. Each is the one before it
    upgraded to its own revision only (Alembic's `command.upgrade` to that revision, with foreign
    keys off as the program does), then vacuumed: the same few records at every schema."""
    stored = {path.name for path in STORED.glob("schema_*.sqlite3")}
    wanted = {stored_database(revision).name for revision in REVISIONS}
    assert sorted(wanted - stored) == [], "missing in tests/data"
    assert sorted(stored - wanted) == [], "in tests/data but no migration has that revision"


@pytest.mark.sqlite_only
def test_each_stored_database_is_at_exactly_its_schema(tmp_path):
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'stepped.sqlite3'}")
    with engine.connect() as conn:
        for revision in REVISIONS:
            command.upgrade(alembic_config(conn), revision)
            conn.commit()
            stored = create_engine(f"sqlite:///file:{stored_database(revision)}?mode=ro&uri=true")
            with stored.connect() as stored_conn:
                assert schema_of(stored_conn) == schema_of(conn), revision
                version = stored_conn.exec_driver_sql("SELECT version_num FROM alembic_version")
                assert version.scalar() == revision
            stored.dispose()
    engine.dispose()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("revision", REVISIONS)
def test_stored_database_opens_migrates_to_head_and_keeps_its_records(revision, data_dir):
    path = data_dir / stored_database(revision).name
    shutil.copyfile(stored_database(revision), path)
    released = columns(path)
    before = records(path, released)

    db = open_for_use(str(path))
    with db.session() as s:
        groups = s.execute(select(Group.code, Group.member_count, Group.sessions_held)).all()
    db.close()

    assert db.migrated_from == (None if revision == SCHEMA_HEAD else revision)
    assert revision_of(path) == SCHEMA_HEAD
    assert records(path, released) == before
    # Three men enrolled and no session held yet, counted by 0003 if the database predates it.
    assert [tuple(g) for g in groups] == [("WAR-M001", 3, 0)]


@pytest.mark.sqlite_only
def test_older_schema_is_backed_up_then_upgraded(db, data_dir, tmp_path, monkeypatch):
    """A stand-in newer program (one extra migration) opens today's database."""
    with db.session() as s:
        add_group_with_members(s, 3, code="WAR-M001", planned=True)
    path = db.path
    db.close()
    newer = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, newer)
    (newer / "versions" / "9999_test_column.py").write_text(
        textwrap.dedent(
            f"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999_test_column"
            down_revision = {SCHEMA_HEAD!r}
            branch_labels = None
            depends_on = None

            def upgrade():
                with op.batch_alter_table("groups") as batch:
                    batch.add_column(sa.Column("colour", sa.String(20), server_default="green"))

            def downgrade():
                pass
            """
        )
    )
    monkeypatch.setattr(database_module, "MIGRATIONS_DIR", newer)
    monkeypatch.setattr(database_module, "SCHEMA_HEAD", "9999_test_column")

    upgraded = open_database(str(path))
    with upgraded.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT code, colour FROM groups").one()
        check = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    upgraded.close()

    assert upgraded.migrated_from == SCHEMA_HEAD
    assert tuple(row) == ("WAR-M001", "green")
    assert check == []
    backup = upgraded.backup_path
    assert backup is not None and backup.parent == data_dir / "backups"
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
        assert copy.execute("SELECT code FROM groups").fetchall() == [("WAR-M001",)]


@pytest.mark.sqlite_only
def test_database_from_a_newer_program_is_refused_and_left_alone(db):
    path = db.path
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '7777_from_the_future'")
    db.close()  # the last connection's close folds the WAL into the file
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="newer version"):
        open_for_use(str(path))
    assert digest(path) == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(data_dir):
    path = data_dir / "notes.sqlite3"
    path.write_text("Meeting notes, not a database.\n" * 20)
    before = digest(path)
    with pytest.raises(DatabaseOpenError, match="not an MWP Desktop database"):
        open_for_use(str(path))
    assert digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["notes.sqlite3"]


def test_another_programs_database_is_refused(data_dir):
    path = data_dir / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseOpenError, match="another program"):
        open_for_use(str(path))
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert tables == [("customers",)]


def test_a_missing_folder_is_refused_and_not_created(tmp_path):
    target = tmp_path / "no-such-folder" / "mwp.sqlite3"
    with pytest.raises(DatabaseOpenError, match="does not exist"):
        open_for_use(str(target))
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nosuchdb://x/y", "not a kind of database"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/mwp", "could not be opened"),
        ("sqlite://", "in-memory"),
    ],
)
def test_bad_addresses_give_one_clear_sentence(target, message):
    with pytest.raises(DatabaseOpenError, match=message) as caught:
        open_for_use(target)
    assert "\n" not in str(caught.value)


def test_default_database_goes_in_the_data_folder(data_dir):
    db = open_for_use(None)
    db.close()
    assert db.path == data_dir / "mwp.sqlite3"


def test_mwp_db_environment_variable_chooses_the_database(data_dir, monkeypatch):
    monkeypatch.setenv("MWP_DB", str(data_dir / "office.sqlite3"))
    db = open_for_use(None)
    db.close()
    assert db.path == data_dir / "office.sqlite3"


def test_every_revision_fits_the_version_table():
    """alembic_version.version_num is VARCHAR(32): SQLite lets a longer name in, PostgreSQL
    refuses the upgrade (0007 was first named with 34 characters)."""
    assert [r for r in REVISIONS if len(r) > 32] == []
