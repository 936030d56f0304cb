"""Groups and who belongs to them.

Groups and enrolments are never deleted through a cascade: a group with meetings or members is
closed, not removed, so its attendance history stays.
"""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, EditVersion, RowIdentity, in_values
from .curriculum import GROUP_KINDS, Curriculum
from .registry import Community, Facilitator, Participant

GROUP_STATUSES = ("planned", "active", "closed")
ENROLLMENT_STATUSES = ("active", "completed", "not_completed", "dropped", "transferred")
# The enrolments counted as a group's members (kept on the group by stored_counts/group_members.py).
MEMBER_STATUSES = ("active", "completed", "not_completed")


class Group(RowIdentity, EditVersion, Base):
    __tablename__ = "groups"
    __table_args__ = (
        CheckConstraint(in_values("kind", GROUP_KINDS), name="kind_known"),
        CheckConstraint(in_values("status", GROUP_STATUSES), name="status_known"),
        CheckConstraint(
            "meeting_weekday IS NULL OR meeting_weekday BETWEEN 0 AND 6", name="weekday_valid"
        ),
        CheckConstraint("length(trim(code)) > 0", name="code_not_blank"),
        Index("ix_groups_community_id", "community_id"),
        Index("ix_groups_facilitator_id", "facilitator_id"),
        Index("ix_groups_status_start", "status", "start_date"),
    )

    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(10), default="men")
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="RESTRICT"))
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curricula.id", ondelete="RESTRICT"))
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    co_facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    # Monday is 0, as in Python's date.weekday(): the office's weeks start on Monday.
    meeting_weekday: Mapped[int | None] = mapped_column(Integer)
    meeting_time: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    closed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Its enrolments with a status in MEMBER_STATUSES, kept by stored_counts/group_members.py as
    # they change, so the Groups panel reads it with the group instead of counting every enrolment.
    member_count: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # Distinct curriculum sessions of its held meetings, kept by stored_counts/sessions_held.py.
    sessions_held: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # The marks at its held meetings, and those of them present or late (its attendance rate),
    # kept by stored_counts/group_held_marks.py.
    held_marks: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    held_marks_attended: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    community: Mapped[Community] = relationship()
    curriculum: Mapped[Curriculum] = relationship()
    facilitator: Mapped[Facilitator | None] = relationship(foreign_keys=[facilitator_id])
    co_facilitator: Mapped[Facilitator | None] = relationship(foreign_keys=[co_facilitator_id])
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="group", foreign_keys="Enrollment.group_id"
    )


class Enrollment(RowIdentity, Base):
    """A participant's membership of one group, with its history kept when it ends."""

    __tablename__ = "enrollments"
    __table_args__ = (
        CheckConstraint(in_values("status", ENROLLMENT_STATUSES), name="status_known"),
        CheckConstraint("ended_on IS NULL OR ended_on >= enrolled_on", name="ends_after_start"),
        # A group's members by status, with the days: completion and retention on the dashboard
        # count them from the index alone.
        Index("ix_enrollments_group_status_days", "group_id", "status", "ended_on", "enrolled_on"),
        Index("ix_enrollments_participant_id", "participant_id"),
        # The dashboard's enrolment chart: starts and ends by day, first enrolment per person,
        # each read from an index alone.
        Index("ix_enrollments_enrolled_on", "enrolled_on", "status", "ended_on"),
        Index("ix_enrollments_participant_enrolled_on", "participant_id", "enrolled_on"),
        # A man is an active member of a group at most once. On PostgreSQL the migration makes
        # the same partial index (postgresql_where); it is not repeated here because naming a
        # dialect's option imports that dialect at every start-up, and PostgreSQL's costs ~50 ms
        # (its tables only ever come from the migrations).
        Index(
            "uq_enrollments_active_member",
            "participant_id",
            "group_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
        ),
    )

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"))
    enrolled_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    reason: Mapped[str] = mapped_column(Text, default="")
    transferred_to_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="RESTRICT")
    )

    participant: Mapped[Participant] = relationship()
    group: Mapped[Group] = relationship(back_populates="enrollments", foreign_keys=[group_id])
    transferred_to: Mapped[Group | None] = relationship(foreign_keys=[transferred_to_group_id])
