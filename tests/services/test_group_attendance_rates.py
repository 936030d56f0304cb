"""The Groups panel's attendance rates: what they say, and how SQLite keeps them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, func, select

from mwp_desktop.models import Attendance, Meeting
from mwp_desktop.services.registration.groups import attendance_rate_text, list_groups
from mwp_desktop.services.sessions.attendance import set_mark
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.groups import add_meeting
from tests.builders.marks import add_held_group, add_marks

TODAY = date(2026, 3, 1)


def recounted_rates(session) -> dict[int, tuple[int, int]]:
    """Group id → (present-or-late marks, all marks) at held meetings, counted mark by mark."""
    attended = func.count().filter(Attendance.status.in_(("present", "late")))
    rows = session.execute(
        select(Meeting.group_id, attended, func.count())
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.status == "held")
        .group_by(Meeting.group_id)
    )
    return {gid: (came, marked) for gid, came, marked in rows}


def test_each_groups_rate_is_a_recount_of_its_marks_at_held_meetings(db):
    first, _people, _ids = add_held_group(db, ["PLA", "AEP", "-PL"], code="WR-001")
    second, people, ids = add_held_group(db, ["PPPP", "LAEA"], code="WR-002", makeups={1: [1]})
    add_held_group(db, ["---"], code="WR-003")  # held, but no mark typed yet
    with db.session() as s:
        set_mark(s, STAFF, ids[0], people[0], "absent", today=TODAY)  # a mark corrected
        # Marks at a meeting not held (typed straight into the table) do not count.
        planned = add_meeting(s, second, 12, date(2026, 4, 6))
        add_marks(s, planned, {people[0]: "present", people[1]: "present"})

    with db.session() as s:
        recount = recounted_rates(s)
        shown = {row.code: row.attendance_rate for row in list_groups(s, ADMIN)}
        (alone,) = list_groups(s, ADMIN, only=first)  # as after an edit of the group
    assert (alone.attended, alone.marked) == recount[first]
    assert shown == {
        "WR-001": attendance_rate_text(*recount[first]),
        "WR-002": attendance_rate_text(*recount[second]),
        "WR-003": "",
    }
    # The figures the office sees, worked out by hand.
    assert shown["WR-001"] == "62% (5/8)"
    assert shown["WR-002"] == "56% (5/9)"


@pytest.mark.sqlite_only  # reads SQLite's query plan
def test_a_groups_marks_are_recounted_from_an_index_alone(db):
    # A meeting that changes status recounts its group's held marks from the mark counts of
    # the group's held meetings: read from the index (group_id, status, session_id, marks_…),
    # without a look-up of each meeting's row (at 4x national the sum over every group did
    # 204,000 of them, ~120 ms; from the index alone ~60 ms).
    group, _people, ids = add_held_group(db, ["PA"])
    statements = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):
        if statement.startswith("UPDATE groups SET held_marks"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.session() as s:
            meeting = s.get(Meeting, ids[0])
            meeting.status, meeting.held_date = "planned", None
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    ((sql, args),) = statements
    with db.engine.connect() as conn:
        plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", args)]
    reads_of_meetings = [step for step in plan if "meetings" in step]
    assert reads_of_meetings and all(
        step.startswith("SEARCH meetings USING COVERING INDEX") for step in reads_of_meetings
    ), plan
