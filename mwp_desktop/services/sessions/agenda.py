"""The sessions agenda: this week's and next week's meetings across every group.

Meetings whose day has passed without being marked held or cancelled are overdue; those of the
last few weeks are listed too, so nothing is forgotten. One indexed query on the meeting date,
whatever the size of the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ...models import Community, CurriculumSession, Facilitator, Group, Meeting
from .. import scope
from ..actor import Actor
from ..permissions import require
from ..plain_rows import plain_connection

OPEN_STATUSES = ("planned", "postponed")
OVERDUE_WEEKS = 8  # how far back overdue meetings are still listed
AGENDA_LIMIT = 5000


class AgendaItem(NamedTuple):
    """One meeting on the agenda. A named tuple: the agenda makes 5,000 at four times national
    as the Sessions panel opens, in a fifth of the time frozen dataclasses took (~10 ms)."""

    meeting_id: int
    group_id: int
    group_code: str
    group_name: str
    number: int
    title: str
    is_makeup: bool
    planned_date: date
    planned_time: time | None
    held_date: date | None
    status: str
    facilitator: str
    community: str
    district: str
    venue: str
    overdue: bool

    @property
    def day(self) -> date:
        return self.held_date or self.planned_date


@dataclass(frozen=True)
class AgendaFilters:
    facilitators: tuple[tuple[int, str], ...]
    communities: tuple[tuple[int, str], ...]
    districts: tuple[str, ...]


@dataclass(frozen=True)
class GroupChoice:
    id: int
    code: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name}"


def week_start(day: date) -> date:
    """The Monday of the week holding `day` (the office's weeks start on Monday)."""
    return day - timedelta(days=day.weekday())


def planned_days_read(start: date, end: date, today: date) -> tuple[date, date]:
    """The planned days whose meetings the agenda of `start` to `end` reads, through the index
    on planned_date: its weeks, and OVERDUE_WEEKS before them for the overdue ones (a meeting
    held more than that away from its planned day is not looked for)."""
    return min(start, today) - timedelta(weeks=OVERDUE_WEEKS), end


def agenda(
    session: Session,
    actor: Actor,
    start: date,
    end: date,
    *,
    facilitator_id: int | None = None,
    community_id: int | None = None,
    district: str | None = None,
    include_overdue: bool = True,
    today: date | None = None,
) -> list[AgendaItem]:
    """Meetings planned (or held) between start and end, plus recent overdue ones, by date."""
    require(actor, "view")
    today = today or date.today()
    # Read through the tables, as plain rows (plain_rows.py): at four times national the agenda
    # lists 5,000 meetings as the Sessions panel opens.
    m, g, place = Meeting.__table__.c, Group.__table__.c, Community.__table__.c
    topic, leader = CurriculumSession.__table__.c, Facilitator.__table__.c
    meeting_facilitator = Facilitator.__table__.alias("meeting_facilitator")
    wanted = or_(m.planned_date.between(start, end), m.held_date.between(start, end))
    if include_overdue:
        wanted = or_(wanted, and_(m.planned_date < min(start, today), m.status.in_(OPEN_STATUSES)))
    in_range = and_(m.planned_date.between(*planned_days_read(start, end, today)), wanted)
    query = (
        select(
            m.id,
            m.group_id,
            g.code,
            g.name,
            topic.number,
            topic.title,
            m.makeup_of_id,
            m.planned_date,
            m.planned_time,
            m.held_date,
            m.status,
            func.coalesce(meeting_facilitator.c.name, leader.name, ""),
            place.name,
            place.district,
            func.coalesce(func.nullif(m.venue, ""), g.venue, ""),
        )
        .select_from(Meeting.__table__)
        .join(Group.__table__, g.id == m.group_id)
        .join(CurriculumSession.__table__, topic.id == m.session_id)
        .join(Community.__table__, place.id == g.community_id)
        .outerjoin(Facilitator.__table__, leader.id == g.facilitator_id)
        .outerjoin(meeting_facilitator, meeting_facilitator.c.id == m.facilitator_id)
        .where(in_range)
    )
    visible = scope.groups_condition(session, actor, m.group_id)
    if visible is not None:  # a facilitator sees only his own groups
        query = query.where(visible)
    if facilitator_id is not None:
        query = query.where(
            or_(g.facilitator_id == facilitator_id, g.co_facilitator_id == facilitator_id)
        )
    if community_id is not None:
        query = query.where(g.community_id == community_id)
    if district:
        query = query.where(place.district == district)
    query = query.order_by(m.planned_date, m.planned_time, g.code).limit(AGENDA_LIMIT)
    return [
        AgendaItem(
            mid, gid, code, name, number, title, makeup is not None, planned, when, held,
            status, facilitator, community, district_name, venue,
            status in OPEN_STATUSES and planned < today,
        )
        for (mid, gid, code, name, number, title, makeup, planned, when, held, status,
             facilitator, community, district_name, venue)
        in plain_connection(session).execute(query)
    ]  # fmt: skip


def agenda_filters(session: Session) -> AgendaFilters:
    """Every facilitator, community and district, to filter the agenda by. Read through the
    tables, as plain rows (plain_rows.py): 5,600 facilitators at four times national, read on
    the UI thread as the Sessions panel opens."""
    leader, place = Facilitator.__table__.c, Community.__table__.c
    connection = plain_connection(session)
    facilitators = connection.execute(select(leader.id, leader.name).order_by(leader.name))
    communities = connection.execute(
        select(place.id, place.name, place.district).order_by(place.name)
    )
    return AgendaFilters(
        tuple((fid, name) for fid, name in facilitators),
        tuple(
            (cid, f"{name} ({district})" if district else name)
            for cid, name, district in communities
        ),
        tuple(
            connection.scalars(
                select(place.district)
                .where(place.district != "")
                .distinct()
                .order_by(place.district)
            )
        ),
    )


def group_choices(session: Session, actor: Actor) -> list[GroupChoice]:
    """Groups to pick from for a schedule or a register (a facilitator sees his own)."""
    require(actor, "view")
    query = select(Group.id, Group.code, Group.name).order_by(Group.code)
    visible = scope.groups_condition(session, actor, Group.id)
    if visible is not None:
        query = query.where(visible)
    return [GroupChoice(*row) for row in session.execute(query)]
