"""Counts for the status bar: how much the open database holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Group, Meeting, Participant


@dataclass(frozen=True)
class DatabaseCounts:
    groups: int
    active_groups: int
    participants: int
    meetings_held: int

    def describe(self) -> str:
        return (
            f"{self.groups:,} groups ({self.active_groups:,} active) · "
            f"{self.participants:,} participants · {self.meetings_held:,} meetings held"
        )


def database_counts(session: Session) -> DatabaseCounts:
    # Plain table queries, not ORM ones: the status bar is filled as the window first opens,
    # and the first ORM query would set up every mapper's relationships (~70 ms) before then.
    groups_table, meetings, people = Group.__table__, Meeting.__table__, Participant.__table__
    groups, active = session.execute(
        select(func.count(), func.count().filter(groups_table.c.status == "active")).select_from(
            groups_table
        )
    ).one()
    participants = session.scalar(select(func.count()).select_from(people))
    held = session.scalar(
        select(func.count()).select_from(meetings).where(meetings.c.status == "held")
    )
    return DatabaseCounts(groups, active, participants or 0, held or 0)
