"""`mwp-desktop check`: is the database whole, consistent and at the newest schema?"""

from __future__ import annotations

from sqlalchemy import text

from ..models.database import SCHEMA_HEAD, Database


def database_problems(db: Database) -> list[str]:
    """Each problem as one plain sentence; an empty list means the database is sound."""
    problems: list[str] = []
    with db.engine.connect() as conn:
        if db.is_sqlite:
            result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems.append(f"SQLite integrity check failed: {'; '.join(result[:3])}")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                tables = sorted({row[0] for row in broken})
                problems.append(f"{len(broken)} broken references (in {', '.join(tables)})")
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision != SCHEMA_HEAD:
            problems.append(f"schema is at {revision}, this program expects {SCHEMA_HEAD}")
    return problems
