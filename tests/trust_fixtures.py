"""Small, hand-made records for the trust tests (users, backups, crash safety, PostgreSQL).

Kept independent of the demo generator so these tests say exactly what they rely on.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mwp_desktop.models import (
    Attendance,
    Community,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
)
from mwp_desktop.services.registration.codes import next_participant_code
from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE, latest_curriculum

FIRST_NAMES = ("Mohamed", "Ibrahim", "Abu", "Foday", "Alusine", "Sorie", "Musa", "Santigie")
LAST_NAMES = ("Kamara", "Sesay", "Conteh", "Bangura", "Koroma", "Turay")


def add_small_records(session: Session, participants: int = 12, meetings: int = 4) -> int:
    """A community, a facilitator, one men's group with members, held meetings and marks.

    Returns the group's id."""
    community = Community(name="Kissy Brook", chiefdom="Western Area", district="Western Urban")
    facilitator = Facilitator(name="Joseph Kanu", sex="M", phone="+23276111222")
    curriculum = latest_curriculum(session, MEN_CURRICULUM_CODE)
    group = Group(
        code="WU-001",
        name="Kissy Brook men",
        kind="men",
        community=community,
        curriculum=curriculum,
        facilitator=facilitator,
        meeting_weekday=2,
        start_date=date(2026, 3, 4),
        status="active",
    )
    session.add(group)
    session.flush()
    people = []
    for i in range(participants):
        first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[i % len(LAST_NAMES)]
        person = Participant(
            code=next_participant_code(session),
            first_name=first,
            last_name=last,
            name_key=f"{first} {last}".lower(),
            sex="M",
            birth_year=1970 + i,
            phone=f"+2327600{i:04d}",
            community=community,
        )
        session.add(person)
        session.add(Enrollment(participant=person, group=group, enrolled_on=date(2026, 3, 1)))
        people.append(person)
    session.flush()
    sessions = session.scalars(
        select(CurriculumSession)
        .where(CurriculumSession.curriculum_id == curriculum.id)
        .order_by(CurriculumSession.number)
    ).all()
    for n in range(meetings):
        day = date(2026, 3, 4) + timedelta(weeks=n)
        meeting = Meeting(
            group=group,
            session=sessions[n],
            planned_date=day,
            held_date=day,
            status="held",
        )
        session.add(meeting)
        session.flush()
        for i, person in enumerate(people):
            status = ("present", "late", "absent", "excused")[(i + n) % 4]
            session.add(Attendance(meeting=meeting, participant=person, status=status))
    session.flush()
    return group.id


def fast_hashing_for_tests(monkeypatch) -> None:
    """scrypt at a lower cost, so tests that sign in many times stay fast. The hash records
    its own cost, so signing in checks it exactly as it does with the full cost."""
    from mwp_desktop.services.admin import users

    monkeypatch.setattr(users, "SCRYPT_N", 2**10)


def module_database_url(tmp_path_factory) -> str:
    """A database shared by one test module (SQLite, or PostgreSQL in the PostgreSQL run)."""
    import os

    server = os.environ.get("MWP_TEST_POSTGRES_URL")
    if server:
        from tests.postgres import fresh_postgres_database

        return fresh_postgres_database(server)
    return str(tmp_path_factory.mktemp("shared") / "shared.sqlite3")


def all_records(db, skip: tuple[str, ...] = ("audit_events",)) -> dict[str, list[tuple]]:
    """Every row of every table, in key order: for comparing two databases record by record."""
    from mwp_desktop.models import Base

    records = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            query = table.select().order_by(*table.primary_key.columns)
            records[table.name] = [tuple(row) for row in conn.execute(query)]
    return records
