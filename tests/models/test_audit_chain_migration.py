"""An upgraded database's audit trail is chained by migration 0005, so a later edit shows."""

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.admin.integrity import database_problems

STORED_0004 = Path(__file__).parents[1] / "data" / "schema_0004_dashboard_indexes.sqlite3"

pytestmark = pytest.mark.sqlite_only


def test_events_recorded_before_the_upgrade_are_chained_and_guarded(data_dir):
    path = data_dir / "office.sqlite3"
    shutil.copyfile(STORED_0004, path)
    with closing(sqlite3.connect(path)) as conn, conn:
        for number, at in enumerate(("2026-03-01 09:00:00", "2026-03-02 10:30:00", None)):
            conn.execute(
                "INSERT INTO audit_events (uuid, username, action, entity, entity_id, before, "
                "after, summary" + (", at" if at else "") + ") VALUES "
                f"('u{number}', 'staff', 'update', 'participant', {number}, '', "
                "'{\"phone\": \"076\"}', 'Phone changed'" + (f", '{at}'" if at else "") + ")"
            )

    db = open_for_use(str(path))
    assert db.migrated_from == "0004_dashboard_indexes"
    assert database_problems(db) == []
    with db.engine.begin() as conn:
        hashes = conn.exec_driver_sql("SELECT chain_hash FROM audit_events").scalars().all()
        conn.exec_driver_sql("UPDATE audit_events SET summary = 'nothing' WHERE entity_id = 1")
    problems = database_problems(db)
    db.close()

    assert len(set(hashes)) == 3 and all(len(h) == 64 for h in hashes)
    assert len(problems) == 1 and "audit trail has been tampered with" in problems[0]
