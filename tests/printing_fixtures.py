"""A small believable group built with the ORM models, for the printing tests."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from mwp_desktop.models import (
    Attendance,
    Community,
    Curriculum,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
)
from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE

START = date(2026, 1, 6)  # a Tuesday

NAMES = [
    ("Mohamed", "Sesay"),
    ("Ibrahim", "O'Neil Kargbo-Bangura"),
    ("José", "Müller-Conteh"),
    ("Abdul", "Kamara"),
    ("Foday", "Turay"),
    # 80 characters, with spaces so that it wraps.
    ("Alhaji Mohamed Abdulai Ibrahim Sorie", "Kamara-Bangura Fofanah Conteh Sesay Koromah"),
]


def long_name() -> str:
    first, last = NAMES[5]
    return f"{first} {last}"


def build_group(
    session,
    *,
    code: str = "WL-01",
    members: int = 6,
    held: int = 16,
    attended_by_index: dict[int, int] | None = None,
) -> Group:
    """A men's group meeting on Tuesdays: `members` men, 16 meetings of which the first `held`
    were held. Member i attends the first `attended_by_index[i]` held meetings (default all)."""
    attended_by_index = attended_by_index or {}
    community = session.scalar(select(Community).where(Community.name == "Waterloo"))
    if community is None:
        community = Community(name="Waterloo", chiefdom="", district="Western Rural")
        session.add(community)
    facilitator = Facilitator(name="Alhaji Bangura", sex="M", phone="+23276000111")
    curriculum = session.scalar(select(Curriculum).where(Curriculum.code == MEN_CURRICULUM_CODE))
    group = Group(
        code=code,
        name=f"Waterloo Men's Group {code[-1]}",
        kind="men",
        community=community,
        curriculum=curriculum,
        facilitator=facilitator,
        meeting_weekday=1,
        meeting_time=time(14, 0),
        venue="Waterloo Community Centre",
        start_date=START,
        status="active",
    )
    session.add(group)
    people = []
    for i in range(members):
        first, last = NAMES[i] if i < len(NAMES) else (f"Member{i}", "Jalloh")
        participant = Participant(
            code=f"P{code[-1]}{i:05d}",
            first_name=first,
            last_name=last,
            name_key=f"{first} {last}".lower(),
            sex="M",
            phone=f"+2327610{i:04d}",
            community=community,
        )
        session.add(participant)
        session.add(Enrollment(participant=participant, group=group, enrolled_on=START))
        people.append(participant)
    for n, item in enumerate(curriculum.sessions):
        day = START + timedelta(weeks=n)
        meeting = Meeting(
            group=group,
            session=item,
            planned_date=day,
            status="held" if n < held else "planned",
            held_date=day if n < held else None,
            venue="",
        )
        session.add(meeting)
        if n < held:
            for i, participant in enumerate(people):
                came = n < attended_by_index.get(i, held)
                session.add(
                    Attendance(
                        meeting=meeting,
                        participant=participant,
                        status="present" if came else "absent",
                    )
                )
    session.flush()
    return group
