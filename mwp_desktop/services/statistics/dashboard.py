"""The whole dashboard in one call, and the groups behind a bar that the user clicked."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from ...models import Attendance, Community, Enrollment, Facilitator, Group, Meeting
from ...models.database import Database
from ...printing.data import CompletionLine, DashboardReportData, FacilitatorLine, FigureLine
from .attitude_change import ChangeLine, DosePoint, change_and_dose
from .charts import (
    CompletionBar,
    CompletionFigures,
    EnrolmentPoint,
    FacilitatorRow,
    MonthMix,
    WeekPoint,
    completion_figures,
    enrolment_over_time,
    facilitator_figures,
    month_end,
    status_mix_by_month,
    weakest_first,
    weekly_attendance,
)
from .commitments_kept import AreaKept, kept_by_area, kept_by_group_and_area
from .filters import (
    ATTENDED,
    DashboardFilter,
    daily_attendance,
    held_between,
    in_groups,
)
from .headline import (
    Figure,
    FollowUpCounts,
    Targets,
    follow_up_counts,
    headline_counts,
    headline_figures,
    headline_window,
    office_targets,
)
from .retention import RetentionLine, retention_by_session


@dataclass(frozen=True)
class Dashboard:
    filter: DashboardFilter
    period: tuple[date, date]
    figures: tuple[Figure, ...]
    weeks: tuple[WeekPoint, ...]
    retention_by: str
    retention: tuple[RetentionLine, ...]
    completion_by: str
    completion: tuple[CompletionBar, ...]
    enrolment: tuple[EnrolmentPoint, ...]
    status_mix: tuple[MonthMix, ...]
    facilitators: tuple[FacilitatorRow, ...]  # most meetings first
    targets: Targets
    # Attitude change (GEM Scale, baseline to endline): by district, or by group once the
    # filter keeps one district; and the mean change by sessions attended.
    attitudes_by: str = "district"
    attitudes: tuple[ChangeLine, ...] = ()
    dose: tuple[DosePoint, ...] = ()
    # Men's commitments at their latest check-in, per area and per group and area.
    commitments: tuple[AreaKept, ...] = ()
    commitments_by_group: tuple[AreaKept, ...] = ()

    @cached_property
    def weakest_facilitators(self) -> tuple[FacilitatorRow, ...]:
        """The facilitators lowest attendance first (charts.weakest_first), for the chart and
        its sentence; read_dashboard sorts them on its thread (11,000 at 4x national)."""
        return weakest_first(self.facilitators)

    @property
    def meetings_held(self) -> int:
        return sum(w.meetings for w in self.weeks)

    def period_text(self) -> str:
        start, end = self.period
        return f"{start:%d/%m/%Y} to {end:%d/%m/%Y}"

    def report_data(self) -> DashboardReportData:
        """The figures and tables of the printed report (printing.dashboard_report)."""
        return DashboardReportData(
            figures=tuple(
                FigureLine(f.label, f.value_text(), f.previous_text(), f.change_text())
                for f in self.figures
            ),
            completion_by=self.completion_by,
            completion=tuple(
                CompletionLine(b.label, b.completed, b.not_completed, b.dropped, b.rate)
                for b in self.completion
            ),
            facilitators=tuple(
                FacilitatorLine(r.name, r.meetings, r.on_time_share, r.attended, r.marks, r.rate)
                for r in self.facilitators
            ),
        )


def read_dashboard(db: Database, f: DashboardFilter, retention_by: str = "district") -> Dashboard:
    """The dashboard as the panel shows it, read on two connections at once.

    Meetings, sessions and surveys are read on one, the other figures on a second: with two
    cores (the office PCs have two) a refresh takes about the time of the larger half. Each
    connection reads its own snapshot, so a mark saved in the moment between their starts can
    be in one figure and not yet in another — as it would be after the next refresh anyway.
    """
    with db.session() as session, db.session() as beside:
        board = dashboard(session, f, retention_by, beside=beside)
    board.weakest_facilitators  # noqa: B018  sorted here, not on the UI thread
    return board


@dataclass(frozen=True)
class AttitudeFigures:
    attitudes_by: str
    attitudes: tuple[ChangeLine, ...]
    dose: tuple[DosePoint, ...]


def attitude_figures(session: Session, f: DashboardFilter) -> AttitudeFigures:
    """The attitude charts' figures: by district, or by group once one district is chosen."""
    by = "group" if f.district else "district"
    return AttitudeFigures(by, *change_and_dose(session, f, by))


def dashboard(
    session: Session,
    f: DashboardFilter,
    retention_by: str = "district",
    *,
    beside: Session | None = None,
) -> Dashboard:
    """Everything the dashboard shows. The time charts and facilitators read the held
    meetings of the period from one index (filters.tally_query), retention the figures each
    group keeps per session.

    With `beside` (a second session on the same database, nothing unsaved in either) the
    attitude charts, the follow-up count, completion and enrolment are read there in a second
    thread meanwhile: at 4x national that is about half of the reading either side."""
    start, end = f.period()
    with ThreadPoolExecutor(max_workers=1) as thread:
        apart = None if beside is None else thread.submit(_read_beside, beside, f)
        days = daily_attendance(session, f, min(start, headline_window(f)), end)
        retention = retention_by_session(session, f, retention_by)
        facilitators = facilitator_figures(session, f)
        counts = headline_counts(session, f)
        targets = office_targets(session)
        attitudes, follow_ups, completion, enrolment = (
            apart.result() if apart is not None else _read_beside(session, f)
        )
    return Dashboard(
        filter=f,
        period=(start, end),
        figures=tuple(
            headline_figures(
                session,
                f,
                days,
                (completion.rate, completion.previous_rate),
                counts,
                follow_ups,
                targets,
            )
        ),
        weeks=weekly_attendance(session, f, days),
        retention_by=retention_by,
        retention=retention,
        completion_by=completion.by,
        completion=completion.bars,
        enrolment=enrolment,
        status_mix=status_mix_by_month(session, f, days),
        facilitators=facilitators,
        targets=targets,
        attitudes_by=attitudes.attitudes_by,
        attitudes=attitudes.attitudes,
        dose=attitudes.dose,
        commitments=kept_by_area(session, f),
        commitments_by_group=kept_by_group_and_area(session, f),
    )


def _read_beside(
    session: Session, f: DashboardFilter
) -> tuple[AttitudeFigures, FollowUpCounts, CompletionFigures, tuple[EnrolmentPoint, ...]]:
    """At 4x national (157,000 men surveyed twice, 16,000 groups) these take about 350 ms of
    CPU, and retention, the daily tallies, facilitators and the headline counts about as much.
    Neither half reads what the other writes."""
    return (
        attitude_figures(session, f),
        follow_up_counts(session, f),
        completion_figures(session, f),
        enrolment_over_time(session, f),
    )


# ---------------------------------------------------------------- the groups behind a bar


@dataclass(frozen=True)
class GroupLine:
    group_id: int
    code: str
    name: str
    community: str
    district: str
    facilitator: str
    status: str
    meetings_held: int
    marks: int
    attended: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.marks if self.marks else None


def groups_behind(session: Session, f: DashboardFilter, kind: str, key: object) -> list[GroupLine]:
    """Groups of the filter that make up one bar, with their meetings and attendance in the
    bar's time span (the week or month clicked, else the whole period).

    kind: "week" (key: the Monday), "month" (key: (year, month)), "district" (key: name),
    "community" (key: community id), "facilitator" (key: facilitator id or None).
    """
    start, end = f.period()
    extra = []
    if kind == "week":
        start, end = max(start, key), min(end, key + timedelta(days=6))
    elif kind == "month":
        year, month = key
        start, end = max(start, date(year, month, 1)), min(end, month_end(year, month))
    elif kind == "district":
        extra.append(Community.district == key)
    elif kind == "community":
        extra.append(Group.community_id == int(key))
    elif kind == "facilitator":
        leader = func.coalesce(Meeting.facilitator_id, Group.facilitator_id)
        extra.append(leader.is_(None) if key is None else leader == key)
    else:
        raise ValueError(f"unknown bar kind {kind!r}")
    per_group = (
        select(
            Meeting.group_id.label("group_id"),
            func.count(func.distinct(Meeting.id)).label("meetings"),
            func.count(Attendance.id).label("marks"),
            func.count(Attendance.id).filter(Attendance.status.in_(ATTENDED)).label("attended"),
        )
        .join(Group, Group.id == Meeting.group_id)
        .join(Community, Community.id == Group.community_id)
        .outerjoin(Attendance, Attendance.meeting_id == Meeting.id)
        .where(held_between(start, end), in_groups(Meeting.group_id, f), *extra)
        .group_by(Meeting.group_id)
        .subquery()
    )
    lead = aliased(Facilitator)
    query = (
        select(
            Group.id,
            Group.code,
            Group.name,
            Community.name,
            Community.district,
            func.coalesce(lead.name, ""),
            Group.status,
            func.coalesce(per_group.c.meetings, 0),
            func.coalesce(per_group.c.marks, 0),
            func.coalesce(per_group.c.attended, 0),
        )
        .join(Community, Community.id == Group.community_id)
        .outerjoin(lead, lead.id == Group.facilitator_id)
        .outerjoin(per_group, per_group.c.group_id == Group.id)
        .order_by(Group.code)
    )
    if kind in ("district", "community"):
        # Completion bars: the groups whose members finished in the period, met or not.
        ended = func.coalesce(Enrollment.ended_on, Group.closed_on)
        finished = (
            select(Enrollment.group_id)
            .join(Group, Group.id == Enrollment.group_id)
            .where(
                Enrollment.status.in_(("completed", "not_completed", "dropped")),
                ended.between(start, end),
                in_groups(Enrollment.group_id, f),
            )
            .scalar_subquery()
        )
        query = query.where(and_(Group.id.in_(finished), *extra))
    else:
        query = query.where(per_group.c.group_id.is_not(None))
    return [GroupLine(*row) for row in session.execute(query)]
