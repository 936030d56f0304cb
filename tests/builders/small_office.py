"""A small office's records for the trust tests (backups, restore, crash safety, checks)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from mwp_desktop.models import Group

from .groups import add_group, add_weekly_meetings
from .marks import add_marks
from .people import FIRST_NAMES, LAST_NAMES, add_membership, add_participant
from .places import add_community, add_facilitator

ROTATION = ("present", "late", "absent", "excused")


def add_small_office(session: Session, participants: int = 12, meetings: int = 4) -> Group:
    """One men's group in Kissy Brook (WU-001, Wednesdays from 4 March 2026) with
    `participants` members, each with a phone and a birth year, and its first `meetings`
    meetings held, every kind of mark at each."""
    kissy_brook = add_community(
        session, "Kissy Brook", chiefdom="Western Area", district="Western Urban"
    )
    wu = add_group(
        session,
        "WU-001",
        name="Kissy Brook men",
        community=kissy_brook,
        facilitator=add_facilitator(session, "Joseph Kanu", phone="+23276111222"),
        start=date(2026, 3, 4),
    )
    people = []
    for i in range(participants):
        person = add_participant(
            session,
            FIRST_NAMES[i % len(FIRST_NAMES)],
            LAST_NAMES[i % len(LAST_NAMES)],
            born=1970 + i,
            phone=f"+2327600{i:04d}",
            community=kissy_brook,
        )
        add_membership(session, person, wu, enrolled_on=date(2026, 3, 1))
        people.append(person)
    for n, held in enumerate(add_weekly_meetings(session, wu, meetings, held=meetings)):
        add_marks(session, held, {p: ROTATION[(i + n) % 4] for i, p in enumerate(people)})
    return wu
