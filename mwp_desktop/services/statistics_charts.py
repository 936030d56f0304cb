"""The numbers behind the dashboard's six charts, each an SQL aggregation.

Shares are kept with their counts (attended / marks) so that a tooltip and an export can show
"82% (410 of 500)" and a total can be recomputed from the parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import Session, aliased

from ..models import (
    Attendance,
    Community,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
)
from .statistics import (
    ATTENDED,
    DashboardFilter,
    DayRow,
    daily_attendance,
    held_between,
    in_groups,
)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def months_between(start: date, end: date) -> list[tuple[int, int]]:
    months, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


# ---------------------------------------------------------------- 1. attendance week by week


@dataclass(frozen=True)
class WeekPoint:
    week_start: date  # a Monday
    meetings: int
    marks: int
    attended: int

    @property
    def rate(self) -> float | None:
        return share(self.attended, self.marks)


def weekly_attendance(
    session: Session, f: DashboardFilter, days: list[DayRow] | None = None
) -> tuple[WeekPoint, ...]:
    """Every week of the period, empty weeks included, so a gap shows as a gap."""
    start, end = f.period()
    if days is None:
        days = daily_attendance(session, f, start, end)
    first = start - timedelta(days=start.weekday())
    weeks = {first + timedelta(weeks=i): [0, 0, 0] for i in range((end - first).days // 7 + 1)}
    for d in days:  # folds at most one row per day, already summed by SQL
        if start <= d.day <= end:
            totals = weeks[d.day - timedelta(days=d.day.weekday())]
            totals[0] += d.meetings
            totals[1] += d.marks
            totals[2] += d.present + d.late
    return tuple(WeekPoint(w, *t) for w, t in weeks.items())


# ---------------------------------------------------------------- 2. attendance status by month


@dataclass(frozen=True)
class MonthMix:
    year: int
    month: int
    present: int
    late: int
    excused: int
    absent: int

    @property
    def marks(self) -> int:
        return self.present + self.late + self.excused + self.absent

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%b %Y")


def status_mix_by_month(
    session: Session, f: DashboardFilter, days: list[DayRow] | None = None
) -> tuple[MonthMix, ...]:
    start, end = f.period()
    if days is None:
        days = daily_attendance(session, f, start, end)
    months = {ym: [0, 0, 0, 0] for ym in months_between(start, end)}
    for d in days:
        if start <= d.day <= end:
            totals = months[(d.day.year, d.day.month)]
            totals[0] += d.present
            totals[1] += d.late
            totals[2] += d.excused
            totals[3] += d.absent
    return tuple(MonthMix(y, m, *t) for (y, m), t in months.items())


# ---------------------------------------------------------------- 3. retention by session number


@dataclass(frozen=True)
class RetentionPoint:
    number: int  # curriculum session 1..16
    attended: int  # distinct members present or late (a make-up counts for its session)
    enrolled: int  # members of those groups when the session was first held
    groups: int  # groups that have held this session

    @property
    def share(self) -> float | None:
        return share(self.attended, self.enrolled)


@dataclass(frozen=True)
class RetentionLine:
    label: str
    points: tuple[RetentionPoint, ...]


RETENTION_BY = {"district": "District", "cohort": "Year the group started"}


def retention_by_session(
    session: Session, f: DashboardFilter, by: str = "district"
) -> tuple[RetentionLine, ...]:
    """Share of enrolled members present at session k, for groups that met in the period.

    The first line is all groups together; then one line per district (or start year). A group
    counts for session k only once it has held it, so young groups do not pull late sessions down.
    Men who transferred out leave the denominator from their transfer; dropped men stay in it.
    """
    start, end = f.period()
    groups = (
        select(Meeting.group_id)
        .distinct()
        .where(held_between(start, end), in_groups(Meeting.group_id, f))
        .scalar_subquery()
    )
    held = and_(Meeting.status == "held", Meeting.group_id.in_(groups))
    sessions = (
        select(
            Meeting.group_id.label("group_id"),
            CurriculumSession.number.label("number"),
            func.min(Meeting.held_date).label("first_held"),
        )
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(held)
        .group_by(Meeting.group_id, CurriculumSession.number)
        .subquery()
    )
    attended = (
        select(
            Meeting.group_id.label("group_id"),
            CurriculumSession.number.label("number"),
            func.count(distinct(Attendance.participant_id)).label("attended"),
        )
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(held, Attendance.status.in_(ATTENDED))
        .group_by(Meeting.group_id, CurriculumSession.number)
        .subquery()
    )
    enrolled = (
        select(
            sessions.c.group_id,
            sessions.c.number,
            func.count(Enrollment.id).label("enrolled"),
        )
        .join(
            Enrollment,
            and_(
                Enrollment.group_id == sessions.c.group_id,
                Enrollment.enrolled_on <= sessions.c.first_held,
                (Enrollment.status != "transferred")
                | Enrollment.ended_on.is_(None)
                | (Enrollment.ended_on > sessions.c.first_held),
            ),
            isouter=True,
        )
        .group_by(sessions.c.group_id, sessions.c.number)
        .subquery()
    )
    key = Community.district if by == "district" else func.extract("year", Group.start_date)
    rows = session.execute(
        select(
            key,
            enrolled.c.number,
            func.coalesce(func.sum(attended.c.attended), 0),
            func.sum(enrolled.c.enrolled),
            func.count(),
        )
        .select_from(enrolled)
        .join(Group, Group.id == enrolled.c.group_id)
        .join(Community, Community.id == Group.community_id)
        .outerjoin(
            attended,
            and_(
                attended.c.group_id == enrolled.c.group_id,
                attended.c.number == enrolled.c.number,
            ),
        )
        .group_by(key, enrolled.c.number)
        .order_by(key, enrolled.c.number)
    ).all()
    lines: dict[str, dict[int, list[int]]] = {"All groups": {}}
    for label, number, att, enr, n in rows:  # one row per line and session number
        name = (
            (str(int(label)) if label is not None else "No start date")
            if by != "district"
            else (label or "No district")
        )
        for line in (lines["All groups"], lines.setdefault(name, {})):
            totals = line.setdefault(number, [0, 0, 0])
            totals[0] += int(att)
            totals[1] += int(enr or 0)
            totals[2] += int(n)
    if not lines["All groups"]:
        return ()
    return tuple(
        RetentionLine(label, tuple(RetentionPoint(k, *t) for k, t in sorted(points.items())))
        for label, points in lines.items()
    )


# ---------------------------------------------------------------- 4. completion by place


@dataclass(frozen=True)
class CompletionBar:
    key: str  # district name, or community id as text
    label: str
    completed: int
    not_completed: int
    dropped: int

    @property
    def rate(self) -> float | None:
        return share(self.completed, self.completed + self.not_completed)


def completion_by_place(
    session: Session, f: DashboardFilter
) -> tuple[str, tuple[CompletionBar, ...]]:
    """Completion of members whose group finished in the period, by district — or by community
    once a district is chosen. Sorted lowest first: those are the places to look at."""
    start, end = f.period()
    by_community = bool(f.district) or f.community_id is not None
    ended = func.coalesce(Enrollment.ended_on, Group.closed_on)
    keys = (Community.id, Community.name) if by_community else (Community.district,)
    rows = session.execute(
        select(
            *keys,
            func.count().filter(Enrollment.status == "completed"),
            func.count().filter(Enrollment.status == "not_completed"),
            func.count().filter(Enrollment.status == "dropped"),
        )
        .join(Group, Group.id == Enrollment.group_id)
        .join(Community, Community.id == Group.community_id)
        .where(
            Enrollment.status.in_(("completed", "not_completed", "dropped")),
            ended.between(start, end),
            in_groups(Enrollment.group_id, f),
        )
        .group_by(*keys)
    ).all()
    bars = []
    for row in rows:
        if by_community:
            key, label, rest = str(row[0]), row[1], row[2:]
        else:
            key, label, rest = row[0], row[0] or "No district", row[1:]
        if rest[0] + rest[1]:
            bars.append(CompletionBar(key, label, *rest))
    bars.sort(key=lambda b: (b.rate, b.label))
    return ("community" if by_community else "district"), tuple(bars)


# ---------------------------------------------------------------- 5. enrolment over time


@dataclass(frozen=True)
class EnrolmentPoint:
    year: int
    month: int
    registered: int  # people ever enrolled by the month's end (cumulative)
    enrolled: int  # enrolments running at the month's end

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%b %Y")


def enrolment_over_time(session: Session, f: DashboardFilter) -> tuple[EnrolmentPoint, ...]:
    start, end = f.period()
    groups = in_groups(Enrollment.group_id, f)
    year, month = (
        func.extract("year", Enrollment.enrolled_on),
        func.extract("month", Enrollment.enrolled_on),
    )

    first = (
        select(func.min(Enrollment.enrolled_on).label("first_day"))
        .where(groups)
        .group_by(Enrollment.participant_id)
        .subquery()
    )
    first_y, first_m = (
        func.extract("year", first.c.first_day),
        func.extract("month", first.c.first_day),
    )
    registered = _monthly(
        session,
        select(first_y, first_m, func.count())
        .where(first.c.first_day <= end)
        .group_by(first_y, first_m),
    )
    starts = _monthly(
        session,
        select(year, month, func.count())
        .where(groups, Enrollment.enrolled_on <= end)
        .group_by(year, month),
    )
    end_day = case(
        (Enrollment.status == "active", None),
        else_=func.coalesce(Enrollment.ended_on, Enrollment.enrolled_on),
    )
    end_y, end_m = func.extract("year", end_day), func.extract("month", end_day)
    ends = _monthly(
        session,
        select(end_y, end_m, func.count())
        .where(groups, end_day.is_not(None), end_day <= end)
        .group_by(end_y, end_m),
    )

    points = []
    for y, m in months_between(start, end):
        points.append(
            EnrolmentPoint(y, m, _upto(registered, y, m), _upto(starts, y, m) - _upto(ends, y, m))
        )
    return tuple(points)


def _monthly(session: Session, query) -> dict[tuple[int, int], int]:
    return {(int(y), int(m)): int(n) for y, m, n in session.execute(query)}


def _upto(counts: dict[tuple[int, int], int], year: int, month: int) -> int:
    return sum(n for ym, n in counts.items() if ym <= (year, month))


# ---------------------------------------------------------------- 6. facilitators


@dataclass(frozen=True)
class FacilitatorRow:
    facilitator_id: int | None
    name: str
    meetings: int
    on_planned_date: int
    marks: int
    attended: int

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_planned_date, self.meetings)

    @property
    def rate(self) -> float | None:
        return share(self.attended, self.marks)


def facilitator_figures(session: Session, f: DashboardFilter) -> tuple[FacilitatorRow, ...]:
    """Per facilitator (who led the meeting, else the group's facilitator), most meetings first."""
    start, end = f.period()
    marks = (
        select(
            Attendance.meeting_id.label("meeting_id"),
            func.count().label("marks"),
            func.count().filter(Attendance.status.in_(ATTENDED)).label("attended"),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(held_between(start, end), in_groups(Meeting.group_id, f))
        .group_by(Attendance.meeting_id)
        .subquery()
    )
    leader = func.coalesce(Meeting.facilitator_id, Group.facilitator_id).label("leader")
    per_leader = (
        select(
            leader,
            func.count(Meeting.id).label("meetings"),
            func.count(Meeting.id)
            .filter(Meeting.held_date == Meeting.planned_date)
            .label("on_date"),
            func.coalesce(func.sum(marks.c.marks), 0).label("marks"),
            func.coalesce(func.sum(marks.c.attended), 0).label("attended"),
        )
        .join(Group, Group.id == Meeting.group_id)
        .outerjoin(marks, marks.c.meeting_id == Meeting.id)
        .where(held_between(start, end), in_groups(Meeting.group_id, f))
        .group_by(leader)
        .subquery()
    )
    person = aliased(Facilitator)
    rows = session.execute(
        select(
            per_leader.c.leader,
            person.name,
            per_leader.c.meetings,
            per_leader.c.on_date,
            per_leader.c.marks,
            per_leader.c.attended,
        )
        .outerjoin(person, person.id == per_leader.c.leader)
        .order_by(per_leader.c.meetings.desc(), person.name)
    ).all()
    return tuple(
        FacilitatorRow(fid, name or "No facilitator recorded", int(n), int(on), int(mk), int(at))
        for fid, name, n, on, mk, at in rows
    )
