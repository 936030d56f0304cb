"""The register, single marks saved one at a time, enrolment dates, locking and the roster."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import Attendance, AuditEvent, Enrollment
from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import (
    finish_meeting,
    load_register,
    meeting_roster,
    set_mark,
)
from tests.builders.accounts import ADMIN, FACILITATOR, STAFF, SUPERVISOR
from tests.builders.groups import add_group_with_members
from tests.builders.people import add_members

START = date(2026, 1, 5)
TODAY = date(2026, 6, 1)


def planned_group(db, count=3):
    with db.session() as s:
        group_id, people = add_group_with_members(s, count)
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
    return group_id, people, ids


def test_a_mark_is_saved_in_its_own_transaction_and_read_back(db):
    group_id, people, ids = planned_group(db)
    with db.session() as s:
        change = set_mark(s, STAFF, ids[0], people[0], "late", today=TODAY)
    assert (change.before, change.after) == (None, "late")
    with db.session() as s:
        assert s.scalar(select(Attendance.status)) == "late"
        change = set_mark(s, STAFF, ids[0], people[0], "absent", today=TODAY)
        assert (change.before, change.after) == ("late", "absent")
    with db.session() as s:
        set_mark(s, STAFF, ids[0], people[0], None, today=TODAY)
    with db.session() as s:
        assert s.scalar(select(Attendance.id)) is None
        # Typing a mark for a past meeting records it as held on its planned day.
        assert scheduling.meeting_info(s, ids[0]).status == "held"
        assert scheduling.meeting_info(s, ids[0]).held_date == START


def test_marks_that_cannot_be_saved_say_why(db):
    group_id, people, ids = planned_group(db)
    with db.session() as s:
        with pytest.raises(ValidationError, match="not happened"):
            set_mark(s, STAFF, ids[15], people[0], "present", today=START)
        with pytest.raises(ValidationError, match="kind of attendance"):
            set_mark(s, STAFF, ids[0], people[0], "sleeping", today=TODAY)
        with pytest.raises(PermissionDenied):
            set_mark(s, FACILITATOR, ids[0], people[0], "present", today=TODAY)
        scheduling.cancel_meeting(s, STAFF, ids[3], "Rain")
        with pytest.raises(ValidationError, match="cancelled"):
            set_mark(s, STAFF, ids[3], people[0], "present", today=TODAY)


def test_only_members_on_the_meeting_day_appear_on_it(db):
    group_id, people, ids = planned_group(db)
    with db.session() as s:
        late_joiner = add_members(s, group_id, 1, enrolled_on=START + timedelta(weeks=2))[0].id
        dropped = s.scalars(select(Enrollment).where(Enrollment.participant_id == people[2])).one()
        dropped.status, dropped.ended_on = "dropped", START + timedelta(weeks=4)
    with db.session() as s:
        with pytest.raises(ValidationError, match="not a member"):
            set_mark(s, STAFF, ids[0], late_joiner, "present", today=TODAY)
        set_mark(s, STAFF, ids[2], late_joiner, "present", today=TODAY)
        set_mark(s, STAFF, ids[4], people[2], "present", today=TODAY)  # his last day
        with pytest.raises(ValidationError, match="not a member"):
            set_mark(s, STAFF, ids[5], people[2], "present", today=TODAY)
    with db.session() as s:
        roster = meeting_roster(s, STAFF, ids[0], today=TODAY)
        assert {e.participant_id for e in roster.entries} == set(people)
        roster = meeting_roster(s, STAFF, ids[6], today=TODAY)
        assert {e.participant_id for e in roster.entries} == {people[0], people[1], late_joiner}
        register = load_register(s, STAFF, group_id, today=TODAY)
    rows = {r.participant_id: r for r in register.rows}
    columns = register.columns
    assert not register.counts(rows[late_joiner], columns[0])
    assert register.counts(rows[late_joiner], columns[2])
    assert register.counts(rows[people[2]], columns[4])
    assert not register.counts(rows[people[2]], columns[5])  # greyed after he dropped out
    assert rows[people[2]].enrollment_status == "dropped"


def test_register_layout_and_totals(db):
    group_id, people, ids = planned_group(db)
    with db.session() as s:
        for pid in people:
            set_mark(s, STAFF, ids[0], pid, "present", today=TODAY)
        set_mark(s, STAFF, ids[1], people[0], "late", today=TODAY)
        set_mark(s, STAFF, ids[1], people[1], "excused", today=TODAY)
        set_mark(s, STAFF, ids[1], people[2], "absent", today=TODAY)
        makeup = scheduling.add_makeup(s, STAFF, ids[1], START + timedelta(days=10))
        set_mark(s, STAFF, makeup, people[1], "present", today=TODAY)
        register = load_register(s, STAFF, group_id, today=TODAY)
    labels = [c.label for c in register.columns]
    assert labels == [str(n) for n in range(1, 17)] + ["2m"]
    assert register.required == 12
    totals = {r.participant_id: register.row_total(r) for r in register.rows}
    assert totals[people[0]].text == "100% (2/2)"
    assert totals[people[1]].text == "100% (2/2)"  # the make-up covers session 2, once
    assert totals[people[2]].text == "50% (1/2)"
    assert (totals[people[2]].absent, totals[people[1]].excused) == (1, 1)
    assert register.column_total(register.columns[0]) == (3, 3)
    assert register.column_total(register.columns[1]) == (1, 3)
    assert register.mark(people[1], makeup) == "present"


def test_attendance_locks_after_the_set_number_of_days(db):
    group_id, people, ids = planned_group(db)
    with db.session() as s:
        set_setting(s, ADMIN, "attendance_lock_days", 14)
        set_mark(s, STAFF, ids[0], people[0], "present", today=START + timedelta(days=3))
    late = START + timedelta(days=20)
    with db.session() as s:
        with pytest.raises(PermissionDenied, match="locked"):
            set_mark(s, STAFF, ids[0], people[0], "absent", today=late)
        register = load_register(s, STAFF, group_id, today=late)
        assert register.columns[0].locked and not register.columns[1].locked
        assert not load_register(s, SUPERVISOR, group_id, today=late).columns[0].locked
    with db.session() as s:
        set_mark(s, SUPERVISOR, ids[0], people[0], "absent", today=late)
    with db.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "override")).one()
        assert event.entity == "attendance" and "absent" in event.after
        assert event.username == "fatmata"


def test_taking_attendance_fills_the_rest_as_present_and_marks_held(db):
    group_id, people, ids = planned_group(db, count=4)
    with db.session() as s:
        roster = meeting_roster(s, STAFF, ids[0], today=TODAY)
        assert [e.status for e in roster.entries] == [None] * 4
        set_mark(s, STAFF, ids[0], people[1], "absent", today=TODAY)
    with db.session() as s:
        filled = finish_meeting(
            s, STAFF, ids[0], START + timedelta(days=1), duration_minutes=110, today=TODAY
        )
    assert filled == 3
    with db.session() as s:
        info = scheduling.meeting_info(s, ids[0])
        assert (info.status, info.held_date, info.duration_minutes) == (
            "held",
            START + timedelta(days=1),
            110,
        )
        roster = meeting_roster(s, STAFF, ids[0], today=TODAY)
    statuses = {e.participant_id: e.status for e in roster.entries}
    assert statuses == {
        people[0]: "present",
        people[1]: "absent",
        people[2]: "present",
        people[3]: "present",
    }


def test_a_make_up_roster_lists_only_those_who_missed_the_session(db):
    group_id, people, ids = planned_group(db, count=3)
    with db.session() as s:
        set_mark(s, STAFF, ids[0], people[0], "present", today=TODAY)
        set_mark(s, STAFF, ids[0], people[1], "absent", today=TODAY)
        set_mark(s, STAFF, ids[0], people[2], "excused", today=TODAY)
        makeup = scheduling.add_makeup(s, STAFF, ids[0], START + timedelta(days=3))
    with db.session() as s:
        roster = meeting_roster(s, STAFF, makeup, today=TODAY)
        assert {e.participant_id for e in roster.entries} == {people[1], people[2]}
        assert finish_meeting(s, STAFF, makeup, START + timedelta(days=3), today=TODAY) == 2
        # A make-up of a cancelled meeting is the session's meeting for everyone.
        scheduling.cancel_meeting(s, STAFF, ids[1], "Market day")
        second = scheduling.add_makeup(s, STAFF, ids[1], START + timedelta(days=10))
        assert len(meeting_roster(s, STAFF, second, today=TODAY).entries) == 3
