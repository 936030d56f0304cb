"""Women's accountability feedback: what women raised at their dialogue sessions, as themes
(never as what one woman said), and what of it reaches the men's side.

A theme reaches the facilitator of the men's groups in the same community only when at least
the threshold of women (Settings, default 5) were present or late at that meeting, and it reaches
them without the count and without the date: with fewer women, or with either, it could point to
the woman who said it. The men's facilitator sees those themes on the plan of his next session
and in the Sessions panel; the records themselves (counts, dates, meetings) are read only by the
office and the women's group's own facilitator (services/scope.py); the report across
communities is the supervisors'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, PermissionDenied, ValidationError
from ...models import Community, CurriculumSession, Group, Meeting, WomenFeedback
from ...models.accountability import SUMMARY_LENGTH
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..admin.settings import get_setting
from ..permissions import require
from ..registration.validation import FieldErrors, tidy

THEME_TITLES = {
    "safety_at_home": "Safety at home",
    "sharing_work": "Sharing of work",
    "money_decisions": "Money and decisions",
    "respect_communication": "Respect and communication",
    "violence_threats": "Violence or threats",
    "changes_for_better": "Changes for the better",
    "other": "Other",
}
FIRST_WINDOW = timedelta(weeks=4)  # looked back for a men's group's first session
ENTITY = "women_feedback"


@dataclass(frozen=True)
class FeedbackInput:
    meeting_id: int
    theme: str
    raised_by: int
    summary: str


@dataclass(frozen=True)
class FeedbackRow:
    """A theme as the office and the women's group's facilitator see it."""

    id: int
    meeting_id: int
    theme: str
    raised_by: int
    summary: str

    @property
    def theme_title(self) -> str:
        return THEME_TITLES[self.theme]


@dataclass(frozen=True)
class ReachedTheme:
    """A theme as it reaches the men's facilitator: no count, no date, no meeting."""

    theme: str
    summary: str


@dataclass(frozen=True)
class ReportLine:
    community: str
    theme: str
    raised_by: int  # women who raised it, over the period's meetings that met the threshold

    @property
    def theme_title(self) -> str:
        return THEME_TITLES[self.theme]


def threshold(session: Session) -> int:
    return int(get_setting(session, "women_feedback_threshold"))


def _women_present():
    """Present or late at the meeting (its stored counts)."""
    return Meeting.marks_present + Meeting.marks_late


def _womens_meeting(session: Session, meeting_id: int) -> tuple[Meeting, Group]:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    return meeting, session.get(Group, meeting.group_id)


def meeting_feedback(session: Session, actor: Actor, meeting_id: int) -> list[FeedbackRow]:
    """The themes recorded at one women's meeting, with their counts."""
    require(actor, "view")
    scope.require_meeting(session, actor, meeting_id)
    query = select(WomenFeedback).where(WomenFeedback.meeting_id == meeting_id)
    return [
        FeedbackRow(row.id, row.meeting_id, row.theme, row.raised_by, row.summary)
        for row in session.scalars(query.order_by(WomenFeedback.id))
    ]


def _clean(session: Session, data: FeedbackInput) -> FeedbackInput:
    meeting, group = _womens_meeting(session, data.meeting_id)
    errors = FieldErrors()
    if group.kind != "women":
        errors.add("meeting_id", "Feedback is recorded at women's dialogue sessions only.")
    if data.theme not in THEME_TITLES:
        errors.add("theme", "Choose the theme.")
    if data.raised_by < 1:
        errors.add("raised_by", "Give how many women raised it (at least one).")
    elif 0 < (present := meeting.marks_present + meeting.marks_late) < data.raised_by:
        errors.add("raised_by", f"That is more women than were present ({present}).")
    summary = tidy(data.summary)
    if not summary:
        errors.add("summary", "Say what was raised, in your own words.")
    elif len(summary) > SUMMARY_LENGTH:
        errors.add("summary", f"Keep the summary short: at most {SUMMARY_LENGTH} characters.")
    errors.raise_if_any()
    return FeedbackInput(data.meeting_id, data.theme, data.raised_by, summary)


def record_feedback(session: Session, actor: Actor, data: FeedbackInput) -> FeedbackRow:
    require(actor, "women_feedback")
    scope.require_meeting(session, actor, data.meeting_id)
    clean = _clean(session, data)
    row = WomenFeedback(
        meeting_id=clean.meeting_id, theme=clean.theme, raised_by=clean.raised_by,
        summary=clean.summary,
    )  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "create", ENTITY, row.id,
        after=audit.snapshot(row, ("meeting_id", "theme", "raised_by", "summary")),
        summary=f"Women's feedback recorded: {THEME_TITLES[clean.theme]}",
    )  # fmt: skip
    return FeedbackRow(row.id, row.meeting_id, row.theme, row.raised_by, row.summary)


def remove_feedback(session: Session, actor: Actor, feedback_id: int) -> None:
    require(actor, "women_feedback")
    row = session.get(WomenFeedback, feedback_id)
    if row is None:
        raise NotFound("That theme was already removed.")
    scope.require_meeting(session, actor, row.meeting_id)
    before = audit.snapshot(row, ("meeting_id", "theme", "raised_by", "summary"))
    session.delete(row)
    session.flush()
    audit.record(
        session, actor, "delete", ENTITY, feedback_id, before=before,
        summary=f"Women's feedback removed: {THEME_TITLES[before['theme']]}",
    )  # fmt: skip


def _since(session: Session, group_id: int, day: date) -> date:
    """The men's group's meeting before `day`: themes raised since then are new to it."""
    previous = session.scalar(
        select(func.max(func.coalesce(Meeting.held_date, Meeting.planned_date))).where(
            Meeting.group_id == group_id,
            Meeting.status != "cancelled",
            func.coalesce(Meeting.held_date, Meeting.planned_date) < day,
        )
    )
    return previous or day - FIRST_WINDOW


def themes_reaching(session: Session, actor: Actor, group_id: int, day: date) -> list[ReachedTheme]:
    """What women in the men's group's community raised since its meeting before `day`, at
    women's meetings that met the threshold: for the plan of its session on `day`."""
    require(actor, "view")
    scope.require_group(session, actor, group_id)
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    if group.kind == "women":
        raise PermissionDenied("Women's feedback reaches men's groups only.")
    since = _since(session, group_id, day)
    women = Group.__table__.alias("women")
    query = (
        select(WomenFeedback.theme, WomenFeedback.summary)
        .join(Meeting, Meeting.id == WomenFeedback.meeting_id)
        .join(women, women.c.id == Meeting.group_id)
        .where(
            women.c.kind == "women",
            women.c.community_id == group.community_id,
            Meeting.status == "held",
            Meeting.held_date > since,
            Meeting.held_date <= day,
            _women_present() >= threshold(session),
        )
        .order_by(Meeting.held_date, WomenFeedback.id)
    )
    seen: list[ReachedTheme] = []
    for theme, summary in session.execute(query):
        reached = ReachedTheme(THEME_TITLES[theme], summary)
        if reached not in seen:
            seen.append(reached)
    return seen


def feedback_report(session: Session, actor: Actor, start: date, end: date) -> list[ReportLine]:
    """Per community and theme, how many women raised it at women's meetings held from start
    to end that met the threshold (the others are left out, as they are for the men)."""
    require(actor, "feedback_report")
    if end < start:
        raise ValidationError({"end": "The period ends before it starts."})
    query = (
        select(Community.name, WomenFeedback.theme, func.sum(WomenFeedback.raised_by))
        .join(Meeting, Meeting.id == WomenFeedback.meeting_id)
        .join(Group, Group.id == Meeting.group_id)
        .join(Community, Community.id == Group.community_id)
        .where(
            Group.kind == "women",
            Meeting.status == "held",
            Meeting.held_date.between(start, end),
            _women_present() >= threshold(session),
        )
        .group_by(Community.name, WomenFeedback.theme)
    )
    lines = [ReportLine(name, theme, int(total)) for name, theme, total in session.execute(query)]
    return sorted(lines, key=lambda line: (line.community.casefold(), line.theme_title))


@dataclass(frozen=True)
class WomensMeeting:
    """A held women's dialogue meeting, to record its themes against."""

    id: int
    group_code: str
    number: int
    day: date
    present: int

    @property
    def label(self) -> str:
        return (f"{self.group_code} · session {self.number} · {self.day:%d/%m/%Y} · "
                f"{self.present} present")  # fmt: skip


@dataclass(frozen=True)
class GroupTheme:
    """A theme reaching one of the actor's men's groups for its next session."""

    group_code: str
    theme: str
    summary: str


RECENT_WEEKS = 12  # women's meetings offered for recording themes


def recent_womens_meetings(
    session: Session, actor: Actor, *, today: date | None = None
) -> list[WomensMeeting]:
    """Women's meetings held in the last weeks, newest first, for the actor's groups."""
    require(actor, "view")
    today = today or date.today()
    query = (
        select(Meeting.id, Group.code, CurriculumSession.number, Meeting.held_date,
               _women_present())
        .join(Group, Group.id == Meeting.group_id)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Group.kind == "women", Meeting.status == "held",
               Meeting.held_date.between(today - timedelta(weeks=RECENT_WEEKS), today))
        .order_by(Meeting.held_date.desc(), Group.code)
    )  # fmt: skip
    visible = scope.groups_condition(session, actor, Meeting.group_id)
    if visible is not None:
        query = query.where(visible)
    return [WomensMeeting(*row) for row in session.execute(query)]


def themes_for_next_sessions(
    session: Session, actor: Actor, *, today: date | None = None
) -> list[GroupTheme]:
    """For each men's group the actor may see that is meeting now, what reaches its next
    session (the next one planned from today, or today's if none is): what `themes_reaching`
    gives that session's plan, read for every group at once (group by group it was five
    statements a group, seconds at national scale)."""
    require(actor, "view")
    today = today or date.today()
    groups = _next_sessions(session, actor, today)
    if not groups:
        return []
    women = Group.__table__.alias("women")
    raised = session.execute(
        select(women.c.community_id, Meeting.held_date, WomenFeedback.theme, WomenFeedback.summary)
        .join(Meeting, Meeting.id == WomenFeedback.meeting_id)
        .join(women, women.c.id == Meeting.group_id)
        .where(
            women.c.kind == "women",
            women.c.community_id.in_(sorted({community for _c, community, _s, _d in groups})),
            Meeting.status == "held",
            Meeting.held_date > min(since for _c, _community, since, _d in groups),
            Meeting.held_date <= max(day for _c, _community, _s, day in groups),
            _women_present() >= threshold(session),
        )
        .order_by(Meeting.held_date, WomenFeedback.id)
    ).all()
    found: list[GroupTheme] = []
    for code, community, since, day in groups:
        seen: list[ReachedTheme] = []
        for place, held, theme, summary in raised:
            reached = ReachedTheme(THEME_TITLES[theme], summary)
            if place == community and since < held <= day and reached not in seen:
                seen.append(reached)
        found += [GroupTheme(code, theme.theme, theme.summary) for theme in seen]
    return found


def _next_sessions(session: Session, actor: Actor, today: date) -> list[tuple]:
    """(code, community, since, day) of each men's group meeting now: the day of its next
    session and of the meeting before it (as `_since` finds it), by group code."""
    next_day = func.coalesce(
        select(func.min(Meeting.planned_date))
        .where(
            Meeting.group_id == Group.id,
            Meeting.status.in_(("planned", "postponed")),
            Meeting.planned_date >= today,
        )
        .scalar_subquery(),
        today,
    )
    query = select(Group.id, Group.code, Group.community_id, next_day.label("day")).where(
        Group.kind != "women", Group.status == "active"
    )
    visible = scope.groups_condition(session, actor, Group.id)
    if visible is not None:
        query = query.where(visible)
    groups = query.subquery("men")
    met = func.coalesce(Meeting.held_date, Meeting.planned_date)
    before = (
        select(func.max(met))
        .where(Meeting.group_id == groups.c.id, Meeting.status != "cancelled", met < groups.c.day)
        .scalar_subquery()
    )
    rows = session.execute(
        select(groups.c.code, groups.c.community_id, before, groups.c.day).order_by(groups.c.code)
    )
    return [
        (code, community, previous or day - FIRST_WINDOW, day)
        for code, community, previous, day in rows
    ]
