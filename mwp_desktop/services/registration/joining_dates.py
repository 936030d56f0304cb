"""The day a man joined his group, when it is not the day he was typed in.

Offices type the paper list in after the group's first meeting (or weeks later), so the day a
record is saved is not the day the man joined; attendance before that day would be refused.
A group's first list therefore joins on the group's start, a later one on the day it is typed,
unless a date is given (a "Joined" column, the import's date, the registration form's field).
Nobody joins a group that has begun before its start: an earlier date means a member from its
first meeting.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound
from ...models import Enrollment, Group
from .validation import clean_past_date, parse_date


def default_joining_date(session: Session, group: Group, today: date) -> date:
    """The group's start for its first members (once it has begun), else today."""
    has_members = session.scalar(
        select(Enrollment.id).where(Enrollment.group_id == group.id).limit(1)
    )
    if has_members is None and group.start_date is not None and group.start_date <= today:
        return group.start_date
    return today


def default_joining_date_of(session: Session, group_id: int, today: date) -> date:
    """`default_joining_date` for the group with this id (the registration form's default)."""
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    return default_joining_date(session, group, today)


def joining_date(group: Group, typed: object, default: date, today: date) -> date:
    """The day typed (dd/mm/yyyy or ISO, or a date), else `default`; never before the start of
    a group that has begun. Raises ValueError with the reason, naming the Joined date."""
    try:
        day = parse_date(typed)
    except ValueError as exc:
        raise ValueError(f"Joined date: {exc}") from None
    day = clean_past_date(day, today, "Joined date") or default
    begun = group.start_date is not None and group.start_date <= today
    if begun and day < group.start_date:
        return group.start_date
    return day  # a group not begun yet: its men are registered ahead of its start, as before
