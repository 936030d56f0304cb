"""Enrolments starting and ending, per group and day, kept as enrolments change.

The dashboard's enrolment chart shows, at each month's end, the people registered so far and
the enrolments running. Counted from the enrolments on each refresh, that is three grouped
passes over every enrolment (487,000 at four times national scale, ~480 ms). Per group and day
there are about a fifth as many rows, and the chart sums those of the filter's groups instead.

Each row holds, for one group and one day:
- started: its enrolments that began that day;
- ended: its enrolments that are no longer active and ended that day (an ended enrolment with
  no end date counts as ended the day it began: it never ran);
- first_enrolments: those of its enrolments begun that day that are their person's first
  (earliest begun; of two begun on one day, the one written first), so a count of people
  registered over every group is a sum. Under a filter the dashboard adds the people whose
  first enrolment lies outside it (statistics/charts.py);
- completed, not_completed, dropped: its enrolments of that status that finished that day, the
  day they ended or, with no end date, the day the group closed (the completion chart's
  figures; an enrolment with neither is in no period).

Beside them, enrolment_overlaps lists the people with two enrolments running on one day (an
enrolment runs from the day it began until the day it ended; an active one, on): the services
keep one running enrolment per person, but a backdated enrolment or an import can overlap
another. Counting the people in a group on a day is then the enrolments running that day, less
the few extra ones of these people.

A change to one enrolment can change which enrolment is its person's first, in another group:
the groups and people the enrolments inserted, updated or deleted in a flush concern (before
and after) are gathered, and at the end of the flush, in its transaction, the rows of every
group those people have an enrolment in are recounted from those groups' enrolments through the
index on group, with whether each of them has overlapping enrolments; likewise a group whose
closing day changes. Code that writes enrolments with bulk SQL (the demo builder, the
participant import) calls `recount_enrolment_days`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Table,
    and_,
    case,
    delete,
    event,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, object_session

from ..base import Base
from ..groups import Enrollment, Group
from .orm_events import before_flush_value

enrolment_days = Table(
    "enrolment_days",
    Base.metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("started", Integer, nullable=False),
    Column("ended", Integer, nullable=False),
    Column("first_enrolments", Integer, nullable=False),
    Column("completed", Integer, nullable=False),
    Column("not_completed", Integer, nullable=False),
    Column("dropped", Integer, nullable=False),
    # Every group's rows by day, with the counts: the chart over all groups reads the index
    # alone, already in day order.
    Index("ix_enrolment_days_day_counts", "day", "started", "ended", "first_enrolments"),
    # Each group's finished enrolments in turn: the completion chart sums them from the index.
    Index(
        "ix_enrolment_days_group_finished",
        "group_id",
        "day",
        "completed",
        "not_completed",
        "dropped",
    ),
)

enrolment_overlaps = Table(
    "enrolment_overlaps",
    Base.metadata,
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
)

_e = Enrollment.__table__
_earlier = _e.alias("earlier")
_groups = Group.__table__
FINISHED = ("completed", "not_completed", "dropped")
_COUNTS = ("started", "ended", "first_enrolments", *FINISHED)


def _counted(group_ids: list[int] | None):
    """Each group's rows worked out from its enrolments (of the groups given, or of all)."""
    first = ~exists().where(
        _earlier.c.participant_id == _e.c.participant_id,
        or_(
            _earlier.c.enrolled_on < _e.c.enrolled_on,
            and_(_earlier.c.enrolled_on == _e.c.enrolled_on, _earlier.c.id < _e.c.id),
        ),
    )
    starts = select(
        _e.c.group_id,
        _e.c.enrolled_on.label("day"),
        literal(1).label("started"),
        literal(0).label("ended"),
        case((first, 1), else_=0).label("first_enrolments"),
        *(literal(0).label(status) for status in FINISHED),
    )
    ends = select(
        _e.c.group_id,
        func.coalesce(_e.c.ended_on, _e.c.enrolled_on).label("day"),
        literal(0),
        literal(1),
        literal(0),
        *(literal(0) for _ in FINISHED),
    ).where(_e.c.status != "active")
    finished_on = func.coalesce(_e.c.ended_on, _groups.c.closed_on)
    finishes = (
        select(
            _e.c.group_id,
            finished_on,
            literal(0),
            literal(0),
            literal(0),
            *(case((_e.c.status == status, 1), else_=0) for status in FINISHED),
        )
        .join_from(_e, _groups, _groups.c.id == _e.c.group_id)
        .where(_e.c.status.in_(FINISHED), finished_on.is_not(None))
    )
    parts = [starts, ends, finishes]
    if group_ids is not None:
        parts = [part.where(_e.c.group_id.in_(group_ids)) for part in parts]
    each = union_all(*parts).subquery()
    return select(
        each.c.group_id,
        each.c.day,
        *(func.sum(each.c[name]).label(name) for name in _COUNTS),
    ).group_by(each.c.group_id, each.c.day)


# Every group's rows counted afresh, for the check (wrong_counts.py).
RECOUNTED = _counted(None)
# Far beyond any real day: an active enrolment runs on.
_ON_AND_ON = date(9999, 12, 31)


def _runs_until(row):
    """The day a row's enrolment stops running (it ran the day before); NULL for one that never
    ran: ended with no end date."""
    return case((row.c.status == "active", literal(_ON_AND_ON, Date)), else_=row.c.ended_on)


def _overlapping(people: list[int] | None):
    """The people (of those given, or of all) with two enrolments running on one day."""
    a, b = _e.alias("a"), _e.alias("b")
    both_run = and_(
        a.c.enrolled_on < _runs_until(b),
        b.c.enrolled_on < _runs_until(a),
        a.c.enrolled_on < _runs_until(a),
        b.c.enrolled_on < _runs_until(b),
    )
    other = exists().where(b.c.participant_id == a.c.participant_id, b.c.id != a.c.id, both_run)
    query = select(a.c.participant_id).distinct().where(other)
    if people is not None:
        query = query.where(a.c.participant_id.in_(people))
    return query


# Everyone with overlapping enrolments found afresh, for the check (wrong_counts.py).
OVERLAPPING = _overlapping(None)


def recount_enrolment_overlaps(connection: Connection, people: Iterable[int] | None = None) -> None:
    """Find again whether each person (or each of `people`) has overlapping enrolments."""
    ids = None if people is None else sorted(set(people))
    _rewrite(connection, enrolment_overlaps.c.participant_id, ids, _overlapping(ids))


def recount_enrolment_days(connection: Connection, group_ids: Iterable[int] | None = None) -> None:
    """Count the rows of every group (or of the groups `group_ids`) again from the enrolments,
    and the overlaps of every person (or of the people enrolled in those groups), after
    enrolments were written with bulk SQL."""
    if group_ids is None:
        _recount_days(connection, None)
        recount_enrolment_overlaps(connection)
        return
    ids = set(group_ids)
    _recount_days(connection, ids)
    if ids:
        people = select(_e.c.participant_id).where(_e.c.group_id.in_(sorted(ids)))
        recount_enrolment_overlaps(connection, connection.scalars(people))


def _recount_days(connection: Connection, group_ids: set[int] | None) -> None:
    ids = None if group_ids is None else sorted(group_ids)
    _rewrite(connection, enrolment_days.c.group_id, ids, _counted(ids))


def _rewrite(connection: Connection, key, ids: list[int] | None, recounted) -> None:
    """Replace the rows of a kept table whose `key` is in `ids` (all rows: None) with the
    `recounted` ones, selected in the table's column order."""
    if ids is not None and not ids:
        return
    removed = delete(key.table)
    if ids is not None:
        removed = removed.where(key.in_(ids))
    connection.execute(removed)
    connection.execute(insert(key.table).from_select([c.name for c in key.table.c], recounted))


def _groups_of(connection: Connection, people: set[int]) -> set[int]:
    return set(connection.scalars(select(_e.c.group_id).where(_e.c.participant_id.in_(people))))


# The groups and people a flush touched, gathered row by row and recounted once when the flush
# has written every row: completing a group's 50 members one recount at a time took ~400 ms at
# four times national scale, against ~16 ms for the flush without it.
_DUE = "enrolment_days_due"


def _due(target) -> tuple[set[int], set[int]]:
    return object_session(target).info.setdefault(_DUE, (set(), set()))


def _note(target) -> None:
    groups, people = _due(target)
    groups.update({before_flush_value(target, "group_id"), target.group_id} - {None})
    people.update({before_flush_value(target, "participant_id"), target.participant_id} - {None})


_WATCHED = ("participant_id", "group_id", "enrolled_on", "ended_on", "status")


@event.listens_for(Group, "after_update")
def _group_closed_or_reopened(_mapper, _connection: Connection, target) -> None:
    """Its members with no end date finish the day it closes."""
    if before_flush_value(target, "closed_on") != target.closed_on:
        _due(target)[0].add(target.id)


@event.listens_for(Enrollment, "after_insert")
def _added(_mapper, _connection: Connection, target) -> None:
    _note(target)


@event.listens_for(Enrollment, "after_update")
def _changed(_mapper, _connection: Connection, target) -> None:
    if any(before_flush_value(target, key) != getattr(target, key) for key in _WATCHED):
        _note(target)


@event.listens_for(Enrollment, "after_delete")
def _removed(_mapper, _connection: Connection, target) -> None:
    _note(target)


@event.listens_for(Session, "after_flush")
def _recount_due(session: Session, _flush_context) -> None:
    """In the flush's transaction, after its last row: a count is never committed without the
    change it follows."""
    due = session.info.pop(_DUE, None)
    if due is None:
        return
    groups, people = due
    connection = session.connection()
    # The people's other groups too: a change may make another of his enrolments his first.
    _recount_days(connection, groups | _groups_of(connection, people))
    recount_enrolment_overlaps(connection, people)
