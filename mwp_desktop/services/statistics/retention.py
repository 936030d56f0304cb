"""Retention by session number: do members keep coming as the curriculum goes on?

Read from the figures each group keeps per session (models/stored_counts/group_sessions.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, distinct, func, literal, or_, select
from sqlalchemy.orm import Session

from ...models import Attendance, Community, CurriculumSession, Group, Meeting
from ...models.stored_counts import GROUP_SESSION_TOTALS
from ...models.stored_counts.group_sessions import members_on
from .charts import share
from .filters import ATTENDED, DashboardFilter, held_between, in_groups


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
    """Share of enrolled members present or late at session k, for groups that started in the
    period (a cohort view: every session of those groups lies inside the period).

    The first line is all groups together; then one line per district (or start year). A group
    counts for session k only once it has held it, so young groups do not pull late sessions down.
    A make-up counts for the session it makes up, and a man at both counts once. Men who
    transferred out leave the denominator from their transfer; dropped men stay in it.

    Each group keeps these figures per session number (group_session_totals, kept by
    models/stored_counts/group_sessions.py) over all its held meetings. A session held only
    inside the period is read as kept; one held only outside it does not count; only one held
    both inside and outside (a make-up across the period's first or last day) is counted from
    its meetings in the period.
    """
    start, end = f.period()
    totals = GROUP_SESSION_TOTALS
    inside = and_(totals.c.first_held >= start, totals.c.last_held <= end)
    straddles = or_(
        and_(totals.c.first_held < start, totals.c.last_held >= start),
        and_(totals.c.first_held <= end, totals.c.last_held > end),
    )
    # One pass over the cohort's kept rows, summed by the group's community (or start year)
    # and session number: the sessions held inside the period, and how many straddle it.
    part = Group.community_id if by == "district" else func.extract("year", Group.start_date)
    # Through the cohort's ids (an index on the start day), then each one's rows by key:
    # joined plainly, SQLite walked every group's rows (256,000 at four times national).
    cohort = (
        select(Group.id).where(Group.start_date.between(start, end), in_groups(Group.id, f))
    ).scalar_subquery()
    kept = (
        select(part.label("part"), totals.c.session_number.label("number"),
               func.sum(totals.c.attended).filter(inside).label("attended"),
               func.sum(totals.c.members).filter(inside).label("enrolled"),
               func.count().filter(inside).label("groups"),
               func.count().filter(straddles).label("straddling"))
        .join(Group, Group.id == totals.c.group_id)
        .where(totals.c.group_id.in_(cohort), or_(inside, straddles))
        .group_by(part, totals.c.session_number)
        .subquery()
    )  # fmt: skip
    if by == "district":
        rows = session.execute(
            select(Community.district, kept.c.number, func.sum(kept.c.attended),
                   func.sum(kept.c.enrolled), func.sum(kept.c.groups),
                   func.sum(kept.c.straddling))
            .join(Community, Community.id == kept.c.part)
            .group_by(Community.district, kept.c.number)
        ).all()  # fmt: skip
    else:
        rows = session.execute(select(*kept.c)).all()
    if any(straddling for *_figures, straddling in rows):
        rows = [*rows, *_straddling(session, by, start, end, cohort, straddles)]
    rows.sort(key=lambda row: (row[0] is not None, row[0] or "", row[1]))  # as SQL orders them
    lines: dict[str, dict[int, list[int]]] = {"All groups": {}}
    for label, number, att, enr, n, _straddling_count in rows:
        if not n:  # only sessions straddling the period: counted from their meetings
            continue
        name = (
            (str(int(label)) if label is not None else "No start date")
            if by != "district"
            else (label or "No district")
        )
        for line in (lines["All groups"], lines.setdefault(name, {})):
            sums = line.setdefault(number, [0, 0, 0])
            sums[0] += int(att)
            sums[1] += int(enr or 0)
            sums[2] += int(n)
    if not lines["All groups"]:
        return ()
    return tuple(
        RetentionLine(label, tuple(RetentionPoint(k, *t) for k, t in sorted(points.items())))
        for label, points in lines.items()
    )


def _straddling(session: Session, by: str, start: date, end: date, cohort, straddles):
    """(line, number, attended, enrolled, groups, 0) of the cohort's sessions held both inside
    and outside the period (a make-up across its first or last day), counted from their
    meetings in the period."""
    totals = GROUP_SESSION_TOTALS
    sessions = (
        select(totals.c.group_id, totals.c.session_number)
        .where(totals.c.group_id.in_(cohort), straddles)
        .subquery()
    )
    key = Community.district if by == "district" else func.extract("year", Group.start_date)
    counted = _counted_in_period(sessions, start, end).subquery()
    return session.execute(
        select(key, counted.c.number, func.sum(counted.c.attended), func.sum(counted.c.enrolled),
               func.count(), literal(0))
        .join(Group, Group.id == counted.c.group_id)
        .join(Community, Community.id == Group.community_id)
        .group_by(key, counted.c.number)
    ).all()  # fmt: skip


def _counted_in_period(sessions, start: date, end: date):
    """(group, session number, men who came, members on its first day in the period) from the
    meetings held in the period, their marks and the enrolments, for the `sessions` (group_id,
    session_number) held both inside and outside the period."""
    per_session = (
        select(
            Meeting.group_id.label("group_id"),
            CurriculumSession.number.label("number"),
            func.min(Meeting.held_date).label("first_held"),
            func.count(distinct(Attendance.participant_id)).label("attended"),
        )
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .outerjoin(
            Attendance,
            and_(Attendance.meeting_id == Meeting.id, Attendance.status.in_(ATTENDED)),
        )
        .join(
            sessions,
            and_(
                sessions.c.group_id == Meeting.group_id,
                sessions.c.session_number == CurriculumSession.number,
            ),
        )
        .where(held_between(start, end))
        .group_by(Meeting.group_id, CurriculumSession.number)
        .subquery()
    )
    return select(
        per_session.c.group_id,
        per_session.c.number,
        per_session.c.attended,
        members_on(per_session.c.group_id, per_session.c.first_held).label("enrolled"),
    )
