"""Counts for the status bar: how much the open database holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Group, Meeting, Participant


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
    groups, active = session.execute(
        select(func.count(Group.id), func.count(Group.id).filter(Group.status == "active"))
    ).one()
    participants = session.scalar(select(func.count(Participant.id)))
    held = session.scalar(select(func.count(Meeting.id)).where(Meeting.status == "held"))
    return DatabaseCounts(groups, active, participants or 0, held or 0)
