"""The exact shape a backup of a known schema version must have, to refuse a file whose
alembic_version claims one version while its tables say another.

The expected shape is made by running this program's own migrations up to the backup's version
in a database in memory, so there is no second description of the schema to keep in step. A
shape is every table with its columns (name, declared type, not-null, primary-key position) and
its indexes (unique or not, the columns in order), plus every view and trigger by name. Index
names are left out: SQLite names the indexes behind UNIQUE constraints itself.
"""

from __future__ import annotations

import sqlite3
from functools import cache

Shape = dict[str, object]


def shape_of(conn: sqlite3.Connection) -> Shape:
    shape: Shape = {}
    listed = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type != 'index'"
    ).fetchall()
    for kind, name in listed:
        if kind != "table" or name == "alembic_version":
            # alembic_version's own columns vary with what made the file; its row is read apart.
            shape[f"{kind} {name}"] = kind
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        columns = frozenset(
            (column, declared.upper(), bool(not_null), pk)
            for _cid, column, declared, not_null, _default, pk in conn.execute(
                f"PRAGMA table_info({quoted})"
            )
        )
        indexes = []
        for _seq, index, unique, _origin, partial in conn.execute(f"PRAGMA index_list({quoted})"):
            index_quoted = '"' + index.replace('"', '""') + '"'
            on = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({index_quoted})"))
            indexes.append((bool(unique), on, bool(partial)))
        shape[f"table {name}"] = (columns, tuple(sorted(indexes)))
    return shape


@cache
def expected_shape(revision: str) -> Shape:
    """The shape of a database made by this program's migrations up to `revision`."""
    from alembic import command
    from sqlalchemy import create_engine

    from ...models.database import alembic_config

    engine = create_engine("sqlite://")
    try:
        with engine.connect() as conn:
            command.upgrade(alembic_config(conn), revision)
            conn.commit()
            return shape_of(conn.connection.dbapi_connection)
    finally:
        engine.dispose()


def differences(actual: Shape, expected: Shape) -> list[str]:
    """What differs, as table/view/trigger names only (never a row of data)."""
    return sorted(
        key.split(" ", 1)[1]
        for key in actual.keys() | expected.keys()
        if actual.get(key) != expected.get(key)
    )
