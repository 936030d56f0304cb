"""The audit trail is tamper-evident: an event edited, deleted or moved outside the program is
reported by `mwp-desktop check` and by the audit viewer's service, and two writers at once
(two PCs on one server) keep one unbroken chain."""

import threading

import pytest
from sqlalchemy import select, text

from mwp_desktop.cli import main
from mwp_desktop.models import AuditEvent
from mwp_desktop.services.admin import audit, audit_log
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.admin.integrity import database_problems
from tests.builders.accounts import ADMIN, STAFF, SUPERVISOR


def write_events(db, count: int, actor=STAFF) -> list[int]:
    ids = []
    for number in range(count):
        with db.session() as s:
            event = audit.record(
                s,
                actor,
                "update",
                "participant",
                number,
                before={"phone": "076000000"},
                after={"phone": f"07600000{number}"},
                summary=f"Phone of participant {number} changed",
            )
            s.flush()
            ids.append(event.id)
    return ids


def tampered(db) -> str:
    with db.session() as s:
        return audit_log.broken_chain_warning(s, SUPERVISOR)


def test_a_trail_written_by_the_program_is_whole(db, db_url, capsys):
    write_events(db, 5)
    assert database_problems(db) == []
    assert tampered(db) == ""
    assert main(["check", "--db", db_url]) == 0


@pytest.mark.parametrize(
    "edit",
    [
        'UPDATE audit_events SET after = \'{"phone": "999"}\' WHERE id = :third',
        "UPDATE audit_events SET username = 'someone-else' WHERE id = :third",
        "UPDATE audit_events SET at = '2020-01-01 00:00:00' WHERE id = :third",
        "DELETE FROM audit_events WHERE id = :third",
    ],
    ids=["values", "user", "time", "deleted"],
)
def test_an_event_edited_or_deleted_in_the_database_is_reported(db, db_url, edit, capsys):
    ids = write_events(db, 5)
    with db.engine.begin() as conn:
        conn.execute(text(edit), {"third": ids[2]})
    first_wrong = ids[3] if edit.startswith("DELETE") else ids[2]

    problems = database_problems(db)
    assert problems == [
        f"The audit trail has been tampered with: event {first_wrong} or one just before it was "
        "edited, deleted or moved outside the program."
    ]
    assert tampered(db) == problems[0]
    assert main(["check", "--db", db_url]) == 1
    assert "audit trail has been tampered with" in capsys.readouterr().err


def test_two_events_swapped_in_place_are_reported(db):
    ids = write_events(db, 4)
    columns = "at, username, action, entity, entity_id, before, after, summary, chain_hash"
    with db.engine.begin() as conn:
        second, third = (
            conn.execute(text(f"SELECT {columns} FROM audit_events WHERE id = :id"), {"id": i})
            .one()
            ._mapping
            for i in ids[1:3]
        )
        assignments = ", ".join(f"{name} = :{name}" for name in second)
        for target, values in ((ids[1], third), (ids[2], second)):
            conn.execute(
                text(f"UPDATE audit_events SET {assignments} WHERE id = :target"),
                {**values, "target": target},
            )
    assert tampered(db).startswith(f"The audit trail has been tampered with: event {ids[1]} ")


def test_the_viewer_refuses_to_tell_a_staff_member(db):
    from mwp_desktop.errors import PermissionDenied

    with db.session() as s, pytest.raises(PermissionDenied):
        audit_log.broken_chain_warning(s, STAFF)


def test_two_pcs_writing_at_once_keep_one_chain(db):
    """Two connections (two PCs) each record events as fast as they can; neither may chain onto
    an event the other has already chained onto."""
    other = open_for_use(db.target())
    start = threading.Barrier(2)
    failures = []

    def writer(database, actor):
        try:
            start.wait()
            write_events(database, 25, actor)
        except Exception as error:  # reported below, in the test's own thread
            failures.append(error)

    threads = [
        threading.Thread(target=writer, args=(db, STAFF)),
        threading.Thread(target=writer, args=(other, ADMIN)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()

    assert failures == []
    with db.session() as s:
        names = s.scalars(select(AuditEvent.username)).all()
        hashes = s.scalars(select(AuditEvent.chain_hash)).all()
    assert sorted(set(names)) == ["admin", "aminata"] and len(names) == 50
    assert len(set(hashes)) == 50
    assert tampered(db) == ""
