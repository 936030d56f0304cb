"""Figures for the supervisor dashboard: the shared filter and the headline figures.

Every number is an SQL aggregation (GROUP BY, COUNT … FILTER, window functions); Python only
folds already aggregated rows (days into weeks, districts into a total). The charts live in
`statistics_charts`, the groups behind a bar in `statistics_groups`; `dashboard()` gathers all.

Definitions used throughout, in plain words:
- a meeting counts when it was held; its date is the day it was held;
- attendance rate = (present + late) / marks taken at held meetings;
- the period is the filter's date range; the previous period is as long and ends the day before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import and_, distinct, func, or_, select, true
from sqlalchemy.orm import Session

from ..models import Attendance, Community, Enrollment, Facilitator, Group, Meeting
from .settings import get_setting

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

    def with_changes(self, **changes) -> DashboardFilter:
        return replace(self, **changes)


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


# ---------------------------------------------------------------- headline figures


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None  # a count, or a share 0..1 when is_rate; None when nothing to measure
    previous: float | None
    is_rate: bool
    explanation: str

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def value_text(self) -> str:
        return format_value(self.value, self.is_rate)

    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "no earlier figure"
        if abs(change) < 1e-9:
            return "no change"
        sign = "+" if change > 0 else "−"
        amount = f"{abs(change) * 100:.0f} points" if self.is_rate else f"{abs(change):,.0f}"
        return f"{sign}{amount}"


def format_value(value: float | None, is_rate: bool) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if is_rate else f"{value:,.0f}"


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
    """Held meetings and marks per day: the one pass over attendance the time charts share."""
    marks = (
        select(
            Attendance.meeting_id.label("meeting_id"),
            func.count().label("marks"),
            func.count().filter(Attendance.status == "present").label("present"),
            func.count().filter(Attendance.status == "late").label("late"),
            func.count().filter(Attendance.status == "excused").label("excused"),
            func.count().filter(Attendance.status == "absent").label("absent"),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(held_between(start, end), in_groups(Meeting.group_id, f))
        .group_by(Attendance.meeting_id)
        .subquery()
    )
    query = (
        select(
            Meeting.held_date,
            func.count(Meeting.id),
            func.count(distinct(Meeting.group_id)),
            func.coalesce(func.sum(marks.c.marks), 0),
            func.coalesce(func.sum(marks.c.present), 0),
            func.coalesce(func.sum(marks.c.late), 0),
            func.coalesce(func.sum(marks.c.excused), 0),
            func.coalesce(func.sum(marks.c.absent), 0),
        )
        .outerjoin(marks, marks.c.meeting_id == Meeting.id)
        .where(held_between(start, end), in_groups(Meeting.group_id, f))
        .group_by(Meeting.held_date)
        .order_by(Meeting.held_date)
    )
    return [
        DayRow(*(int(v) if i else v for i, v in enumerate(row))) for row in session.execute(query)
    ]


def _rate(days: list[DayRow], start: date, end: date) -> float | None:
    marks = attended = 0
    for d in days:
        if start <= d.day <= end:
            marks += d.marks
            attended += d.present + d.late
    return attended / marks if marks else None


def _meetings(days: list[DayRow], start: date, end: date) -> int:
    return sum(d.meetings for d in days if start <= d.day <= end)


def enrolled_on_day(day: date):
    """An enrolment that was running on `day` (ended ones count until their end date)."""
    return and_(
        Enrollment.enrolled_on <= day,
        or_(Enrollment.status == "active", Enrollment.ended_on > day),
    )


def headline_figures(
    session: Session, f: DashboardFilter, days: list[DayRow] | None = None
) -> list[Figure]:
    start, end = f.period()
    prev_start, prev_end = f.previous_period()
    month_start = end.replace(day=1)
    prev_month_end = month_start - timedelta(days=1)
    prev_month_start = prev_month_end.replace(day=1)
    recent_start = end - timedelta(weeks=RECENT_WEEKS) + timedelta(days=1)
    earlier_start = recent_start - timedelta(weeks=RECENT_WEEKS)
    if days is None:
        days = daily_attendance(session, f, min(prev_start, prev_month_start, earlier_start), end)

    group_in = in_groups(Meeting.group_id, f)
    active_now, active_before = session.execute(
        select(
            func.count(distinct(Meeting.group_id)).filter(Meeting.held_date.between(start, end)),
            func.count(distinct(Meeting.group_id)).filter(
                Meeting.held_date.between(prev_start, prev_end)
            ),
        ).where(held_between(prev_start, end), group_in)
    ).one()

    enrolled_now, enrolled_before = session.execute(
        select(
            func.count(distinct(Enrollment.participant_id)).filter(enrolled_on_day(end)),
            func.count(distinct(Enrollment.participant_id)).filter(enrolled_on_day(prev_end)),
        ).where(in_groups(Enrollment.group_id, f), Enrollment.enrolled_on <= end)
    ).one()

    completion_now = completion_rate(session, f, start, end)
    completion_before = completion_rate(session, f, prev_start, prev_end)
    n = int(get_setting(session, "follow_up_absences"))
    return [
        Figure(
            "active_groups", "Active groups", active_now, active_before, False,
            "Groups that held at least one meeting in the period.",
        ),
        Figure(
            "enrolled", "Participants enrolled", enrolled_now, enrolled_before, False,
            f"People in a group on {end:%d/%m/%Y}, against the end of the previous period.",
        ),
        Figure(
            "meetings_month", "Meetings held this month",
            _meetings(days, month_start, end), _meetings(days, prev_month_start, prev_month_end),
            False, f"Meetings held from {month_start:%d/%m/%Y} to {end:%d/%m/%Y}, against the month before.",
        ),
        Figure(
            "attendance_recent", f"Attendance, last {RECENT_WEEKS} weeks",
            _rate(days, recent_start, end), _rate(days, earlier_start, recent_start - timedelta(days=1)),
            True, "Present or late, out of everyone marked at held meetings.",
        ),
        Figure(
            "completion", "Completion of finished groups", completion_now, completion_before, True,
            "Members who completed the course, out of members of groups that finished in the period.",
        ),
        Figure(
            "follow_up", "Need a follow-up call",
            follow_up_count(session, f, end, n), follow_up_count(session, f, prev_end, n), False,
            f"Members absent at their last {n} meetings in a row.",
        ),
    ]  # fmt: skip


def completion_rate(session: Session, f: DashboardFilter, start: date, end: date) -> float | None:
    """Completed / (completed + not completed) for enrolments that ended in the range."""
    ended = func.coalesce(Enrollment.ended_on, Group.closed_on)
    completed, not_completed = session.execute(
        select(
            func.count().filter(Enrollment.status == "completed"),
            func.count().filter(Enrollment.status == "not_completed"),
        )
        .join(Group, Group.id == Enrollment.group_id)
        .where(
            Enrollment.status.in_(("completed", "not_completed")),
            ended.between(start, end),
            in_groups(Enrollment.group_id, f),
        )
    ).one()
    total = completed + not_completed
    return completed / total if total else None


FOLLOW_UP_LOOKBACK_DAYS = 120  # a streak older than this belongs to a group long finished


def follow_up_count(session: Session, f: DashboardFilter, as_of: date, absences: int) -> int:
    """Members enrolled on `as_of` whose last `absences` marks in their group were all absent.

    Excused breaks a streak: the facilitator already knows why the man was away.
    """
    ranked = (
        select(
            Attendance.participant_id.label("pid"),
            Attendance.status.label("status"),
            func.row_number()
            .over(
                partition_by=Attendance.participant_id,
                order_by=(Meeting.held_date.desc(), Meeting.id.desc()),
            )
            .label("rn"),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(
            Enrollment,
            and_(
                Enrollment.participant_id == Attendance.participant_id,
                Enrollment.group_id == Meeting.group_id,
            ),
        )
        .where(
            held_between(as_of - timedelta(days=FOLLOW_UP_LOOKBACK_DAYS), as_of),
            enrolled_on_day(as_of),
            in_groups(Meeting.group_id, f),
        )
        .subquery()
    )
    streaks = (
        select(ranked.c.pid)
        .where(ranked.c.rn <= absences)
        .group_by(ranked.c.pid)
        .having(func.count().filter(ranked.c.status == "absent") == absences)
        .subquery()
    )
    return session.scalar(select(func.count()).select_from(streaks)) or 0


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
