"""How men's commitments stand at their latest check-in: per area for the dashboard's chart and
the summary export (office-wide counts, naming nobody), and per group and area.

The latest check-in of a commitment is that of its latest meeting by day (a make-up held after
the session it replaces counts as later), found in one query with a window function.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Commitment, CommitmentCheckIn, Group, Meeting
from ..sessions.commitments import AREA_TITLES
from .filters import DashboardFilter, in_groups

PROGRESS = ("kept", "partly", "not_yet", "changed")


@dataclass(frozen=True)
class AreaKept:
    """Commitments of one area (and, for the per-group table, one group) by where they stood
    at their latest check-in; `unchecked` were not checked on yet."""

    label: str  # the area's title, or "group · area"
    kept: int = 0
    partly: int = 0
    not_yet: int = 0
    changed: int = 0
    unchecked: int = 0

    @property
    def total(self) -> int:
        return self.kept + self.partly + self.not_yet + self.changed + self.unchecked

    @property
    def kept_share(self) -> float | None:
        checked = self.total - self.unchecked
        return self.kept / checked if checked else None


def _latest_progress():
    """(commitment id, progress) of each commitment's latest check-in."""
    day = func.coalesce(Meeting.held_date, Meeting.planned_date)
    ranked = (
        select(
            CommitmentCheckIn.commitment_id,
            CommitmentCheckIn.progress,
            func.row_number()
            .over(
                partition_by=CommitmentCheckIn.commitment_id,
                order_by=(day.desc(), Meeting.id.desc()),
            )
            .label("newest"),
        )
        .join(Meeting, Meeting.id == CommitmentCheckIn.meeting_id)
        .subquery()
    )
    return select(ranked.c.commitment_id, ranked.c.progress).where(ranked.c.newest == 1).subquery()


def _counts(session: Session, condition, by_group: bool) -> dict[tuple, dict[str, int]]:
    latest = _latest_progress()
    keys = [Group.code] if by_group else []
    query = (
        select(*keys, Commitment.area, latest.c.progress, func.count(Commitment.id))
        .join(Group, Group.id == Commitment.group_id)
        .outerjoin(latest, latest.c.commitment_id == Commitment.id)
        .where(Commitment.kind == "commitment", condition)
        .group_by(*keys, Commitment.area, latest.c.progress)
    )
    counts: dict[tuple, dict[str, int]] = {}
    for *key, progress, count in session.execute(query):
        counts.setdefault(tuple(key), {})[progress or "unchecked"] = count
    return counts


def kept_by_area(session: Session, f: DashboardFilter) -> tuple[AreaKept, ...]:
    """The filter's groups' commitments, per area, in the areas' order."""
    counts = _counts(session, in_groups(Commitment.group_id, f), by_group=False)
    return tuple(
        AreaKept(title, **counts[(area,)])
        for area, title in AREA_TITLES.items()
        if (area,) in counts
    )


def kept_by_group_and_area(session: Session, f: DashboardFilter) -> tuple[AreaKept, ...]:
    counts = _counts(session, in_groups(Commitment.group_id, f), by_group=True)
    order = list(AREA_TITLES)
    return tuple(
        AreaKept(f"{code} · {AREA_TITLES[area]}", **by_progress)
        for (code, area), by_progress in sorted(counts.items(),
                                                key=lambda item: (item[0][0], order.index(item[0][1])))
    )  # fmt: skip
