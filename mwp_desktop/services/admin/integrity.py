"""`mwp-desktop check`: is the database whole, consistent and at the newest schema?

On SQLite: the file's own integrity check and its foreign keys. On PostgreSQL (which checks
references itself as rows are written): constraints left unvalidated and indexes left invalid by an
interrupted operation. On both: the schema revision, every table and column this version of
the program uses is there, and every count stored on a row for speed (models/stored_counts/)
equals a recount of the rows it counts, each name's words kept for the search
(models/name_words.py) equal the name split afresh, each man's attitude score kept on his
survey response equals his answers scored afresh (services/surveys/stored_scores.py), and the
audit trail's hash chain is whole (models/audit_chain.py). A wrong count or score is named by
its column and the id of its row, never by anything of a person's.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from ...models import Base
from ...models.audit_chain import first_broken_event
from ...models.database import SCHEMA_HEAD, Database
from ...models.name_words import wrong_name_words
from ...models.stored_counts import wrong_counts
from ..surveys.stored_scores import wrong_scores
from .audit_log import chain_broken_sentence


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
        elif conn.dialect.name == "postgresql":
            problems.extend(_postgres_problems(conn))
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if revision != SCHEMA_HEAD:
            problems.append(f"schema is at {revision}, this program expects {SCHEMA_HEAD}")
        else:
            schema_problems = _schema_problems(conn)
            problems.extend(schema_problems)
            if not schema_problems:  # the counted and chained columns are all there
                problems.extend(_count_problems(conn))
                broken = first_broken_event(conn)
                if broken is not None:
                    problems.append(chain_broken_sentence(broken))
    return problems


def _count_problems(conn) -> list[str]:
    counts = [
        f"{w.table}.{w.column} of id {w.record_id} is stored as {w.stored}, recounted {w.recounted}"
        for w in wrong_counts(conn)
    ]
    words = [
        f"name_words of participant id {participant_id} differ from the name split afresh"
        for participant_id in wrong_name_words(conn)
    ]
    return counts + words + [wrong.sentence() for wrong in wrong_scores(conn)]


def _schema_problems(conn) -> list[str]:
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    problems = []
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            problems.append(f"the table {table.name} is missing")
            continue
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        missing = [c.name for c in table.columns if c.name not in columns]
        if missing:
            problems.append(f"{table.name} lacks the columns {', '.join(missing)}")
    return problems


def _postgres_problems(conn) -> list[str]:
    problems = []
    unvalidated = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE NOT convalidated AND connamespace = current_schema()::regnamespace"
        )
    ).all()
    if unvalidated:
        names = ", ".join(f"{t}.{c}" for t, c in unvalidated[:5])
        problems.append(f"{len(unvalidated)} constraints are not validated ({names})")
    invalid = (
        conn.execute(
            text(
                "SELECT i.indexrelid::regclass::text FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace"
            )
        )
        .scalars()
        .all()
    )
    if invalid:
        problems.append(f"{len(invalid)} indexes are invalid ({', '.join(invalid[:5])})")
    return problems
