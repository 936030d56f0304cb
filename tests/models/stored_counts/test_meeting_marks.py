"""Each meeting's mark counts follow every change of attendance (the dashboard reads them)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from mwp_desktop.models import Attendance
from mwp_desktop.models.stored_counts import recount_marks
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import finish_meeting, set_mark
from tests.builders.accounts import STAFF
from tests.builders.groups import add_group_with_members

START = date(2026, 1, 5)
TODAY = date(2026, 6, 1)
COUNTS = "SELECT id, marks_present, marks_late, marks_excused, marks_absent FROM meetings"


def counts(db) -> dict[int, tuple[int, int, int, int]]:
    with db.engine.connect() as conn:
        return {row[0]: tuple(row[1:]) for row in conn.execute(text(COUNTS + " ORDER BY id"))}


def recounted(db) -> dict[int, tuple[int, int, int, int]]:
    """The counts worked out afresh from the attendance table (rolled back afterwards)."""
    with db.engine.connect() as conn:
        recount_marks(conn)
        result = {row[0]: tuple(row[1:]) for row in conn.execute(text(COUNTS + " ORDER BY id"))}
        conn.rollback()
    return result


def test_counts_follow_marks_set_changed_cleared_and_filled_in(db):
    with db.session() as s:
        group_id, people = add_group_with_members(s, 4)
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
    first, second = ids[0], ids[1]
    for pid, status in zip(people, ("present", "late", "absent", "excused"), strict=True):
        with db.session() as s:
            set_mark(s, STAFF, first, pid, status, today=TODAY)
    assert counts(db)[first] == (1, 1, 1, 1)

    with db.session() as s:
        set_mark(s, STAFF, first, people[2], "present", today=TODAY)  # absent → present
    with db.session() as s:
        set_mark(s, STAFF, first, people[3], None, today=TODAY)  # excused → cleared
    assert counts(db)[first] == (2, 1, 0, 0)

    with db.session() as s:
        set_mark(s, STAFF, second, people[0], "absent", today=TODAY)
        finish_meeting(s, STAFF, second, START + timedelta(weeks=1), today=TODAY)
    assert counts(db)[second] == (3, 0, 0, 1)
    assert counts(db) == recounted(db)


def test_counts_follow_a_mark_moved_to_another_meeting_through_the_orm(db):
    with db.session() as s:
        group_id, people = add_group_with_members(s, 1)
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
        mark = Attendance(meeting_id=ids[0], participant_id=people[0], status="late")
        s.add(mark)
        s.flush()
        mark.meeting_id, mark.status = ids[1], "present"
    assert counts(db)[ids[0]] == (0, 0, 0, 0)
    assert counts(db)[ids[1]] == (1, 0, 0, 0)
    with db.session() as s:
        s.delete(s.get(Attendance, mark.id))
    assert counts(db) == recounted(db)
    assert set(counts(db).values()) == {(0, 0, 0, 0)}


def test_an_older_database_gets_the_counts_of_the_marks_it_already_holds(data_dir):
    """Marks written into a copy of tests/data/schema_0001_initial.sqlite3 are counted when
    migration 0002 brings it up to date."""
    import shutil
    import sqlite3
    from pathlib import Path

    from mwp_desktop.services.admin.database import open_for_use

    path = data_dir / "old.sqlite3"
    shutil.copyfile(Path(__file__).parents[2] / "data" / "schema_0001_initial.sqlite3", path)
    with sqlite3.connect(path) as old:
        meetings = [m for (m,) in old.execute("SELECT id FROM meetings ORDER BY id LIMIT 2")]
        people = [p for (p,) in old.execute("SELECT participant_id FROM enrollments LIMIT 3")]
        statuses = ("present", "absent", "late")
        old.executemany(
            "INSERT INTO attendance (uuid, meeting_id, participant_id, status, note) "
            "VALUES (lower(hex(randomblob(16))), ?, ?, ?, '')",
            [(m, p, s) for m in meetings for p, s in zip(people, statuses, strict=False)],
        )
    db = open_for_use(str(path))
    try:
        marked = {mid: c for mid, c in counts(db).items() if any(c)}
        assert marked == {m: (1, 1, 0, 1) for m in meetings}
        assert counts(db) == recounted(db)
    finally:
        db.close()
