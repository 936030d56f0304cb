"""Follow-up surveys due: a group's men answer the survey again some months after their
endline, to see whether the change lasted. The agenda lists the groups whose follow-up falls due
within the next two weeks or is overdue, until a follow-up round is started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from ...models import Group, SurveyResponse, SurveyRound
from .. import scope
from ..actor import Actor
from ..permissions import require

FOLLOW_UP_AFTER_DAYS = 182  # about six months after the endline
NOTICE_DAYS = 14  # listed two weeks before it falls due


@dataclass(frozen=True)
class FollowUpDue:
    group_id: int
    group_code: str
    endline_on: date
    due_on: date

    def text(self, today: date) -> str:
        when = "overdue since" if self.due_on < today else "due"
        return f"{self.group_code} ({when} {self.due_on:%d/%m/%Y})"


@dataclass(frozen=True)
class FollowUpsDue:
    """How many follow-up surveys are due, and the first few by the day they fall due: what
    the agenda's line shows (it names every one only when the pointer rests on it)."""

    count: int
    first: tuple[FollowUpDue, ...]


def follow_ups_due(session: Session, actor: Actor, today: date | None = None) -> list[FollowUpDue]:
    """Every follow-up survey due, by the day it falls due, then group code."""
    require(actor, "view")
    today = today or date.today()
    due = [
        _due(gid, code, ended)
        for gid, code, ended in session.execute(_due_query(session, actor, today))
    ]
    return sorted(due, key=lambda d: (d.due_on, d.group_code))


def follow_ups_due_first(
    session: Session, actor: Actor, first: int, today: date | None = None
) -> FollowUpsDue:
    """How many follow-ups are due and the first `first` of them, in follow_ups_due's order.

    At four times national scale 7,000 groups are due: the database counts them and sorts out
    the first few, where reading them all cost the Sessions panel's opening ~60 ms."""
    require(actor, "view")
    today = today or date.today()
    due = _due_query(session, actor, today).subquery("due")
    rows = session.execute(
        select(due.c.id, due.c.code, due.c.endline_on, func.count().over())
        .order_by(due.c.endline_on, due.c.code)
        .limit(first)
    ).all()
    return FollowUpsDue(
        rows[0][3] if rows else 0, tuple(_due(gid, code, ended) for gid, code, ended, _n in rows)
    )


def _due(group_id: int, code: str, endline_on: date) -> FollowUpDue:
    return FollowUpDue(
        group_id, code, endline_on, endline_on + timedelta(days=FOLLOW_UP_AFTER_DAYS)
    )


def _due_query(session: Session, actor: Actor, today: date) -> Select:
    """The groups whose follow-up is due (from NOTICE_DAYS before), with their endline day."""
    # Each endline round's last day, asked round by round: one seek in the index of answers by
    # round and day (0008), where grouping every answer read 300,000 at four times national.
    # Asked once per round (MATERIALIZED): inlined, it was asked again for every group listed.
    last_day = (
        select(SurveyResponse.taken_on)
        .where(SurveyResponse.round_id == SurveyRound.id)
        .order_by(SurveyResponse.taken_on.desc())
        .limit(1)
        .scalar_subquery()
    )
    endlines = (
        select(SurveyRound.group_id, last_day.label("endline_on"))
        .where(SurveyRound.kind == "endline")
        .cte("endlines")
        .prefix_with("MATERIALIZED")
    )
    follow_up = aliased(SurveyRound)
    started = select(follow_up.id).where(
        follow_up.group_id == Group.id, follow_up.kind == "follow-up"
    )
    query = (
        select(Group.id, Group.code, endlines.c.endline_on)
        .join(endlines, endlines.c.group_id == Group.id)
        .where(
            endlines.c.endline_on <= today - timedelta(days=FOLLOW_UP_AFTER_DAYS - NOTICE_DAYS),
            ~started.exists(),
        )
    )
    visible = scope.groups_condition(session, actor, Group.id)
    return query if visible is None else query.where(visible)
