"""Small groups, members and schedules made straight with the ORM, for the scheduling and
attendance tests (the registration services are built in parallel)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from mwp_desktop.models import (
    Community,
    Curriculum,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
)
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE, WOMEN_CURRICULUM_CODE

ADMIN = Actor(user_id=None, username="admin", role="admin")
STAFF = Actor(user_id=None, username="aminata", role="staff")
SUPERVISOR = Actor(user_id=None, username="fatmata", role="supervisor")
FACILITATOR = Actor(user_id=None, username="ibrahim", role="facilitator")

FIRST_NAMES = ("Mohamed", "Ibrahim", "Abu", "Sorie", "Alusine", "Foday", "Sahr", "Musa")


def make_group(
    session,
    code: str = "WR-001",
    *,
    kind: str = "men",
    start: date | None = date(2026, 1, 5),
    weekday: int = 0,
    members: int = 5,
    enrolled_on: date = date(2026, 1, 1),
) -> tuple[int, list[int]]:
    """A group with `members` active members; returns (group id, participant ids)."""
    curriculum_code = MEN_CURRICULUM_CODE if kind == "men" else WOMEN_CURRICULUM_CODE
    curriculum = session.scalars(
        select(Curriculum).where(Curriculum.code == curriculum_code)
    ).first()
    community = session.scalars(select(Community).where(Community.name == "Waterloo")).first()
    if community is None:
        community = Community(name="Waterloo", chiefdom="Mountain Rural", district="Western Rural")
        session.add(community)
    facilitator = Facilitator(name=f"Facilitator {code}", sex="M", phone="+23276000000")
    group = Group(
        code=code,
        name=f"Group {code}",
        kind=kind,
        community=community,
        curriculum=curriculum,
        facilitator=facilitator,
        meeting_weekday=weekday,
        start_date=start,
        venue="Community barray",
        status="active",
    )
    session.add(group)
    session.flush()
    ids = [add_member(session, group.id, i, enrolled_on) for i in range(members)]
    return group.id, ids


def add_member(session, group_id: int, index: int, enrolled_on: date, **enrollment) -> int:
    serial = (session.scalar(select(Participant.id).order_by(Participant.id.desc())) or 0) + 1
    person = Participant(
        code=f"T{serial:06d}",
        first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
        last_name=f"Kamara{serial}",
        name_key=f"x{serial}",
        sex="M",
        phone=f"+2327{serial:07d}",
    )
    session.add(person)
    session.flush()
    session.add(
        Enrollment(
            participant_id=person.id,
            group_id=group_id,
            enrolled_on=enrolled_on,
            **enrollment,
        )
    )
    session.flush()
    return person.id


def plan_weekly(session, group_id: int, first: date, count: int | None = None) -> list[int]:
    """Meetings a week apart (no holiday logic), straight into the table."""
    group = session.get(Group, group_id)
    sessions = group.curriculum.sessions[: count or None]
    meetings = [
        Meeting(
            group_id=group_id,
            session_id=s.id,
            planned_date=first + timedelta(weeks=i),
            status="planned",
        )
        for i, s in enumerate(sessions)
    ]
    session.add_all(meetings)
    session.flush()
    return [m.id for m in meetings]


MARK_LETTERS = {"P": "present", "L": "late", "E": "excused", "A": "absent", "-": None}


def held_group(
    db,
    patterns: list[str],
    *,
    code: str = "WR-001",
    start: date = date(2026, 1, 5),
    today: date = date(2026, 3, 1),
    makeups: dict[int, list[int]] | None = None,
) -> tuple[int, list[int], list[int]]:
    """A group of weekly meetings whose first len(pattern) were held with these marks (one
    string a member: P L E A, or - for no mark). `makeups` maps a meeting's index to the
    members who came to its make-up, two days later. Returns (group, people, meeting ids)."""
    from mwp_desktop.services.sessions import scheduling
    from mwp_desktop.services.sessions.attendance import set_mark

    with db.session() as s:
        group_id, people = make_group(s, code=code, members=len(patterns))
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [start + timedelta(weeks=i) for i in range(16)]
        )
    for number in range(len(patterns[0])):
        with db.session() as s:
            scheduling.mark_held(
                s, STAFF, ids[number], start + timedelta(weeks=number), today=today
            )
            for pid, pattern in zip(people, patterns, strict=True):
                status = MARK_LETTERS[pattern[number]]
                if status:
                    set_mark(s, STAFF, ids[number], pid, status, today=today)
    for number, came in (makeups or {}).items():
        with db.session() as s:
            day = start + timedelta(weeks=number, days=2)
            makeup = scheduling.add_makeup(s, STAFF, ids[number], day)
            scheduling.mark_held(s, STAFF, makeup, day, today=today)
            for index in came:
                set_mark(s, STAFF, makeup, people[index], "present", today=today)
    return group_id, people, ids
