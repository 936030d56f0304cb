"""A group part-way through its schedule, planned through the Sessions service as staff do."""

from __future__ import annotations

from datetime import date, timedelta

from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.agenda import week_start

from .accounts import STAFF
from .groups import add_group_with_members

# Three weeks ago on Monday: meetings 1 to 3 are past and still planned (overdue).
START = week_start(date.today()) - timedelta(weeks=3)


def add_scheduled_group(db, code: str = "WR-001") -> tuple[int, list[int], list[int]]:
    """Four members since START and sixteen weekly meetings from START: (group id, participant
    ids, meeting ids in order)."""
    with db.session() as s:
        group_id, people = add_group_with_members(s, 4, code=code, start=START, enrolled_on=START)
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
    return group_id, people, ids
