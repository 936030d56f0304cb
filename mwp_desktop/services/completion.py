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

from ..models import Attendance, CurriculumSession, Group, Meeting
from .settings import get_setting

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
