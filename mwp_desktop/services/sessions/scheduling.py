"""A group's meetings: planning the weekly schedule around holidays, and changing it later.

A schedule has one meeting per curriculum session (16 for the men's curriculum, 8 for the
women's dialogue), planned on the group's weekday, one week apart, passing over Sierra Leone's
public holidays and the office's closed days. The user sees the proposal and may change any date
before it is saved. Later a meeting can be moved, postponed (shifting the later ones a week),
cancelled with a reason, made up, or marked held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import Attendance, Curriculum, CurriculumSession, Facilitator, Group, Meeting
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..edit_conflicts import refuse_if_changed, refused_if_saved_meanwhile
from ..permissions import require
from .closed_days import days_without_meetings

WEEK = timedelta(days=7)
OPEN_STATUSES = ("planned", "postponed")  # not yet held nor cancelled
MEETING_FIELDS = ("planned_date", "held_date", "status", "facilitator_id", "duration_minutes")


@dataclass(frozen=True)
class ProposedMeeting:
    session_id: int
    number: int
    title: str
    planned_date: date
    # Days passed over to reach this date (a holiday on the group's weekday), with the reason.
    skipped: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class GroupHeader:
    id: int
    code: str
    name: str
    kind: str
    curriculum_id: int
    curriculum_name: str
    curriculum_version: int
    total_sessions: int
    start_date: date | None
    meeting_weekday: int | None
    meeting_time: time | None
    venue: str
    facilitator_id: int | None
    facilitator_name: str


@dataclass(frozen=True)
class ScheduledMeeting:
    id: int
    session_id: int
    number: int
    title: str
    planned_date: date
    planned_time: time | None
    held_date: date | None
    status: str
    makeup_of_id: int | None
    facilitator_id: int | None
    venue: str
    duration_minutes: int | None
    cancel_reason: str
    notes: str
    version: int = 1  # of the meeting read: handed back with a move or a cancelling

    @property
    def is_makeup(self) -> bool:
        return self.makeup_of_id is not None

    @property
    def date(self) -> date:
        """The day it happened, or is planned to."""
        return self.held_date or self.planned_date


def group_header(session: Session, group_id: int) -> GroupHeader:
    """The group, its curriculum and facilitator, in one query (the register opens with it)."""
    total = (
        select(func.count(CurriculumSession.id))
        .where(CurriculumSession.curriculum_id == Group.curriculum_id)
        .scalar_subquery()
    )
    row = session.execute(
        select(Group, Curriculum.name, Curriculum.version, Facilitator.name, total)
        .join(Curriculum, Curriculum.id == Group.curriculum_id)
        .outerjoin(Facilitator, Facilitator.id == Group.facilitator_id)
        .where(Group.id == group_id)
    ).first()
    if row is None:
        raise NotFound("That group no longer exists.")
    group, curriculum_name, version, facilitator_name, total_sessions = row
    return GroupHeader(
        id=group.id,
        code=group.code,
        name=group.name,
        kind=group.kind,
        curriculum_id=group.curriculum_id,
        curriculum_name=curriculum_name,
        curriculum_version=version,
        total_sessions=total_sessions or 0,
        start_date=group.start_date,
        meeting_weekday=group.meeting_weekday,
        meeting_time=group.meeting_time,
        venue=group.venue,
        facilitator_id=group.facilitator_id,
        facilitator_name=facilitator_name or "",
    )


def propose_dates(session: Session, first_day: date, weekday: int, count: int) -> list[tuple]:
    """`count` weekly dates on `weekday` from `first_day`, each as (date, skipped days)."""
    if not 0 <= weekday <= 6:
        raise ValidationError({"meeting_weekday": "must be a day of the week"})
    day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    # Generous horizon: every holiday a 16-week plan could meet, looked up in one query.
    blocked = days_without_meetings(session, day, day + WEEK * (count * 2 + 10))
    dates: list[tuple] = []
    while len(dates) < count:
        skipped = []
        while day in blocked:
            skipped.append((day, blocked[day]))
            day += WEEK
        dates.append((day, tuple(skipped)))
        day += WEEK
    return dates


def propose_schedule(
    session: Session, group_id: int, first_day: date | None = None, weekday: int | None = None
) -> list[ProposedMeeting]:
    """The weekly plan for every session of the group's curriculum, for the user to check."""
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    first_day = first_day or group.start_date
    weekday = group.meeting_weekday if weekday is None else weekday
    if first_day is None:
        raise ValidationError({"start_date": "give the date of the first meeting"})
    if weekday is None:
        weekday = first_day.weekday()
    sessions = _curriculum_sessions(session, group.curriculum_id)
    dates = propose_dates(session, first_day, weekday, len(sessions))
    return [
        ProposedMeeting(s.id, s.number, s.title, day, skipped)
        for s, (day, skipped) in zip(sessions, dates, strict=True)
    ]


def save_schedule(
    session: Session,
    actor: Actor,
    group_id: int,
    dates: list[date],
    *,
    meeting_time: time | None = None,
) -> list[int]:
    """Plan one meeting per curriculum session on the given dates (session 1 first).

    A group whose schedule has begun (a meeting held or attendance taken) keeps it: its meetings
    are moved or postponed instead, so no record of a past meeting is thrown away.
    """
    require(actor, "schedule")
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    sessions = _curriculum_sessions(session, group.curriculum_id)
    if len(dates) != len(sessions):
        raise ValidationError(
            {"dates": f"the curriculum has {len(sessions)} sessions; give {len(sessions)} dates"}
        )
    for number, (earlier, later) in enumerate(zip(dates, dates[1:], strict=False), start=2):
        if later <= earlier:
            raise ValidationError(
                {f"session {number}": "must be on a later day than the session before it"}
            )
    existing = list(session.scalars(select(Meeting).where(Meeting.group_id == group_id)))
    if existing:
        ids = [m.id for m in existing]
        marked = session.scalar(
            select(func.count(Attendance.id)).where(Attendance.meeting_id.in_(ids))
        )
        if marked or any(m.status == "held" for m in existing):
            raise ValidationError(
                {
                    "schedule": f"group {group.code} has already met; "
                    "move or postpone its meetings instead of planning it again"
                }
            )
        # Make-ups point at the meetings they make up, so they go first.
        session.execute(
            delete(Meeting).where(Meeting.id.in_(ids), Meeting.makeup_of_id.isnot(None))
        )
        session.execute(delete(Meeting).where(Meeting.id.in_(ids)))
    when = meeting_time if meeting_time is not None else group.meeting_time
    meetings = [
        Meeting(
            group_id=group.id,
            session_id=s.id,
            planned_date=day,
            planned_time=when,
            status="planned",
            facilitator_id=group.facilitator_id,
            venue=group.venue,
        )
        for s, day in zip(sessions, dates, strict=True)
    ]
    session.add_all(meetings)
    before = audit.snapshot(group, ("start_date", "meeting_weekday", "meeting_time"))
    group.start_date = dates[0]
    if len({d.weekday() for d in dates}) == 1:
        group.meeting_weekday = dates[0].weekday()
    group.meeting_time = when
    session.flush()
    audit.record(
        session,
        actor,
        "update" if existing else "create",
        "schedule",
        group.id,
        before=before,
        after=audit.snapshot(group, ("start_date", "meeting_weekday", "meeting_time")),
        summary=f"Planned {len(meetings)} meetings for group {group.code}, "
        f"{dates[0]:%d/%m/%Y} to {dates[-1]:%d/%m/%Y}"
        # The meetings planned before are deleted: the trail says so.
        + (f", replacing the {len(existing)} planned before" if existing else ""),
    )
    return [m.id for m in meetings]


def group_schedule(session: Session, actor: Actor, group_id: int) -> list[ScheduledMeeting]:
    """Every meeting of a group in date order, make-ups included."""
    scope.require_group(session, actor, group_id)
    rows = session.execute(
        select(Meeting, CurriculumSession.number, CurriculumSession.title)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Meeting.group_id == group_id)
        .order_by(Meeting.planned_date, CurriculumSession.number, Meeting.id)
    )
    return [_scheduled(m, number, title) for m, number, title in rows]


def meeting_info(session: Session, meeting_id: int) -> ScheduledMeeting:
    row = session.execute(
        select(Meeting, CurriculumSession.number, CurriculumSession.title)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Meeting.id == meeting_id)
    ).first()
    if row is None:
        raise NotFound("That meeting no longer exists.")
    return _scheduled(*row)


def move_meeting(
    session: Session, actor: Actor, meeting_id: int, new_date: date, *, version: int | None = None
) -> None:
    """Plan the meeting on another day. `version`: the one the form read (ScheduledMeeting); if
    the meeting was saved since, nothing is written (ChangedMeanwhile)."""
    require(actor, "schedule")
    meeting = _open_meeting(session, meeting_id, "moved")
    refuse_if_changed(session, meeting, version, "meeting", "meeting")
    before = audit.snapshot(meeting, MEETING_FIELDS)
    old = meeting.planned_date
    meeting.planned_date = new_date
    meeting.status = "planned"
    _record_change(
        session, actor, meeting, before, f"Moved from {old:%d/%m/%Y} to {new_date:%d/%m/%Y}"
    )


def postpone_and_shift(session: Session, actor: Actor, meeting_id: int) -> list[tuple]:
    """Postpone a meeting by a week and shift every later open meeting of the group with it.

    Each shifted meeting lands at least a week later, after the one before it, and never on a
    holiday or closed day. Returns (meeting id, old date, new date) for each one moved.
    """
    require(actor, "schedule")
    meeting = _open_meeting(session, meeting_id, "postponed")
    later = list(
        session.scalars(
            select(Meeting)
            .where(
                Meeting.group_id == meeting.group_id,
                Meeting.status.in_(OPEN_STATUSES),
                Meeting.makeup_of_id.is_(None),
                Meeting.planned_date >= meeting.planned_date,
                Meeting.id != meeting.id,
            )
            .order_by(Meeting.planned_date, Meeting.id)
        )
    )
    to_shift = [meeting, *later]
    last = to_shift[-1].planned_date
    blocked = days_without_meetings(session, meeting.planned_date, last + WEEK * 20)
    moves = []
    previous: date | None = None
    for item in to_shift:
        new_date = item.planned_date + WEEK
        while new_date in blocked or (previous is not None and new_date <= previous):
            new_date += WEEK
        moves.append((item.id, item.planned_date, new_date))
        item.planned_date = new_date
        item.status = "planned"
        previous = new_date
    note = f"Postponed from {moves[0][1]:%d/%m/%Y}."
    meeting.notes = f"{meeting.notes}\n{note}".strip()
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "meeting",
        meeting.id,
        before={"planned_date": moves[0][1].isoformat()},
        after={"planned_date": moves[0][2].isoformat()},
        summary=f"Postponed to {moves[0][2]:%d/%m/%Y}; {len(moves) - 1} later meetings shifted",
    )
    return moves


def cancel_meeting(
    session: Session, actor: Actor, meeting_id: int, reason: str, *, version: int | None = None
) -> None:
    """Cancel a meeting not yet held; `version` as for move_meeting."""
    require(actor, "schedule")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "say why the meeting is cancelled"})
    meeting = _open_meeting(session, meeting_id, "cancelled")
    refuse_if_changed(session, meeting, version, "meeting", "meeting")
    marks = session.scalar(
        select(func.count(Attendance.id)).where(Attendance.meeting_id == meeting.id)
    )
    if marks:
        raise ValidationError(
            {"meeting": f"it has {marks} attendance marks; a meeting with attendance was held"}
        )
    before = audit.snapshot(meeting, MEETING_FIELDS)
    meeting.status = "cancelled"
    meeting.cancel_reason = reason
    _record_change(session, actor, meeting, before, f"Cancelled: {reason}")


def add_makeup(session: Session, actor: Actor, meeting_id: int, on_date: date) -> int:
    """Plan a make-up meeting for the session of a missed (or cancelled) meeting.

    It covers the same curriculum session, so attending either counts once for that session.
    """
    require(actor, "schedule")
    original = session.get(Meeting, meeting_id)
    if original is None:
        raise NotFound("That meeting no longer exists.")
    while original.makeup_of is not None:  # a make-up of a make-up makes up the first meeting
        original = original.makeup_of
    group = original.group
    makeup = Meeting(
        group_id=original.group_id,
        session_id=original.session_id,
        makeup_of_id=original.id,
        planned_date=on_date,
        planned_time=group.meeting_time,
        status="planned",
        facilitator_id=original.facilitator_id,
        venue=original.venue,
    )
    session.add(makeup)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "meeting",
        makeup.id,
        after=audit.snapshot(makeup, MEETING_FIELDS),
        summary=f"Make-up of session {original.session.number} for group {group.code} "
        f"on {on_date:%d/%m/%Y}",
    )
    return makeup.id


def mark_held(
    session: Session,
    actor: Actor,
    meeting_id: int,
    held_date: date,
    *,
    facilitator_id: int | None = None,
    duration_minutes: int | None = None,
    notes: str | None = None,
    today: date | None = None,
) -> bool:
    """Record that a meeting took place. When it was the group's last open meeting, the
    completion rule is applied to its members. Returns whether it was."""
    from .completion import apply_completion_if_finished

    require(actor, "schedule")
    today = today or date.today()
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    if meeting.status == "cancelled":
        raise ValidationError({"meeting": "it was cancelled; plan a make-up meeting instead"})
    if held_date > today:
        raise ValidationError({"held_date": "a meeting cannot be held in the future"})
    if duration_minutes is not None and duration_minutes <= 0:
        raise ValidationError({"duration": "must be a number of minutes above 0"})
    if facilitator_id is not None and session.get(Facilitator, facilitator_id) is None:
        raise ValidationError({"facilitator": "no longer exists"})
    before = audit.snapshot(meeting, MEETING_FIELDS)
    meeting.status = "held"
    meeting.held_date = held_date
    if facilitator_id is not None:
        meeting.facilitator_id = facilitator_id
    if duration_minutes is not None:
        meeting.duration_minutes = duration_minutes
    if notes is not None:
        meeting.notes = notes.strip()
    _record_change(session, actor, meeting, before, f"Held on {held_date:%d/%m/%Y}")
    return apply_completion_if_finished(session, actor, meeting.group_id)


def _record_change(
    session: Session, actor: Actor, meeting: Meeting, before: dict[str, object], summary: str
) -> None:
    """Write a change to one meeting and put it in the audit trail, before and after."""
    with refused_if_saved_meanwhile("meeting"):
        session.flush()
    audit.record(
        session, actor, "update", "meeting", meeting.id,
        before=before, after=audit.snapshot(meeting, MEETING_FIELDS), summary=summary,
    )  # fmt: skip


def _open_meeting(session: Session, meeting_id: int, verb: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    if meeting.status == "held":
        raise ValidationError({"meeting": f"it was already held and cannot be {verb}"})
    if meeting.status == "cancelled":
        raise ValidationError({"meeting": f"it was cancelled and cannot be {verb}"})
    return meeting


def _curriculum_sessions(session: Session, curriculum_id: int) -> list[CurriculumSession]:
    sessions = list(
        session.scalars(
            select(CurriculumSession)
            .where(CurriculumSession.curriculum_id == curriculum_id)
            .order_by(CurriculumSession.number)
        )
    )
    if not sessions:
        raise ValidationError({"curriculum": "has no sessions to plan"})
    return sessions


def _scheduled(m: Meeting, number: int, title: str) -> ScheduledMeeting:
    return ScheduledMeeting(
        id=m.id,
        session_id=m.session_id,
        number=number,
        title=title,
        planned_date=m.planned_date,
        planned_time=m.planned_time,
        held_date=m.held_date,
        status=m.status,
        makeup_of_id=m.makeup_of_id,
        facilitator_id=m.facilitator_id,
        venue=m.venue,
        version=m.version,
        duration_minutes=m.duration_minutes,
        cancel_reason=m.cancel_reason,
        notes=m.notes,
    )
