"""The six headline figures, each with the same figure for the period before it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session, aliased

from ...models import Attendance, Enrollment, Group, Meeting
from ...models.stored_counts.enrolment_days import enrolment_days, enrolment_overlaps
from ..admin.settings import get_setting
from .filters import (
    RECENT_WEEKS,
    DashboardFilter,
    DayRow,
    daily_attendance,
    enrolled_on_day,
    held_between,
    in_groups,
)

# A rate this close under its target is amber, further under it red.
NEAR_TARGET = 0.05


@dataclass(frozen=True)
class Targets:
    """The office's targets (Settings), as shares."""

    attendance: float
    completion: float


def office_targets(session: Session) -> Targets:
    return Targets(
        get_setting(session, "target_attendance"), get_setting(session, "target_completion")
    )


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None  # a count, or a share 0..1 when is_rate; None when nothing to measure
    previous: float | None
    is_rate: bool
    explanation: str
    compared_with: str = "last period"  # what `previous` measured, as the tile says it
    target: float | None = None  # the office's target for a rate (Settings), if it has one

    @property
    def standing(self) -> str | None:
        """Against the target: "met", "near" (within NEAR_TARGET below) or "below"."""
        if self.target is None or self.value is None:
            return None
        if self.value >= self.target - 1e-9:
            return "met"
        return "near" if self.target - self.value <= NEAR_TARGET else "below"

    def target_text(self) -> str:
        if self.standing is None:
            return ""
        target = f"{self.target:.0%}"
        if self.standing == "met":
            return f"meets the {target} target"
        points = round((self.target - self.value) * 100)
        return f"{points} point{'s' if points != 1 else ''} below the {target} target"

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def value_text(self) -> str:
        return format_value(self.value, self.is_rate)

    def previous_text(self) -> str:
        return format_value(self.previous, self.is_rate)

    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "no earlier figure"
        if abs(change) < 1e-9:
            return "no change"
        sign = "+" if change > 0 else "−"
        points = round(abs(change) * 100)
        amount = (
            f"{points} point{'s' if points != 1 else ''}" if self.is_rate else f"{abs(change):,.0f}"
        )
        return f"{sign}{amount}"


def format_value(value: float | None, is_rate: bool) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if is_rate else f"{value:,.0f}"


def headline_window(f: DashboardFilter) -> date:
    """The earliest day the headline figures read attendance from."""
    _, end = f.period()
    previous_month = (end.replace(day=1) - timedelta(days=1)).replace(day=1)
    return min(previous_month, end - timedelta(weeks=2 * RECENT_WEEKS) + timedelta(days=1))


def same_days_last_month(end: date) -> tuple[date, date]:
    """The part of last month that matches this month so far.

    On 6 December that is 1 to 6 November: six days against thirty would show every month
    falling until its last day. Once this month is over, the whole of the month before.
    """
    month_start = end.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    last_month_start = last_month_end.replace(day=1)
    if (end + timedelta(days=1)).month != end.month:
        return last_month_start, last_month_end
    return last_month_start, min(last_month_start + timedelta(days=end.day - 1), last_month_end)


def days_text(start: date, end: date) -> str:
    """1–6 Nov, or 1 Nov for a single day."""
    return f"{start.day} {start:%b}" if start == end else f"{start.day}–{end.day} {end:%b}"


def _rate(days: list[DayRow], start: date, end: date) -> float | None:
    marks = sum(d.marks for d in days if start <= d.day <= end)
    attended = sum(d.present + d.late for d in days if start <= d.day <= end)
    return attended / marks if marks else None


def _meetings(days: list[DayRow], start: date, end: date) -> int:
    return sum(d.meetings for d in days if start <= d.day <= end)


@dataclass(frozen=True)
class HeadlineCounts:
    """The headline figures read from groups and enrolments (not from attendance)."""

    active_now: int
    active_before: int
    enrolled_now: int
    enrolled_before: int


@dataclass(frozen=True)
class FollowUpCounts:
    absences: int  # the setting: absences in a row that call for a follow-up
    now: int
    before: int


def headline_counts(session: Session, f: DashboardFilter) -> HeadlineCounts:
    start, end = f.period()
    prev_start, prev_end = f.previous_period()
    active_now, active_before = session.execute(
        select(
            func.count().filter(_met(start, end)), func.count().filter(_met(prev_start, prev_end))
        )
        .select_from(Group)
        .where(in_groups(Group.id, f))
    ).one()
    enrolled_now, enrolled_before = enrolled_counts(session, f, end, prev_end)
    return HeadlineCounts(active_now, active_before, enrolled_now, enrolled_before)


def follow_up_counts(session: Session, f: DashboardFilter) -> FollowUpCounts:
    _, end = f.period()
    _, prev_end = f.previous_period()
    n = int(get_setting(session, "follow_up_absences"))
    return FollowUpCounts(
        n, follow_up_count(session, f, end, n), follow_up_count(session, f, prev_end, n)
    )


def headline_figures(
    session: Session,
    f: DashboardFilter,
    days: list[DayRow] | None = None,
    completion: tuple[float | None, float | None] | None = None,
    counts: HeadlineCounts | None = None,
    follow_ups: FollowUpCounts | None = None,
    targets: Targets | None = None,
) -> list[Figure]:
    """`days` (daily attendance from headline_window() to the period's end), `completion` (the
    completion rate of the period and of the previous one), `counts` and `follow_ups` may be
    passed in when the caller already has them (the dashboard reads them on two connections);
    so may the office's `targets`."""
    start, end = f.period()
    prev_start, prev_end = f.previous_period()
    month_start = end.replace(day=1)
    prev_month_start, prev_month_end = same_days_last_month(end)
    month_is_over = (end + timedelta(days=1)).day == 1
    last_month = "last month" if month_is_over else days_text(prev_month_start, prev_month_end)
    recent_start = end - timedelta(weeks=RECENT_WEEKS) + timedelta(days=1)
    earlier_start = recent_start - timedelta(weeks=RECENT_WEEKS)
    if days is None:
        days = daily_attendance(session, f, headline_window(f), end)
    if counts is None:
        counts = headline_counts(session, f)
    if completion is None:
        completion = (
            completion_rate(session, f, start, end),
            completion_rate(session, f, prev_start, prev_end),
        )
    if follow_ups is None:
        follow_ups = follow_up_counts(session, f)
    if targets is None:
        targets = office_targets(session)
    n = follow_ups.absences
    return [
        Figure(
            "active_groups", "Groups that met", counts.active_now, counts.active_before, False,
            "Groups that held at least one meeting in the period.",
        ),
        Figure(
            "enrolled", "Participants enrolled", counts.enrolled_now, counts.enrolled_before,
            False,
            f"People in a group on {end:%d/%m/%Y}, against the end of the previous period.",
        ),
        Figure(
            "meetings_month", "Meetings held this month",
            _meetings(days, month_start, end), _meetings(days, prev_month_start, prev_month_end),
            False,
            f"Meetings held from {month_start:%d/%m/%Y} to {end:%d/%m/%Y}, against "
            f"{prev_month_start:%d/%m/%Y} to {prev_month_end:%d/%m/%Y}.",
            last_month,
        ),
        Figure(
            "attendance_recent", f"Attendance, last {RECENT_WEEKS} weeks",
            _rate(days, recent_start, end),
            _rate(days, earlier_start, recent_start - timedelta(days=1)),
            True, "Present or late, out of everyone marked at held meetings.",
            f"{RECENT_WEEKS} weeks before", targets.attendance,
        ),
        Figure(
            "completion", "Completion of finished groups",
            *completion, True,
            "Members who completed the course, out of members of groups that finished in the period.",
            "last period", targets.completion,
        ),
        Figure(
            "follow_up", "Need a follow-up call",
            follow_ups.now, follow_ups.before, False,
            f"Members absent at their group's last {n} meetings in a row.",
        ),
    ]  # fmt: skip


def enrolled_counts(session: Session, f: DashboardFilter, end: date, prev_end: date) -> tuple:
    """People in a group on `end` and on `prev_end` (each person once).

    The enrolments running on a day are those started by then less those ended by then, summed
    from the rows each group keeps per day (models/stored_counts/enrolment_days.py). A person
    counts once however many of his enrolments run that day: the few people with overlapping
    enrolments, listed as their enrolments change, have their extra ones taken off.
    """
    days = enrolment_days

    def running(day: date):
        started = func.sum(days.c.started).filter(days.c.day <= day)
        ended = func.sum(days.c.ended).filter(days.c.day <= day)
        return func.coalesce(started, 0) - func.coalesce(ended, 0)

    totals = session.execute(
        select(running(end), running(prev_end)).where(
            days.c.day <= max(end, prev_end), in_groups(days.c.group_id, f)
        )
    ).one()
    overlapping = session.execute(
        select(
            Enrollment.participant_id,
            Enrollment.enrolled_on,
            Enrollment.ended_on,
            Enrollment.status,
        ).where(
            Enrollment.participant_id.in_(select(enrolment_overlaps.c.participant_id)),
            in_groups(Enrollment.group_id, f),
        )
    ).all()
    days_asked = (end, prev_end)
    return tuple(
        int(total) - _extra(overlapping, day) for total, day in zip(totals, days_asked, strict=True)
    )


def _extra(enrolments, day: date) -> int:
    """Enrolments running on `day` beyond each person's first: counted twice in the total."""
    per_person = Counter(
        person
        for person, enrolled_on, ended_on, status in enrolments
        if enrolled_on <= day and (status == "active" or (ended_on is not None and ended_on > day))
    )
    return sum(n - 1 for n in per_person.values())


def completion_rate(session: Session, f: DashboardFilter, start: date, end: date) -> float | None:
    """Completed / (completed + not completed) for enrolments that ended in the range.

    Men who dropped out or transferred are not in it: the completion rule decides between
    completed and not completed only for those who stayed to the end (services/sessions/completion.py).
    """
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


# A group that has not met for half a year has a different problem than one man's absences.
FOLLOW_UP_LOOKBACK_DAYS = 182


def _met(start: date, end: date):
    """The group held a meeting in the range: one look-up in the index on (group_id, status,
    held_date), rather than counting distinct groups over every meeting of both periods."""
    return (
        select(Meeting.id)
        .where(Meeting.group_id == Group.id, held_between(start, end))
        .correlate(Group)
        .exists()
    )


def follow_up_count(session: Session, f: DashboardFilter, as_of: date, absences: int) -> int:
    """Members enrolled on `as_of` who were absent at each of their group's last `absences`
    regular meetings held by then.

    Make-up meetings are left out (only the men who missed the session are asked to them), and
    excused breaks a streak: the facilitator already knows why the man was away. Each group's
    last meetings are read by walking back from `as_of` through the index on (group_id, status,
    held_date), a few entries per group, and only the absent marks of those meetings are read.
    """
    regular = aliased(Meeting)
    last_of_group = (
        select(regular.id)
        .where(
            regular.group_id == Group.id,
            regular.status == "held",
            regular.held_date.between(as_of - timedelta(days=FOLLOW_UP_LOOKBACK_DAYS), as_of),
            regular.makeup_of_id.is_(None),
        )
        .order_by(regular.held_date.desc(), regular.id.desc())
        .limit(absences)
        .correlate(Group)
    )
    # "+ 0" keeps SQLite (which has no statistics here) from starting at the millions of
    # absent marks: the marks can then only be reached from the meetings, through the index on
    # (meeting_id, status, participant_id).
    streaks = (
        select(Attendance.participant_id, Group.id.label("group_id"))
        .select_from(Group)
        .join(Meeting, Meeting.id.in_(last_of_group))
        .join(
            Attendance,
            and_(Attendance.meeting_id == Meeting.id + 0, Attendance.status == "absent"),
        )
        .where(in_groups(Group.id, f))
        .group_by(Attendance.participant_id, Group.id)
        .having(func.count() == absences)
        .subquery()
    )
    # Only the few men absent at all of them are looked up in the enrolments, to keep the ones
    # still members on that day.
    member = (
        select(Enrollment.id)
        .where(
            Enrollment.group_id == streaks.c.group_id,
            Enrollment.participant_id == streaks.c.participant_id,
            enrolled_on_day(as_of),
        )
        .exists()
    )
    return session.scalar(select(func.count(distinct(streaks.c.participant_id))).where(member)) or 0
