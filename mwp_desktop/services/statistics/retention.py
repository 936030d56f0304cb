"""Retention by session number: do members keep coming as the curriculum goes on?

Read from the per-meeting tallies (statistics.meeting_tallies); only sessions held more than
once (a make-up beside the original) go back to the marks, to count each man once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, distinct, func, select, union_all
from sqlalchemy.orm import Session

from ...models import Attendance, Community, Enrollment, Group
from .charts import share
from .filters import ATTENDED, DashboardFilter, in_groups, tallies_subquery


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
    session: Session, f: DashboardFilter, by: str = "district", tallies=None
) -> tuple[RetentionLine, ...]:
    """Share of enrolled members present or late at session k, for groups that started in the
    period (a cohort view: every session of those groups lies inside the period).

    The first line is all groups together; then one line per district (or start year). A group
    counts for session k only once it has held it, so young groups do not pull late sessions down.
    A make-up counts for the session it makes up, and a man at both counts once. Men who
    transferred out leave the denominator from their transfer; dropped men stay in it.
    """
    start, end = f.period()
    t = tallies if tallies is not None else tallies_subquery(f, start, end)
    cohort = (
        select(Group.id).where(Group.start_date.between(start, end), in_groups(Group.id, f))
    ).scalar_subquery()
    in_cohort = and_(t.c.group_id.in_(cohort), t.c.held_date.between(start, end))
    sessions = (
        select(
            t.c.group_id,
            t.c.session_number.label("number"),
            func.min(t.c.held_date).label("first_held"),
            func.count().label("meetings"),
            func.sum(t.c.present + t.c.late).label("attended"),
        )
        .where(in_cohort)
        .group_by(t.c.group_id, t.c.session_number)
        .cte("sessions")  # used three times: computed once
    )
    # Only where a session was held more than once (a make-up) can one man be counted twice:
    # the marks of those few meetings are counted again by distinct participant.
    # The sessions CTE already knows which those are, so only their meetings are looked up.
    twice = select(sessions.c.group_id, sessions.c.number).where(sessions.c.meetings > 1).subquery()
    repeated = (
        select(
            twice.c.group_id,
            twice.c.number,
            func.count(distinct(Attendance.participant_id)).label("attended"),
        )
        .select_from(twice)
        .join(
            t,
            and_(
                t.c.group_id == twice.c.group_id,
                t.c.session_number == twice.c.number,
                t.c.held_date.between(start, end),
            ),
        )
        .join(Attendance, Attendance.meeting_id == t.c.meeting_id)
        .where(Attendance.status.in_(ATTENDED))
        .group_by(twice.c.group_id, twice.c.number)
        .subquery()
    )
    # Members on the day a session was first held: enrolments counted by their start day, less
    # transfers out by their day — a few rows per group, joined once to every session.
    events = union_all(
        select(
            Enrollment.group_id.label("group_id"),
            Enrollment.enrolled_on.label("day"),
            func.count().label("n"),
        )
        .where(Enrollment.group_id.in_(cohort))
        .group_by(Enrollment.group_id, Enrollment.enrolled_on),
        select(Enrollment.group_id, Enrollment.ended_on, -func.count())
        .where(
            Enrollment.group_id.in_(cohort),
            Enrollment.status == "transferred",
            Enrollment.ended_on.is_not(None),
        )
        .group_by(Enrollment.group_id, Enrollment.ended_on),
    ).subquery()
    members = (
        select(
            sessions.c.group_id,
            sessions.c.number,
            func.coalesce(func.sum(events.c.n), 0).label("n"),
        )
        .outerjoin(
            events,
            and_(events.c.group_id == sessions.c.group_id, events.c.day <= sessions.c.first_held),
        )
        .group_by(sessions.c.group_id, sessions.c.number)
        .subquery()
    )
    enrolled = (
        select(
            sessions.c.group_id,
            sessions.c.number,
            func.coalesce(repeated.c.attended, sessions.c.attended).label("attended"),
            members.c.n.label("enrolled"),
        )
        .join(
            members,
            and_(members.c.group_id == sessions.c.group_id, members.c.number == sessions.c.number),
        )
        .outerjoin(
            repeated,
            and_(
                repeated.c.group_id == sessions.c.group_id,
                repeated.c.number == sessions.c.number,
            ),
        )
        .subquery()
    )
    key = Community.district if by == "district" else func.extract("year", Group.start_date)
    rows = session.execute(
        select(
            key,
            enrolled.c.number,
            func.sum(enrolled.c.attended),
            func.sum(enrolled.c.enrolled),
            func.count(),
        )
        .select_from(enrolled)
        .join(Group, Group.id == enrolled.c.group_id)
        .join(Community, Community.id == Group.community_id)
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
