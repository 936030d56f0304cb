"""Each group's marks at its held meetings follow every change of marks and meetings (the
Groups panel's attendance rates read them)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from mwp_desktop.models import Attendance, Meeting
from mwp_desktop.models.stored_counts import recount_marks
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.sessions.attendance import set_mark
from tests.builders.accounts import STAFF
from tests.builders.groups import add_meeting
from tests.builders.marks import add_held_group, add_marks

TODAY = date(2026, 3, 1)
STORED = "SELECT id, held_marks_attended, held_marks FROM groups ORDER BY id"


def stored(db) -> dict[int, tuple[int, int]]:
    with db.engine.connect() as conn:
        return {gid: (came, marked) for gid, came, marked in conn.execute(text(STORED))}


def counted_from_marks(db) -> dict[int, tuple[int, int]]:
    """Group id → (present-or-late marks, all marks) at its held meetings, mark by mark; 0 for
    a group with none."""
    with db.session() as s:
        groups = s.scalars(text("SELECT id FROM groups")).all()
        rows = s.execute(
            select(
                Meeting.group_id,
                func.count().filter(Attendance.status.in_(("present", "late"))),
                func.count(),
            )
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.status == "held")
            .group_by(Meeting.group_id)
        )
        counted = {gid: (came, marked) for gid, came, marked in rows}
    return {gid: counted.get(gid, (0, 0)) for gid in groups}


def test_counts_follow_marks_typed_corrected_and_made_up(db):
    first, _people, _ids = add_held_group(db, ["PLA", "AEP", "-PL"], code="WR-001")
    second, people, ids = add_held_group(db, ["PPPP", "LAEA"], code="WR-002", makeups={1: [1]})
    with db.session() as s:
        set_mark(s, STAFF, ids[0], people[0], "absent", today=TODAY)
    assert stored(db) == counted_from_marks(db) == {first: (5, 8), second: (5, 9)}


def test_marks_count_only_while_their_meeting_is_held(db):
    group, people, ids = add_held_group(db, ["PA", "LE"])
    with db.session() as s:
        planned = add_meeting(s, group, 12, date(2026, 4, 6))
        add_marks(s, planned, {people[0]: "present", people[1]: "late"})
    assert stored(db) == counted_from_marks(db) == {group: (2, 4)}
    with db.session() as s:  # held after all: its marks count
        meeting = s.get(Meeting, planned.id)
        meeting.status, meeting.held_date = "held", date(2026, 4, 6)
    assert stored(db) == counted_from_marks(db) == {group: (4, 6)}
    with db.session() as s:  # a held meeting set back to planned: its marks no longer count
        meeting = s.get(Meeting, ids[0])
        meeting.status, meeting.held_date = "planned", None
    assert stored(db) == counted_from_marks(db) == {group: (2, 4)}
    with db.session() as s:  # marks deleted, then their meeting
        for mark in s.scalars(select(Attendance).where(Attendance.meeting_id == planned.id)):
            s.delete(mark)
        s.flush()
        s.delete(s.get(Meeting, planned.id))
    assert stored(db) == counted_from_marks(db) == {group: (0, 2)}


def test_a_meeting_moved_to_another_group_takes_its_marks_along(db):
    first, _people, ids = add_held_group(db, ["PA", "LE"], code="WR-001")
    second, _, _ = add_held_group(db, ["P"], code="WR-002")
    with db.session() as s:
        s.get(Meeting, ids[1]).group_id = second
    assert stored(db) == counted_from_marks(db) == {first: (2, 2), second: (1, 3)}


def test_the_recount_after_bulk_writes_gives_the_same_counts(db):
    group, _people, _ids = add_held_group(db, ["PLA", "AEP"])
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE groups SET held_marks = 0, held_marks_attended = 0"))
        recount_marks(conn)
    assert stored(db) == counted_from_marks(db) == {group: (3, 6)}


def test_an_older_database_gets_the_counts_of_the_marks_it_already_holds(data_dir):
    """Marks written into a copy of tests/data/schema_0007_commitments_and_concerns.sqlite3 are
    counted onto their group when migration 0009 brings it up to date."""
    path = data_dir / "old.sqlite3"
    stored_0007 = (
        Path(__file__).parents[2] / "data" / "schema_0007_commitments_and_concerns.sqlite3"
    )
    shutil.copyfile(stored_0007, path)
    with sqlite3.connect(path) as old:
        meetings = [m for (m,) in old.execute("SELECT id FROM meetings ORDER BY id LIMIT 3")]
        people = [p for (p,) in old.execute("SELECT participant_id FROM enrollments LIMIT 3")]
        old.executemany(
            "UPDATE meetings SET status = 'held', held_date = planned_date WHERE id = ?",
            [(m,) for m in meetings[:2]],
        )
        old.executemany(
            "INSERT INTO attendance (uuid, meeting_id, participant_id, status, note) "
            "VALUES (lower(hex(randomblob(16))), ?, ?, ?, '')",
            [
                (m, p, s)
                for m in meetings  # the third is not held: its marks do not count
                for p, s in zip(people, ("present", "absent", "late"), strict=True)
            ],
        )
        old.execute(
            "UPDATE meetings SET "
            "marks_present = (SELECT count(*) FROM attendance a WHERE a.meeting_id = meetings.id "
            "AND a.status = 'present'), "
            "marks_late = (SELECT count(*) FROM attendance a WHERE a.meeting_id = meetings.id "
            "AND a.status = 'late'), "
            "marks_absent = (SELECT count(*) FROM attendance a WHERE a.meeting_id = meetings.id "
            "AND a.status = 'absent')"
        )
    db = open_for_use(str(path))
    try:
        assert db.migrated_from == "0007_commitments_and_concerns"
        assert stored(db) == counted_from_marks(db) == {1: (4, 6)}
    finally:
        db.close()
