"""Meetings (scheduled occurrences of curriculum sessions) and the attendance taken at them."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, EditVersion, RowIdentity, in_values, new_uuid
from .curriculum import CurriculumSession
from .groups import Group
from .registry import Facilitator, Participant

MEETING_STATUSES = ("planned", "held", "postponed", "cancelled")
ATTENDANCE_STATUSES = ("present", "late", "excused", "absent")


# What the dashboard reads of a held meeting beyond its day, status and group: carried by both
# of its indexes on held meetings, so that it reads no table row.
HELD_DAY_CARRIES = (
    "facilitator_id",
    "planned_date",
    "session_id",
    "marks_present",
    "marks_late",
    "marks_excused",
    "marks_absent",
    "makeup_of_id",
)


# Led by the leader, not status: led by status, SQLite (no statistics) took it for the daily
# attendance's held meetings of a span of days too, and walked every held meeting (0014).
HELD_BY_LEADER = (
    "facilitator_id", "status", "held_date", "planned_date", "group_id",
    "marks_present", "marks_late", "marks_excused", "marks_absent",
)  # fmt: skip


class Meeting(RowIdentity, EditVersion, Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(in_values("status", MEETING_STATUSES), name="status_known"),
        CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0", name="duration_positive"
        ),
        CheckConstraint("status != 'held' OR held_date IS NOT NULL", name="held_has_date"),
        Index("ix_meetings_group_planned", "group_id", "planned_date"),
        # The agenda's days, with every column it filters by and lists: it reads no meeting
        # row (0008).
        Index(
            "ix_meetings_agenda",
            "planned_date",
            "status",
            "held_date",
            "planned_time",
            "group_id",
            "session_id",
            "makeup_of_id",
            "facilitator_id",
            "venue",
        ),  # fmt: skip
        Index("ix_meetings_session_id", "session_id"),
        # A group's sessions held and held marks, recounted as its meetings change, from the
        # index alone (0003, 0008; stored_counts/). Not led by status: see the migrations.
        Index(
            "ix_meetings_group_status_session_marks",
            "group_id",
            "status",
            "session_id",
            "marks_present",
            "marks_late",
            "marks_excused",
            "marks_absent",
        ),
        # The held meetings of a span of days with what the dashboard's daily attendance,
        # facilitator figures and follow-up count read: from the index alone (0011). Led by
        # the day: see 0004.
        Index("ix_meetings_held_day", "held_date", "status", "group_id", *HELD_DAY_CARRIES),
        # The same for the groups a dashboard filter keeps, group by group (0011).
        Index("ix_meetings_group_held_day", "group_id", "status", "held_date", *HELD_DAY_CARRIES),
        # The meetings leader by leader, with what the facilitator figures sum of the held
        # ones: summed in this order, not sorted (0014).
        Index("ix_meetings_held_by_leader", *HELD_BY_LEADER),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"))
    # The curriculum session this meeting covers; a make-up meeting covers the session it makes up.
    session_id: Mapped[int] = mapped_column(
        ForeignKey("curriculum_sessions.id", ondelete="RESTRICT")
    )
    makeup_of_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    planned_date: Mapped[date] = mapped_column(Date)
    planned_time: Mapped[time | None] = mapped_column(Time)
    held_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    venue: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # This meeting's marks by status, kept by stored_counts/meeting_marks.py as marks change, so
    # the dashboard need not count hundreds of thousands of marks on every refresh.
    marks_present: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    marks_late: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    marks_excused: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    marks_absent: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    group: Mapped[Group] = relationship()
    session: Mapped[CurriculumSession] = relationship()
    facilitator: Mapped[Facilitator | None] = relationship()
    makeup_of: Mapped[Meeting | None] = relationship(remote_side="Meeting.id")


class Attendance(Base):
    """One mark: a participant at a meeting. At most one row per meeting and participant.

    Kept lean (no update timestamp) because it is by far the largest table.
    """

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "participant_id"),
        CheckConstraint(in_values("status", ATTENDANCE_STATUSES), name="status_known"),
        Index("ix_attendance_participant_meeting", "participant_id", "meeting_id"),
        # Covers the count of each meeting's marks by status, and who was absent at a meeting
        # (the dashboard's follow-up count), with no row reads.
        Index("ix_attendance_meeting_status_participant", "meeting_id", "status", "participant_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uuid)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship()
    participant: Mapped[Participant] = relationship()


class ClosedDay(RowIdentity, Base):
    """A day the office does not hold meetings, beside Sierra Leone's public holidays."""

    __tablename__ = "closed_days"

    day: Mapped[date] = mapped_column(Date, unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
