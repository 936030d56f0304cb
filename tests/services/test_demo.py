"""The demo data generator: believable, consistent with the office's rules, and repeatable."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date

import holidays
import pytest
from sqlalchemy import func, select

from mwp_desktop.errors import UserError
from mwp_desktop.models import (
    Attendance,
    Community,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
    Setting,
)
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.demo.builder import DemoSummary, build_demo
from mwp_desktop.services.registration.codes import (
    COUNTER_KEY,
    is_valid_participant_code,
    next_participant_code,
)
from mwp_desktop.services.sessions.completion import group_required_sessions, group_tallies

TODAY = date(2026, 11, 28)
PHONE = re.compile(r"^\+232\d{8}$")
GROUP_CODE = re.compile(r"^[A-Z]{2,3}-[MWX]\d{3}$")
SL_HOLIDAYS = set(holidays.country_holidays("SL", years=range(2023, 2029)))


def count(db, entity) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(entity))


def check_invariants(db, summary: DemoSummary) -> None:
    """Everything that must hold for any scale; failures name the first offending row."""
    with db.session() as s:
        groups = s.scalars(select(Group)).all()
        meetings = s.scalars(select(Meeting)).all()
        enrollments = s.scalars(select(Enrollment)).all()
        people = s.scalars(select(Participant)).all()
        marks = s.execute(select(Attendance.meeting_id, Attendance.participant_id)).all()
        session_numbers = dict(
            s.execute(select(CurriculumSession.id, CurriculumSession.number)).all()
        )

        # The summary tells the truth.
        assert summary.groups == len(groups)
        assert summary.participants == len(people)
        assert summary.enrollments == len(enrollments)
        assert summary.meetings == len(meetings)
        assert summary.attendance_marks == len(marks)
        assert summary.communities == count(db, Community)
        assert summary.facilitators == count(db, Facilitator)

        # Codes: unique, well formed, and the counter is past the last one.
        codes = [g.code for g in groups]
        assert len(set(codes)) == len(codes) and all(GROUP_CODE.match(c) for c in codes)
        person_codes = sorted(p.code for p in people)
        assert len(set(person_codes)) == len(people)
        assert all(is_valid_participant_code(c) for c in person_codes)
        counter = s.scalar(select(Setting.value).where(Setting.key == COUNTER_KEY))
        assert int(counter) == len(people) == int(person_codes[-1][1:7])

        # Phones are stored normalised; some people have none.
        phones = [p.phone for p in people] + s.scalars(select(Facilitator.phone)).all()
        assert all(PHONE.match(p) for p in phones if p is not None)
        assert any(p.phone is None for p in people) or len(people) < 100

        # Partners point at each other.
        partner_of = {p.id: p.partner_id for p in people}
        assert all(partner_of[b] == a for a, b in partner_of.items() if b is not None)

        # Meetings: none on a public holiday; only past ones held; make-ups cover the session
        # they replace, a few days after it, in the same group.
        by_id = {m.id: m for m in meetings}
        for m in meetings:
            assert m.planned_date not in SL_HOLIDAYS, m.planned_date
            assert m.held_date is None or m.held_date not in SL_HOLIDAYS
            if m.status == "held":
                assert m.held_date < TODAY
            if m.makeup_of_id is None:
                assert (m.status == "planned") == (m.planned_date >= TODAY), m.id
            else:
                missed = by_id[m.makeup_of_id]
                assert missed.status in ("cancelled", "postponed")
                assert (missed.group_id, missed.session_id) == (m.group_id, m.session_id)
                assert 0 < (m.planned_date - missed.planned_date).days <= 7

        # Every group has one regular meeting per curriculum session, weekly on its weekday.
        regular: dict[int, list[Meeting]] = {}
        held_days: dict[int, list[date]] = {}
        for m in meetings:
            if m.makeup_of_id is None:
                regular.setdefault(m.group_id, []).append(m)
            if m.status == "held":
                held_days.setdefault(m.group_id, []).append(m.held_date)
        for g in groups:
            own = sorted(regular[g.id], key=lambda m: m.planned_date)
            size = 8 if g.kind == "women" else 16
            assert [session_numbers[m.session_id] for m in own] == list(range(1, size + 1))
            assert own[0].planned_date >= g.start_date
            assert all(m.planned_date.weekday() == g.meeting_weekday for m in own)
            gaps = {
                (b.planned_date - a.planned_date).days for a, b in zip(own, own[1:], strict=False)
            }
            assert gaps <= {7, 14, 21}
            if g.status == "planned":
                assert g.id not in held_days and g.start_date >= TODAY
            if g.status == "closed":
                assert g.closed_on == max(held_days[g.id])

        # Attendance: one mark per meeting and person, only at held meetings, only while
        # the person was a member of that group.
        assert len(set(marks)) == len(marks)
        spans: dict[tuple[int, int], list[tuple[date, date]]] = {}
        for e in enrollments:
            spans.setdefault((e.participant_id, e.group_id), []).append(
                (e.enrolled_on, e.ended_on or date.max)
            )
        for meeting_id, person in marks:
            m = by_id[meeting_id]
            assert m.status == "held"
            assert any(a <= m.held_date <= b for a, b in spans[person, m.group_id])

        # Enrolments: ended ones have a date; transfers point at a group of the same district
        # where the person has a later enrolment; statuses fit the group's.
        group_of = {g.id: g for g in groups}
        for e in enrollments:
            group = group_of[e.group_id]
            if e.status in ("completed", "not_completed"):
                assert group.status == "closed" and e.ended_on == group.closed_on
            if e.status in ("dropped", "transferred"):
                assert e.ended_on is not None and e.reason
            if e.status == "transferred":
                target = group_of[e.transferred_to_group_id]
                assert target.code[:3] == group.code[:3] and target.id != group.id
                assert (e.participant_id, target.id) in spans
            if e.status == "active":
                assert group.status in ("active", "planned") and e.ended_on is None

        # The completion rule, counted the way the certificate service counts it.
        finished: dict[int, list[Enrollment]] = {}
        for e in enrollments:
            if e.status in ("completed", "not_completed"):
                finished.setdefault(e.group_id, []).append(e)
        for group_id, members in finished.items():
            needed = group_required_sessions(s, group_id)
            assert needed == (6 if group_of[group_id].kind == "women" else 12)
            tallies = group_tallies(s, group_id)
            for e in members:
                attended = tallies[e.participant_id].sessions_attended
                assert (attended >= needed) == (e.status == "completed"), e.id

    if db.is_sqlite:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_small_demo_is_three_groups_and_keeps_every_rule(db):
    summary = build_demo(db, "small", 1, today=TODAY)

    assert summary.scale == "small"
    assert summary.groups == 3 and summary.communities <= 2
    assert 50 <= summary.participants <= 70
    with db.session() as s:
        kinds = Counter(s.scalars(select(Group.kind)))
        statuses = Counter(s.scalars(select(Group.status)))
        enrolled = Counter(s.scalars(select(Enrollment.status)))
    assert kinds == {"men": 2, "women": 1}
    assert statuses["closed"] >= 1 and statuses["active"] >= 1
    assert enrolled["completed"] and enrolled["not_completed"] and enrolled["dropped"]
    check_invariants(db, summary)


def test_records_added_after_the_demo_get_fresh_codes_and_ids(db):
    """The code counter and (on PostgreSQL) the id sequences are past the demo's rows."""
    summary = build_demo(db, "small", 3, today=TODAY)
    with db.session() as s:
        code = next_participant_code(s)
        place = Community(
            name="Lumley Beach", chiefdom="Freetown West", district="Western Area Urban"
        )
        s.add(place)
        s.flush()
        person = Participant(code=code, first_name="Sahr", last_name="Kamara",
                             name_key="sahr kamara", sex="M", community_id=place.id)  # fmt: skip
        s.add_all([person, Facilitator(name="Hawa Sesay", sex="F", phone="+23276123456")])
        s.flush()
        group = s.scalars(select(Group).where(Group.status == "active")).first()
        meeting = s.scalars(select(Meeting).where(Meeting.group_id == group.id)).first()
        extra = Meeting(group_id=group.id, session_id=meeting.session_id, planned_date=TODAY)
        s.add_all(
            [extra, Enrollment(participant_id=person.id, group_id=group.id, enrolled_on=TODAY)]
        )
        s.flush()
        s.add(Attendance(meeting_id=extra.id, participant_id=person.id, status="present"))
    assert int(code[1:7]) == summary.participants + 1
    assert count(db, Participant) == summary.participants + 1


def test_attendance_looks_like_real_groups(db):
    build_demo(db, "small", 1, today=TODAY)
    with db.session() as s:
        shares = Counter(s.scalars(select(Attendance.status)))
        total = sum(shares.values())
        present_by_session = s.execute(
            select(CurriculumSession.number, func.count())
            .join(Meeting, Meeting.session_id == CurriculumSession.id)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(Attendance.status.in_(("present", "late")))
            .group_by(CurriculumSession.number)
        ).all()
    assert 0.55 < shares["present"] / total < 0.85
    assert 0.02 < shares["late"] / total < 0.15
    assert 0.01 < shares["excused"] / total < 0.12
    attended = dict(present_by_session)
    assert attended[1] > attended[max(attended)]  # attendance thins out over the weeks


def test_same_seed_gives_the_same_data(db, data_dir):
    other = open_for_use(str(data_dir / "again.sqlite3"))
    third = open_for_use(str(data_dir / "other-seed.sqlite3"))
    try:
        build_demo(db, "small", 7, today=TODAY)
        build_demo(other, "small", 7, today=TODAY)
        build_demo(third, "small", 8, today=TODAY)
        assert snapshot(db) == snapshot(other)
        assert snapshot(db) != snapshot(third)
    finally:
        other.close()
        third.close()


def snapshot(db) -> dict[str, list[tuple]]:
    """Every demo table's rows, without the UUIDs and timestamps that differ by design."""
    skip = {"uuid", "created_at", "updated_at", "recorded_at"}
    tables = (Community, Facilitator, Group, Participant, Enrollment, Meeting, Attendance)
    result = {}
    with db.engine.connect() as conn:
        for entity in tables:
            table = entity.__table__
            columns = [c for c in table.columns if c.name not in skip]
            result[table.name] = conn.execute(select(*columns).order_by(table.c.id)).all()
    return result


def test_refuses_a_database_that_holds_groups_and_changes_nothing(db):
    build_demo(db, "small", 1, today=TODAY)
    before = snapshot(db)
    with pytest.raises(UserError, match=r"new, empty database.*already holds 3 groups"):
        build_demo(db, "small", 2, today=TODAY)
    assert snapshot(db) == before


def test_refuses_an_unknown_scale(db):
    with pytest.raises(UserError, match="choose small, office, national or 4x"):
        build_demo(db, "huge", today=TODAY)
    assert count(db, Group) == 0


def test_cancel_saves_nothing(db):
    calls = []

    def cancel_after_a_few_checks() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(UserError, match="cancelled; nothing was saved"):
        build_demo(db, "small", 1, today=TODAY, cancelled=cancel_after_a_few_checks)
    for entity in (Community, Facilitator, Group, Participant, Meeting, Attendance):
        assert count(db, entity) == 0
    with db.session() as s:
        assert s.scalar(select(Setting).where(Setting.key == COUNTER_KEY)) is None
    build_demo(db, "small", 1, today=TODAY)  # and a later build still works
    assert count(db, Group) == 3


def test_progress_runs_from_start_to_done(db):
    seen: list[tuple[str, float]] = []
    build_demo(db, "small", 1, today=TODAY, progress=lambda stage, f: seen.append((stage, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(stage for stage, _ in seen)


def test_sqlite_is_back_to_full_sync_after_the_build(db):
    if not db.is_sqlite:
        pytest.skip("SQLite only")
    build_demo(db, "small", 1, today=TODAY)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_office_demo_is_a_year_of_an_office(db):
    started = time.perf_counter()
    summary = build_demo(db, "office", 1, today=TODAY)
    assert time.perf_counter() - started < 30

    assert summary.groups == 120
    assert 2500 <= summary.participants <= 3500
    assert summary.facilitators == pytest.approx(120 / 3, rel=0.3)
    with db.session() as s:
        kinds = Counter(s.scalars(select(Group.kind)))
        statuses = Counter(s.scalars(select(Group.status)))
        enrolled = Counter(s.scalars(select(Enrollment.status)))
        districts = set(s.scalars(select(Community.district)))
        makeups = s.scalar(select(func.count()).where(Meeting.makeup_of_id.is_not(None)))
    assert kinds["men"] == 90 and kinds["women"] == 24 and kinds["mixed"] == 6
    assert statuses["closed"] > 60 and statuses["active"] > 5 and statuses["planned"] >= 1
    assert {"Western Area Rural", "Western Area Urban", "Moyamba"} <= districts
    assert enrolled["transferred"] and enrolled["dropped"] and makeups
    assert enrolled["completed"] > enrolled["not_completed"]
    check_invariants(db, summary)


def test_demo_database_has_one_sign_in_per_role(db):
    from mwp_desktop.services.admin.users import authenticate
    from mwp_desktop.services.demo.accounts import DEMO_ACCOUNTS, is_demo_database

    build_demo(db, "small", 1, today=TODAY)
    with db.session() as s:
        assert is_demo_database(s)
    roles = {authenticate(db, a.username, a.password).role for a in DEMO_ACCOUNTS}
    assert roles == {"admin", "supervisor", "staff", "facilitator"}


def test_the_office_demo_has_commitments_themes_and_concerns_that_keep_the_rules(db):
    from mwp_desktop.models import (
        Commitment,
        CommitmentCheckIn,
        SafeguardingConcern,
        WomenFeedback,
    )

    build_demo(db, "office", 1, today=TODAY)
    with db.session() as s:
        kinds = Counter(s.scalars(select(Commitment.kind)))
        per_man = Counter(
            s.execute(
                select(Commitment.group_id, Commitment.participant_id).where(
                    Commitment.kind == "commitment"
                )
            ).all()
        )
        check_ins = s.scalar(select(func.count()).select_from(CommitmentCheckIn))
        too_many_women = s.scalar(
            select(func.count())
            .select_from(WomenFeedback)
            .join(Meeting, Meeting.id == WomenFeedback.meeting_id)
            .where(WomenFeedback.raised_by > Meeting.marks_present + Meeting.marks_late)
        )
        concerns = s.scalar(select(func.count()).select_from(SafeguardingConcern))
        themes = s.scalar(select(func.count()).select_from(WomenFeedback))
    assert kinds["commitment"] > 1000 and kinds["next_step"] > 100
    assert set(per_man.values()) <= {1, 2, 3}
    assert check_ins > kinds["commitment"] and themes > 50 and too_many_women == 0
    assert 1 <= concerns <= 6
