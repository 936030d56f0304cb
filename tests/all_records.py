"""Every record of a database, for comparing two of them (a backup restored, a copy)."""

from __future__ import annotations


def all_records(db, skip: tuple[str, ...] = ("audit_events",)) -> dict[str, list[tuple]]:
    """Every row of every table, in key order: for comparing two databases record by record."""
    from mwp_desktop.models import Base

    records = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            query = table.select().order_by(*table.primary_key.columns)
            records[table.name] = [tuple(row) for row in conn.execute(query)]
    return records


def participant_codes_in(path) -> set[str]:
    """The participant codes in a SQLite file (a backup, a kept copy), read without changing it."""
    import sqlite3

    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT code FROM participants")}
    finally:
        conn.close()
