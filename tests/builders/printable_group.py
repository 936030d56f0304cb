"""A believable men's group for the printing tests: names that are hard to print, a meeting
time and venue, meetings held with marks."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy.orm import Session

from mwp_desktop.models import Group

from .groups import add_group, add_weekly_meetings
from .marks import add_marks
from .people import add_membership, add_participant
from .places import add_community, add_facilitator

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


def add_printable_group(
    session: Session,
    *,
    code: str = "WL-01",
    members: int = 6,
    held: int = 16,
    attended_by_index: dict[int, int] | None = None,
) -> Group:
    """A men's group in Waterloo meeting on Tuesdays at 14:00: `members` men (NAMES first,
    then Member6 Jalloh…, codes P<last digit of the group code><index>), 16 meetings of which
    the first `held` were held. Member i attends the first `attended_by_index[i]` held
    meetings (default all) and is marked absent at the others."""
    attended_by_index = attended_by_index or {}
    waterloo = add_community(session, "Waterloo", chiefdom="", district="Western Rural")
    made = add_group(
        session,
        code,
        name=f"Waterloo Men's Group {code[-1]}",
        community=waterloo,
        facilitator=add_facilitator(session, "Alhaji Bangura", phone="+23276000111"),
        start=START,
        meeting_time=time(14, 0),
        venue="Waterloo Community Centre",
    )
    people = []
    for i in range(members):
        first, last = NAMES[i] if i < len(NAMES) else (f"Member{i}", "Jalloh")
        person = add_participant(
            session,
            first,
            last,
            code=f"P{code[-1]}{i:05d}",
            phone=f"+2327610{i:04d}",
            community=waterloo,
        )
        add_membership(session, person, made)
        people.append(person)
    for n, meeting in enumerate(add_weekly_meetings(session, made, held=held)[:held]):
        attended = {person: n < attended_by_index.get(i, held) for i, person in enumerate(people)}
        add_marks(
            session, meeting, {p: "present" if came else "absent" for p, came in attended.items()}
        )
    return made
