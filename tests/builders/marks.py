"""Attendance marks: typed straight into the table, or a group run through the services."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from mwp_desktop.models import Attendance
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark

from ._ids import id_of
from .accounts import STAFF
from .groups import add_group_with_members

MARK_LETTERS = {"P": "present", "L": "late", "E": "excused", "A": "absent", "-": None}


def add_marks(session: Session, meeting, statuses: dict) -> list[Attendance]:
    """One mark a participant (row or id) at `meeting`: {participant: "present", …}."""
    rows = [
        Attendance(meeting_id=id_of(meeting), participant_id=id_of(person), status=status)
        for person, status in statuses.items()
    ]
    session.add_all(rows)
    session.flush()
    return rows


def add_held_group(
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
    members who came to its make-up, two days later. Returns (group, people, meeting ids).

    Planned, held and marked through the Sessions services, one save at a time as the screen
    does, so what follows a mark there (the completion rule, make-ups) happens here too."""
    with db.session() as s:
        group_id, people = add_group_with_members(s, len(patterns), code=code, start=start)
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
