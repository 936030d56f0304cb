"""Each group's kept session figures (first and last day held, meetings, men who came, members
on the first day) follow every change of meetings, marks and enrolments, and equal what the
rows say, counted plainly here; the retention chart reads them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from mwp_desktop.models import Attendance, CurriculumSession, Enrollment, Meeting
from mwp_desktop.services.admin.integrity import database_problems
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.registration import enrollments
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark
from tests.builders.accounts import STAFF
from tests.builders.marks import add_held_group
from tests.builders.people import add_members

TODAY = date(2026, 3, 1)
START = date(2026, 1, 5)
KEPT = (
    "SELECT group_id, session_number, first_held, last_held, meetings, attended, members "
    "FROM group_session_totals"
)


def kept(db) -> dict[tuple[int, int], tuple]:
    with db.engine.connect() as conn:
        return {
            (gid, number): (str(first), str(last), meetings, came, members)
            for gid, number, first, last, meetings, came, members in conn.execute(text(KEPT))
        }


def counted_plainly(db) -> dict[tuple[int, int], tuple]:
    """From the rows, one by one: every held meeting under its group and session number; the
    men marked present or late at any of them, once each; the enrolments begun by the first
    day, less those transferred out by then."""
    with db.session() as s:
        held = s.execute(
            select(Meeting.id, Meeting.group_id, CurriculumSession.number, Meeting.held_date)
            .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
            .where(Meeting.status == "held")
        ).all()
        marks = s.execute(
            select(Attendance.meeting_id, Attendance.participant_id, Attendance.status)
        ).all()
        joined = s.execute(
            select(Enrollment.group_id, Enrollment.enrolled_on, Enrollment.ended_on,
                   Enrollment.status)
        ).all()  # fmt: skip
    days, came = defaultdict(list), defaultdict(set)
    key_of = {}
    for meeting_id, group_id, number, day in held:
        key_of[meeting_id] = (group_id, number)
        days[(group_id, number)].append(day)
    for meeting_id, participant_id, status in marks:
        if meeting_id in key_of and status in ("present", "late"):
            came[key_of[meeting_id]].add(participant_id)
    result = {}
    for (group_id, number), held_on in days.items():
        first = min(held_on)
        members = sum(1 for g, on, _end, _st in joined if g == group_id and on <= first) - sum(
            1
            for g, _on, end, status in joined
            if g == group_id and status == "transferred" and end is not None and end <= first
        )
        result[(group_id, number)] = (
            str(first), str(max(held_on)), len(held_on), len(came[(group_id, number)]), members
        )  # fmt: skip
    return result


def test_kept_figures_follow_meetings_marks_and_enrolments(db):
    group, people, ids = add_held_group(db, ["PPA", "LAP", "AEP", "PP-"], start=START, today=TODAY)
    other, _others, other_ids = add_held_group(db, ["P"], code="WR-002", start=START, today=TODAY)
    assert kept(db) == counted_plainly(db)
    assert kept(db)[(group, 1)] == ("2026-01-05", "2026-01-05", 1, 3, 4)
    assert kept(db)[(group, 3)] == ("2026-01-19", "2026-01-19", 1, 2, 4)

    with db.session() as s:  # a make-up of session 2: a man at both counts once
        makeup = scheduling.add_makeup(s, STAFF, ids[1], START + timedelta(days=9))
        scheduling.mark_held(s, STAFF, makeup, START + timedelta(days=9), today=TODAY)
        set_mark(s, STAFF, makeup, people[0], "present", today=TODAY)
        set_mark(s, STAFF, makeup, people[1], "late", today=TODAY)
    assert kept(db)[(group, 2)] == ("2026-01-12", "2026-01-14", 2, 3, 4)
    assert kept(db) == counted_plainly(db)

    with db.session() as s:  # a mark corrected, then cleared
        set_mark(s, STAFF, ids[0], people[2], "present", today=TODAY)
    assert kept(db)[(group, 1)][3] == 4
    with db.session() as s:
        set_mark(s, STAFF, ids[0], people[2], None, today=TODAY)
    assert kept(db)[(group, 1)][3] == 3
    assert kept(db) == counted_plainly(db)

    with db.session() as s:  # a man joins late, another transfers out, a third drops out
        newcomer = add_members(s, group, 1, enrolled_on=START + timedelta(days=8))[0].id
    # he joined on the 13th: after session 2's first day (the 12th), before session 3's
    assert [kept(db)[(group, n)][4] for n in (1, 2, 3)] == [4, 4, 5]
    with db.session() as s:
        enrollments.transfer(s, STAFF, people[3], other, on=START + timedelta(days=13))
    with db.session() as s:
        dropping = s.scalar(
            select(Enrollment.id).where(
                Enrollment.participant_id == people[2], Enrollment.group_id == group
            )
        )
        enrollments.drop(s, STAFF, dropping, START + timedelta(days=10), "moved away")
    # transferred out on the 18th, before session 3 (the 19th); the dropped man stays counted
    assert [kept(db)[(group, n)][4] for n in (1, 2, 3)] == [4, 4, 4]
    assert kept(db) == counted_plainly(db)
    with db.session() as s:  # the newcomer's joining day moved back to the start
        enrollments.move_joining_date(s, STAFF, newcomer, group, START)
    assert kept(db)[(group, 1)][4] == 5
    assert kept(db) == counted_plainly(db)

    with db.session() as s:  # a held meeting put under the wrong session, then the wrong group
        s.get(Meeting, ids[2]).session_id = s.get(Meeting, ids[4]).session_id
    assert (group, 3) not in kept(db) and kept(db)[(group, 5)][2] == 1
    with db.session() as s:
        s.get(Meeting, ids[2]).group_id = other
    assert (group, 5) not in kept(db) and (other, 5) in kept(db)
    assert kept(db) == counted_plainly(db)

    with db.session() as s:  # held on another day, then back to planned
        s.get(Meeting, ids[0]).held_date = START + timedelta(days=1)
    assert kept(db)[(group, 1)][:2] == ("2026-01-06", "2026-01-06")
    with db.session() as s:
        meeting = s.get(Meeting, ids[0])
        meeting.status, meeting.held_date = "planned", None
    assert (group, 1) not in kept(db)
    assert kept(db) == counted_plainly(db)

    with db.session() as s:  # a meeting and its marks deleted
        for mark in s.scalars(select(Attendance).where(Attendance.meeting_id == other_ids[0])):
            s.delete(mark)
        s.flush()
        s.delete(s.get(Meeting, other_ids[0]))
    assert (other, 1) not in kept(db)
    assert kept(db) == counted_plainly(db)


def test_a_demo_database_keeps_the_figures_of_its_rows(db):
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    assert kept(db) == counted_plainly(db)
    assert len(kept(db)) > 20  # the small demo: a few groups, a few months of sessions


@pytest.mark.sqlite_only
def test_the_migration_fills_in_the_figures_of_an_older_database(db):
    """Back to 0009 (the table goes) and up again: the migration fills it from the rows."""
    from alembic import command

    from mwp_desktop.models.database import alembic_config

    build_demo(db, "small", 1, today=date(2026, 6, 1))
    expected = counted_plainly(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        command.downgrade(alembic_config(conn), "0009_groups_rates_index")
        conn.commit()
        assert "group_session_totals" not in {
            name for (name,) in conn.exec_driver_sql("SELECT name FROM sqlite_master")
        }
        command.upgrade(alembic_config(conn), "0011_dashboard_totals")
        conn.commit()
    assert kept(db) == expected


def test_check_names_a_kept_figure_changed_behind_the_programs_back(db):
    group, _people, _ids = add_held_group(db, ["PPA", "LAP"], start=START, today=TODAY)
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE group_session_totals SET attended = attended + 7 "
                "WHERE group_id = :g AND session_number = 2"
            ),
            {"g": group},
        )
    assert database_problems(db) == [
        f"group_session_totals.attended (session 2) of id {group} is stored as 8, recounted 1"
    ]
