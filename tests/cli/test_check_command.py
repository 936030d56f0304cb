"""`mwp-desktop check` means something on SQLite and on PostgreSQL alike."""

import os

import pytest
from sqlalchemy import text

from mwp_desktop.cli import main
from mwp_desktop.services.admin.integrity import database_problems
from tests.builders.small_office import add_small_office

on_postgres = pytest.mark.skipif(
    not os.environ.get("MWP_TEST_POSTGRES_URL"), reason="needs the PostgreSQL run"
)


def test_a_sound_database_passes_check(db, db_url, capsys):
    with db.session() as s:
        add_small_office(s)
    assert database_problems(db) == []
    assert main(["check", "--db", db_url]) == 0
    assert capsys.readouterr().out.strip().endswith(": OK")


def test_a_missing_table_or_column_is_found(db, db_url, capsys):
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE closed_days"))
        conn.execute(text("ALTER TABLE settings DROP COLUMN value"))
    assert database_problems(db) == [
        "the table closed_days is missing",
        "settings lacks the columns value",
    ]
    assert main(["check", "--db", db_url]) == 1
    assert "closed_days is missing" in capsys.readouterr().err


@on_postgres
@pytest.mark.postgres
def test_postgres_constraints_left_unvalidated_are_found(db):
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "ALTER TABLE participants ADD CONSTRAINT born_late "
                "CHECK (birth_year > 1950) NOT VALID"
            )
        )
    problems = database_problems(db)
    assert problems == ["1 constraints are not validated (participants.born_late)"]
