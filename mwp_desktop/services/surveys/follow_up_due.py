"""Follow-up surveys due: a group's men answer the survey again some months after their
endline, to see whether the change lasted. The agenda lists the groups whose follow-up falls due
within the next two weeks or is overdue, until a follow-up round is started."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
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


def follow_ups_due(session: Session, actor: Actor, today: date | None = None) -> list[FollowUpDue]:
    require(actor, "view")
    today = today or date.today()
    follow_up = aliased(SurveyRound)
    endline_on = func.max(SurveyResponse.taken_on)
    query = (
        select(Group.id, Group.code, endline_on)
        .join(SurveyRound, SurveyRound.group_id == Group.id)
        .join(SurveyResponse, SurveyResponse.round_id == SurveyRound.id)
        .outerjoin(follow_up, (follow_up.group_id == Group.id) & (follow_up.kind == "follow-up"))
        .where(SurveyRound.kind == "endline", follow_up.id.is_(None))
        .group_by(Group.id, Group.code)
        .having(endline_on <= today - timedelta(days=FOLLOW_UP_AFTER_DAYS - NOTICE_DAYS))
    )
    visible = scope.groups_condition(session, actor, Group.id)
    if visible is not None:
        query = query.where(visible)
    due = [
        FollowUpDue(gid, code, ended, ended + timedelta(days=FOLLOW_UP_AFTER_DAYS))
        for gid, code, ended in session.execute(query)
    ]
    return sorted(due, key=lambda d: (d.due_on, d.group_code))
