"""Figures for the supervisor dashboard: the shared filter and the headline figures.

Every number is an SQL aggregation (GROUP BY, COUNT … FILTER, window functions); Python only
folds already aggregated rows (days into weeks, districts into a total). This module holds the
filter and the per-meeting tallies everything shares; the headline figures are in
`statistics_headline`, the charts in `statistics_charts`, and `statistics_dashboard.dashboard()`
gathers all.

Definitions used throughout, in plain words:
- a meeting counts when it was held; its date is the day it was held;
- attendance rate = (present + late) / marks taken at held meetings;
- the period is the filter's date range; the previous period is as long and ends the day before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, distinct, func, or_, select, true
from sqlalchemy.orm import Session

from ...models import Community, CurriculumSession, Enrollment, Facilitator, Group, Meeting

ATTENDED = ("present", "late")
GROUP_KIND_LABELS = {"men": "Men's groups", "women": "Women's groups", "mixed": "Mixed groups"}
DEFAULT_PERIOD_DAYS = 364  # 52 weeks: a year of weekly meetings
RECENT_WEEKS = 8


@dataclass(frozen=True)
class DashboardFilter:
    """What the supervisor narrowed the dashboard to. None means "all"."""

    date_from: date | None = None
    date_to: date | None = None
    district: str | None = None
    community_id: int | None = None
    group_kind: str | None = None
    facilitator_id: int | None = None
    cohort_year: int | None = None  # the year the group started
    today: date | None = None  # for tests and demo data; else the computer's date

    def period(self) -> tuple[date, date]:
        end = self.date_to or self.today or date.today()
        start = self.date_from or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        return (start, end) if start <= end else (end, start)

    def previous_period(self) -> tuple[date, date]:
        start, end = self.period()
        prev_end = start - timedelta(days=1)
        return prev_end - (end - start), prev_end


def group_ids_query(f: DashboardFilter):
    """The groups the filter keeps, as a subquery of ids — or None when it keeps them all."""
    conditions = []
    if f.district:
        conditions.append(Community.district == f.district)
    if f.community_id is not None:
        conditions.append(Group.community_id == f.community_id)
    if f.group_kind:
        conditions.append(Group.kind == f.group_kind)
    if f.facilitator_id is not None:
        conditions.append(
            or_(
                Group.facilitator_id == f.facilitator_id,
                Group.co_facilitator_id == f.facilitator_id,
            )
        )
    if f.cohort_year is not None:
        conditions.append(
            Group.start_date.between(date(f.cohort_year, 1, 1), date(f.cohort_year, 12, 31))
        )
    if not conditions:
        return None
    return (
        select(Group.id).join(Community, Community.id == Group.community_id).where(*conditions)
    ).scalar_subquery()


def in_groups(column, f: DashboardFilter):
    """A condition keeping rows whose group column is one of the filter's groups."""
    ids = group_ids_query(f)
    return true() if ids is None else column.in_(ids)


def held_between(start: date, end: date):
    return and_(Meeting.status == "held", Meeting.held_date.between(start, end))


# ---------------------------------------------------------------- meeting tallies


def tally_query(f: DashboardFilter, start: date, end: date):
    """One row per held meeting in the range: who led it, which session, and its marks by status.

    The marks are counted on each meeting row as they are saved
    (models/stored_counts/meeting_marks.py), and the index on (held_date, status, …) carries
    them: a chart over these rows reads the index alone, one entry per meeting. The group's
    facilitator (when nobody is recorded as leading) and the session's number are looked up
    only by a chart that uses them, and only for the meetings that need them.
    """
    counts = {
        status: getattr(Meeting, f"marks_{status}")
        for status in ("present", "late", "excused", "absent")
    }
    group_facilitator = (
        select(Group.facilitator_id).where(Group.id == Meeting.group_id).scalar_subquery()
    )
    session_number = (
        select(CurriculumSession.number)
        .where(CurriculumSession.id == Meeting.session_id)
        .scalar_subquery()
    )
    return select(
        Meeting.id.label("meeting_id"),
        Meeting.group_id.label("group_id"),
        Meeting.held_date.label("held_date"),
        case((Meeting.held_date == Meeting.planned_date, 1), else_=0).label("on_planned_date"),
        func.coalesce(Meeting.facilitator_id, group_facilitator).label("leader_id"),
        session_number.label("session_number"),
        (counts["present"] + counts["late"] + counts["excused"] + counts["absent"]).label("marks"),
        *(column.label(status) for status, column in counts.items()),
    ).where(held_between(start, end), in_groups(Meeting.group_id, f))


def tallies_subquery(f: DashboardFilter, start: date, end: date):
    """The tallies inline, for a chart to aggregate."""
    return tally_query(f, start, end).subquery("tallies")


@dataclass(frozen=True)
class DayRow:
    """One day's held meetings and the marks taken at them."""

    day: date
    meetings: int
    groups: int
    marks: int
    present: int
    late: int
    excused: int
    absent: int


def daily_attendance(session: Session, f: DashboardFilter, start: date, end: date) -> list[DayRow]:
    """Held meetings and marks per day, summed from the meeting tallies in the day order of
    their index (no sort)."""
    t = tallies_subquery(f, start, end)
    query = (
        select(
            t.c.held_date,
            func.count(),
            func.count(distinct(t.c.group_id)),
            func.sum(t.c.marks),
            func.sum(t.c.present),
            func.sum(t.c.late),
            func.sum(t.c.excused),
            func.sum(t.c.absent),
        )
        .where(t.c.held_date.between(start, end))
        .group_by(t.c.held_date)
        .order_by(t.c.held_date)
    )
    return [DayRow(row[0], *(int(v or 0) for v in row[1:])) for row in session.execute(query)]


def enrolled_on_day(day: date):
    """An enrolment that was running on `day` (ended ones count until their end date)."""
    return and_(
        Enrollment.enrolled_on <= day,
        or_(Enrollment.status == "active", Enrollment.ended_on > day),
    )


# ---------------------------------------------------------------- filter choices


@dataclass(frozen=True)
class Choice:
    value: object
    label: str


@dataclass(frozen=True)
class FilterChoices:
    districts: tuple[str, ...]
    communities: tuple[Choice, ...]  # value: community id; label names its district
    facilitators: tuple[Choice, ...]
    cohort_years: tuple[int, ...]
    kinds: tuple[Choice, ...] = field(
        default=tuple(Choice(k, v) for k, v in GROUP_KIND_LABELS.items())
    )


def filter_choices(session: Session) -> FilterChoices:
    districts = session.scalars(
        select(Community.district)
        .distinct()
        .where(Community.district != "")
        .order_by(Community.district)
    ).all()
    communities = session.execute(
        select(Community.id, Community.name, Community.district).order_by(
            Community.district, Community.name
        )
    ).all()
    facilitators = session.execute(
        select(Facilitator.id, Facilitator.name).order_by(Facilitator.name)
    ).all()
    years = session.scalars(
        select(func.extract("year", Group.start_date))
        .distinct()
        .where(Group.start_date.is_not(None))
        .order_by(func.extract("year", Group.start_date))
    ).all()
    return FilterChoices(
        districts=tuple(districts),
        communities=tuple(
            Choice(cid, f"{name} ({district})" if district else name)
            for cid, name, district in communities
        ),
        facilitators=tuple(Choice(fid, name) for fid, name in facilitators),
        cohort_years=tuple(int(y) for y in years),
    )
