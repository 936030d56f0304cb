"""The numbers behind the dashboard's six charts, each an SQL aggregation.

Shares are kept with their counts (attended / marks) so that a tooltip and an export can show
"82% (410 of 500)" and a total can be recomputed from the parts.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from ...models import Community, Enrollment, Facilitator, Group, Meeting
from ...models.stored_counts.enrolment_days import enrolment_days
from .filters import (
    DashboardFilter,
    DayRow,
    daily_attendance,
    group_ids_query,
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
    days: int = 7  # of its days inside the period: fewer when the period starts or ends in it

    @property
    def rate(self) -> float | None:
        return share(self.attended, self.marks)

    @property
    def partial(self) -> bool:
        """Cut short by the period: its meetings are not comparable with a whole week's."""
        return self.days < 7


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
    return tuple(WeekPoint(w, *t, days=_days_inside(w, start, end)) for w, t in weeks.items())


def _days_inside(monday: date, start: date, end: date) -> int:
    return (min(end, monday + timedelta(days=6)) - max(start, monday)).days + 1


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


@dataclass(frozen=True)
class CompletionFigures:
    """The completion bars of the period, and the headline rate of the period and the one before."""

    by: str  # "district" or "community"
    bars: tuple[CompletionBar, ...]
    rate: float | None
    previous_rate: float | None


def completion_figures(session: Session, f: DashboardFilter) -> CompletionFigures:
    """Completion of members whose group finished in the period, by district — or by community
    once a district is chosen — sorted lowest first (those are the places to look at); with the
    headline completion rate of the period and of the previous one, from one pass over the
    finished enrolments stored per group and day for either.

    The headline rate is completed / (completed + not completed) over every place, so it is the
    sum of the bars (dropped men are in neither): statistics_headline.completion_rate is the
    same figure for one range on its own.
    """
    start, end = f.period()
    prev_start, prev_end = f.previous_period()  # it ends the day before `start`
    by_community = bool(f.district) or f.community_id is not None
    days = enrolment_days
    now, before = days.c.day.between(start, end), days.c.day.between(prev_start, prev_end)

    def finished(status: str, when):
        return func.coalesce(func.sum(days.c[status]).filter(when), 0)

    # Summed per group first from the rows each group keeps per day of the enrolments that
    # finished then (models/stored_counts/enrolment_days.py), read in group order from the
    # index on (group_id, day, and the counts); then the group rows by place. The days are
    # chosen in the sums, not in WHERE: a range on the day would send SQLite (which keeps no
    # statistics here) through the index by day, a table look-up and a sort for every row.
    per_group = (
        select(
            days.c.group_id,
            finished("completed", now).label("completed"),
            finished("not_completed", now).label("not_completed"),
            finished("dropped", now).label("dropped"),
            finished("completed", before).label("completed_before"),
            finished("not_completed", before).label("not_completed_before"),
        )
        .where(in_groups(days.c.group_id, f))
        .group_by(days.c.group_id)
        .subquery()
    )
    keys = (Community.id, Community.name) if by_community else (Community.district,)
    rows = session.execute(
        select(
            *keys,
            *(
                func.sum(per_group.c[name])
                for name in (
                    "completed",
                    "not_completed",
                    "dropped",
                    "completed_before",
                    "not_completed_before",
                )
            ),
        )
        .select_from(per_group)
        .join(Group, Group.id == per_group.c.group_id)
        .join(Community, Community.id == Group.community_id)
        .group_by(*keys)
    ).all()
    bars = []
    # Completed and not completed over every place, in the period and in the one before.
    completed_now = not_completed_now = completed_then = not_completed_then = 0
    for row in rows:
        if by_community:
            key, label, rest = str(row[0]), row[1], row[2:]
        else:
            key, label, rest = row[0], row[0] or "No district", row[1:]
        completed, not_completed, dropped, completed_before, not_completed_before = map(int, rest)
        completed_now += completed
        not_completed_now += not_completed
        completed_then += completed_before
        not_completed_then += not_completed_before
        if completed + not_completed:
            bars.append(CompletionBar(key, label, completed, not_completed, dropped))
    bars.sort(key=lambda b: (b.rate, b.label))
    return CompletionFigures(
        "community" if by_community else "district",
        tuple(bars),
        share(completed_now, completed_now + not_completed_now),
        share(completed_then, completed_then + not_completed_then),
    )


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
    """People registered (cumulative) and enrolments running, at the end of each month.

    Summed per day from the enrolments started, ended and first of their person that each
    group keeps per day (models/stored_counts/enrolment_days.py): a few rows per group rather
    than every enrolment. An enrolment counts as running from the day it began until the day
    it ended (an ended one with no end date, never). The months are sums of the daily counts.
    """
    start, end = f.period()
    days = enrolment_days
    rows = session.execute(
        select(
            days.c.day,
            func.sum(days.c.started),
            func.sum(days.c.ended),
            func.sum(days.c.first_enrolments),
        )
        .where(days.c.day <= end, in_groups(days.c.group_id, f))
        .group_by(days.c.day)
    ).all()
    registered = [(day, int(first)) for day, _, _, first in rows if first]
    if group_ids_query(f) is not None:
        registered += _registered_before_elsewhere(session, f, end)
    totals = {
        "start": _running_totals([(day, int(n)) for day, n, _, _ in rows]),
        "end": _running_totals([(day, int(n)) for day, _, n, _ in rows]),
        "registered": _running_totals(registered),
    }
    points = []
    for y, m in months_between(start, end):
        last = min(month_end(y, m), end)  # the period may end mid-month
        points.append(
            EnrolmentPoint(
                y,
                m,
                _upto(totals["registered"], last),
                _upto(totals["start"], last) - _upto(totals["end"], last),
            )
        )
    return tuple(points)


def _registered_before_elsewhere(
    session: Session, f: DashboardFilter, end: date
) -> list[tuple[date, int]]:
    """People whose first enrolment of all is outside the filter's groups, by the day of their
    first enrolment inside them: the stored first enrolments count each person in the group of
    his first enrolment only (a man who moved from district X to Y is registered in Y from the
    day he joined there). Only men with an earlier enrolment elsewhere pass the first test, so
    the second is asked of few."""
    e, other = Enrollment, aliased(Enrollment)

    def earlier(*where):
        return (
            select(other.id)
            .where(
                other.participant_id == e.participant_id,
                or_(
                    other.enrolled_on < e.enrolled_on,
                    and_(other.enrolled_on == e.enrolled_on, other.id < e.id),
                ),
                *where,
            )
            .exists()
        )

    ids = group_ids_query(f)
    return [
        (day, int(n))
        for day, n in session.execute(
            select(e.enrolled_on, func.count())
            .where(
                e.group_id.in_(ids),
                e.enrolled_on <= end,
                earlier(other.group_id.not_in(ids)),
                ~earlier(other.group_id.in_(ids)),
            )
            .group_by(e.enrolled_on)
        )
    ]


def _running_totals(rows: list[tuple[date, int]]) -> tuple[list[date], list[int]]:
    rows.sort()
    days, running, total = [], [], 0
    for day, n in rows:
        total += n
        days.append(day)
        running.append(total)
    return days, running


def _upto(totals: tuple[list[date], list[int]], day: date) -> int:
    days, running = totals
    index = bisect_right(days, day)
    return running[index - 1] if index else 0


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


def weakest_first(rows: tuple[FacilitatorRow, ...]) -> tuple[FacilitatorRow, ...]:
    """Lowest attendance first (where a supervisor should look), then most meetings; those with
    no marks yet last: there is nothing to judge them on."""
    return tuple(sorted(rows, key=lambda r: (r.rate is None, r.rate or 0.0, -r.meetings, r.name)))


def facilitator_figures(session: Session, f: DashboardFilter) -> tuple[FacilitatorRow, ...]:
    """Per facilitator (who led the meeting, else the group's facilitator), most meetings first.

    The meetings whose leader is recorded are summed leader by leader in the order of the index
    on (facilitator_id, status, held_date, …) that carries what is summed (0014): sorting the
    period's meetings by leader took most of this at four times national (109,000 meetings,
    ~115 ms; now ~50). Those with no leader recorded count for their group's facilitator."""
    start, end = f.period()
    m = Meeting
    sums = (
        func.count().label("meetings"),
        func.sum(case((m.held_date == m.planned_date, 1), else_=0)).label("on_date"),
        func.sum(m.marks_present + m.marks_late + m.marks_excused + m.marks_absent).label("marks"),
        func.sum(m.marks_present + m.marks_late).label("attended"),
    )
    kept = (held_between(start, end), in_groups(m.group_id, f))
    # "One of the facilitators" is "recorded" (a leader is a reference, kept by the database),
    # said so that SQLite seeks each facilitator's held meetings of the period in the index,
    # in leader order, rather than read the period's meetings by day and sort them.
    led = (
        select(m.facilitator_id.label("leader_id"), *sums)
        .where(m.facilitator_id.in_(select(Facilitator.id)), *kept)
        .group_by(m.facilitator_id)
    )
    unled = (
        select(Group.facilitator_id.label("leader_id"), *sums)
        .join(Group, Group.id == m.group_id)
        .where(m.facilitator_id.is_(None), *kept)
        .group_by(Group.facilitator_id)
    )
    both = union_all(led, unled).subquery()
    per_leader = (
        select(both.c.leader_id, *(func.sum(both.c[c]).label(c) for c in
                                   ("meetings", "on_date", "marks", "attended")))
        .group_by(both.c.leader_id)
        .subquery()
    )  # fmt: skip
    rows = session.execute(
        select(
            per_leader.c.leader_id,
            Facilitator.name,
            per_leader.c.meetings,
            per_leader.c.on_date,
            per_leader.c.marks,
            per_leader.c.attended,
        )
        .outerjoin(Facilitator, Facilitator.id == per_leader.c.leader_id)
        .order_by(per_leader.c.meetings.desc(), Facilitator.name)
    ).all()
    return tuple(
        FacilitatorRow(fid, name or "No facilitator recorded", int(n), int(on), int(mk), int(at))
        for fid, name, n, on, mk, at in rows
    )
