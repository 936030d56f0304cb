"""Small hand-made records for tests, built with the ORM (no services), so a test reads its data."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mwp_desktop.models import (
    Community,
    Curriculum,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
)
from mwp_desktop.services.registration.codes import participant_code


def community(
    session: Session, name="Waterloo", chiefdom="Waterloo", district="Western Area Rural"
):
    row = Community(name=name, chiefdom=chiefdom, district=district)
    session.add(row)
    session.flush()
    return row


def facilitator(session: Session, name="Abu Kamara", sex="M"):
    row = Facilitator(name=name, sex=sex, phone="+23276123456")
    session.add(row)
    session.flush()
    return row


def participant(session: Session, serial: int, first="Mohamed", last="Sesay", place=None, sex="M"):
    row = Participant(
        code=participant_code(serial),
        first_name=first,
        last_name=last,
        name_key=f"{first} {last}".lower(),
        sex=sex,
        community_id=place.id if place else None,
    )
    session.add(row)
    session.flush()
    return row


def men_curriculum(session: Session) -> Curriculum:
    return session.scalars(select(Curriculum).where(Curriculum.code == "MWP-MEN")).one()


def group_with_meetings(session: Session, code="WAR-M001", start=date(2026, 1, 5), members=3):
    """A men's group with its 16 weekly meetings planned and `members` enrolled men."""
    place = community(session)
    curriculum = men_curriculum(session)
    group = Group(
        code=code,
        name=f"{place.name} men's group",
        kind="men",
        community_id=place.id,
        curriculum_id=curriculum.id,
        facilitator_id=facilitator(session).id,
        meeting_weekday=start.weekday(),
        start_date=start,
        status="active",
    )
    session.add(group)
    session.flush()
    for week, item in enumerate(curriculum.sessions):
        session.add(
            Meeting(
                group_id=group.id,
                session_id=item.id,
                planned_date=start + timedelta(weeks=week),
                status="planned",
            )
        )
    for serial in range(1, members + 1):
        man = participant(session, serial, first=f"Man{serial}", place=place)
        session.add(
            Enrollment(participant_id=man.id, group_id=group.id, enrolled_on=start, status="active")
        )
    session.flush()
    return group
