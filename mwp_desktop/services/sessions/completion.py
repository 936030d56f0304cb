"""The completion rule: who has attended enough of a curriculum to complete it.

A participant completes when present or late at `completion_share` (default 75%) of the
curriculum's sessions — 12 of 16, 6 of 8. A make-up meeting covers the same curriculum session
as the meeting it makes up, so counting *distinct sessions* attended counts a make-up once, for
the session it replaces. Excused is not attended, but is counted apart from absent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from ...models import Attendance, CurriculumSession, Enrollment, Group, Meeting
from ..actor import Actor
from ..admin.settings import get_setting

ATTENDED = ("present", "late")


@dataclass(frozen=True)
class AttendanceTally:
    participant_id: int
    sessions_attended: int  # distinct curriculum sessions, present or late
    excused: int
    absent: int


def required_sessions(total_sessions: int, share: float) -> int:
    """Sessions needed to complete: 12 of 16 at 75%. Rounded up, never below 1."""
    return max(1, math.ceil(total_sessions * share - 1e-9))


def curriculum_size(session: Session, group_id: int) -> int:
    return session.scalar(
        select(func.count(CurriculumSession.id))
        .join(Group, Group.curriculum_id == CurriculumSession.curriculum_id)
        .where(Group.id == group_id)
    )


def group_required_sessions(session: Session, group_id: int) -> int:
    return required_sessions(
        curriculum_size(session, group_id), get_setting(session, "completion_share")
    )


def group_tallies(session: Session, group_id: int) -> dict[int, AttendanceTally]:
    """Every participant with a mark at one of the group's held meetings, by participant id."""
    held = (Meeting.group_id == group_id) & (Meeting.status == "held")
    attended = dict(
        session.execute(
            select(Attendance.participant_id, func.count(distinct(Meeting.session_id)))
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(held, Attendance.status.in_(ATTENDED))
            .group_by(Attendance.participant_id)
        ).all()
    )
    others = session.execute(
        select(
            Attendance.participant_id,
            func.count().filter(Attendance.status == "excused"),
            func.count().filter(Attendance.status == "absent"),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(held)
        .group_by(Attendance.participant_id)
    ).all()
    return {
        pid: AttendanceTally(pid, attended.get(pid, 0), excused, absent)
        for pid, excused, absent in others
    }


@dataclass(frozen=True)
class Eligibility:
    """One member's standing against the completion rule, as the register and printing show it."""

    participant_id: int
    enrollment_status: str
    sessions_attended: int
    required: int
    total_sessions: int
    excused: int
    absent: int

    @property
    def eligible(self) -> bool:
        """Whether a certificate is due (dropped or transferred members never get one)."""
        return meets_rule(self.enrollment_status, self.sessions_attended, self.required)


@dataclass(frozen=True)
class CompletionResult:
    completed: int
    not_completed: int


# Enrolments the rule decides; dropped and transferred members keep their status.
COUNTED_STATUSES = ("active", "completed", "not_completed")


def meets_rule(enrollment_status: str, sessions_attended: int, required: int) -> bool:
    """The completion rule itself, in one place: the register on screen and on paper, the
    certificates and the completion of a finished group all ask it."""
    return enrollment_status in COUNTED_STATUSES and sessions_attended >= required


def group_eligibility(session: Session, group_id: int) -> dict[int, Eligibility]:
    """Every member's eligibility for a certificate, by participant id (latest enrolment)."""
    total = curriculum_size(session, group_id)
    required = required_sessions(total, get_setting(session, "completion_share"))
    tallies = group_tallies(session, group_id)
    statuses = dict(
        session.execute(
            select(Enrollment.participant_id, Enrollment.status)
            .where(Enrollment.group_id == group_id)
            .order_by(Enrollment.enrolled_on, Enrollment.id)
        ).all()
    )
    result = {}
    for pid, status in statuses.items():
        tally = tallies.get(pid) or AttendanceTally(pid, 0, 0, 0)
        result[pid] = Eligibility(
            pid, status, tally.sessions_attended, required, total, tally.excused, tally.absent
        )
    return result


def group_finished(session: Session, group_id: int) -> bool:
    """A group has finished when it has held meetings and none is left to hold."""
    held, open_ = session.execute(
        select(
            func.count().filter(Meeting.status == "held"),
            func.count().filter(Meeting.status.in_(("planned", "postponed"))),
        ).where(Meeting.group_id == group_id)
    ).one()
    return bool(held) and not open_


def apply_completion(session: Session, actor: Actor, group_id: int) -> CompletionResult:
    """Set each counted enrolment completed or not completed by the rule."""
    from ..admin import audit

    last_held = session.scalar(
        select(func.max(Meeting.held_date)).where(
            Meeting.group_id == group_id, Meeting.status == "held"
        )
    )
    eligibility = group_eligibility(session, group_id)
    completed = not_completed = 0
    enrollments = session.scalars(
        select(Enrollment).where(
            Enrollment.group_id == group_id, Enrollment.status.in_(COUNTED_STATUSES)
        )
    )
    for enrollment in enrollments:
        item = eligibility[enrollment.participant_id]
        passed = meets_rule(enrollment.status, item.sessions_attended, item.required)
        enrollment.status = "completed" if passed else "not_completed"
        if last_held is not None:
            enrollment.ended_on = max(last_held, enrollment.enrolled_on)
        completed += passed
        not_completed += not passed
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "group",
        group_id,
        after={"completed": completed, "not_completed": not_completed},
        summary=f"Completion rule applied: {completed} completed, {not_completed} did not",
    )
    return CompletionResult(completed, not_completed)


def apply_completion_if_finished(session: Session, actor: Actor, group_id: int) -> bool:
    if not group_finished(session, group_id):
        return False
    apply_completion(session, actor, group_id)
    return True
