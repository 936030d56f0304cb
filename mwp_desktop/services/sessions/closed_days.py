"""Days without meetings: Sierra Leone's public holidays and the office's own closed days.

Schedules are planned around both. Public holidays come from the `holidays` package; the office
keeps its own list (a staff retreat, an election day) in the closed_days table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import ClosedDay
from ..actor import Actor
from ..admin import audit
from ..permissions import require


@dataclass(frozen=True)
class ClosedDayItem:
    id: int
    day: date
    reason: str


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> dict[date, str]:
    import holidays  # the package is large; loaded the first time a schedule is planned

    return dict(holidays.country_holidays("SL", years=year).items())


def public_holidays(start: date, end: date) -> dict[date, str]:
    """Sierra Leone's public holidays between two dates (both included), with their names."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in _public_holidays(year).items():
            if start <= day <= end:
                found[day] = name
    return found


def list_closed_days(session: Session) -> list[ClosedDayItem]:
    rows = session.scalars(select(ClosedDay).order_by(ClosedDay.day))
    return [ClosedDayItem(row.id, row.day, row.reason) for row in rows]


def days_without_meetings(session: Session, start: date, end: date) -> dict[date, str]:
    """Every day between start and end (included) on which no meeting should be planned, with
    the reason shown to the user."""
    blocked = public_holidays(start, end)
    rows = session.execute(
        select(ClosedDay.day, ClosedDay.reason).where(ClosedDay.day.between(start, end))
    )
    for day, reason in rows:
        blocked[day] = reason or "Office closed"
    return blocked


def add_closed_day(session: Session, actor: Actor, day: date, reason: str) -> ClosedDayItem:
    require(actor, "settings")
    reason = reason.strip()
    if session.scalar(select(ClosedDay.id).where(ClosedDay.day == day)) is not None:
        raise ValidationError({"day": f"{day:%d/%m/%Y} is already a closed day"})
    row = ClosedDay(day=day, reason=reason)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "closed_day",
        row.id,
        after={"day": day.isoformat(), "reason": reason},
        summary=f"Office closed on {day:%d/%m/%Y}",
    )
    return ClosedDayItem(row.id, row.day, row.reason)


def remove_closed_day(session: Session, actor: Actor, closed_day_id: int) -> None:
    require(actor, "settings")
    row = session.get(ClosedDay, closed_day_id)
    if row is None:
        raise NotFound("That closed day no longer exists.")
    audit.record(
        session,
        actor,
        "delete",
        "closed_day",
        row.id,
        before={"day": row.day.isoformat(), "reason": row.reason},
        summary=f"Office open again on {row.day:%d/%m/%Y}",
    )
    session.delete(row)
    session.flush()
