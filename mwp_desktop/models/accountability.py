"""Accountability to women: the themes women raise at their dialogue sessions, and the
commitments men make and are checked on.

A theme belongs to a women's group's meeting and says what was raised, by how many women, in the
facilitator's own short words. There is no column for a woman, a man or a partner: nothing in a
row can point to a person.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RowIdentity, in_values
from .meetings import Meeting

FEEDBACK_THEMES = (
    "safety_at_home", "sharing_work", "money_decisions", "respect_communication",
    "violence_threats", "changes_for_better", "other",
)  # fmt: skip
SUMMARY_LENGTH = 200


class WomenFeedback(RowIdentity, Base):
    __tablename__ = "women_feedback"
    __table_args__ = (
        CheckConstraint(in_values("theme", FEEDBACK_THEMES), name="theme_known"),
        CheckConstraint("raised_by >= 1", name="raised_by_positive"),
        CheckConstraint(f"length(summary) <= {SUMMARY_LENGTH}", name="summary_short"),
        Index("ix_women_feedback_meeting_id", "meeting_id"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    theme: Mapped[str] = mapped_column(String(24))
    raised_by: Mapped[int] = mapped_column(Integer)  # how many women raised it
    summary: Mapped[str] = mapped_column(String(SUMMARY_LENGTH))

    meeting: Mapped[Meeting] = relationship()


# A man's commitments (his personal action plan), and at the closing session his next step.
COMMITMENT_KINDS = ("commitment", "next_step")
COMMITMENT_AREAS = (
    "housework_care", "decisions_money", "communication_respect", "non_violence",
    "partner_work_school", "community", "other",
)  # fmt: skip
CHECK_IN_PROGRESS = ("kept", "partly", "not_yet", "changed")
WORDS_LENGTH = 160
CHECK_IN_NOTE_LENGTH = 200


class Commitment(RowIdentity, Base):
    """One of a man's commitments in one group, in his own words, made at a meeting (the
    commitments session, or its make-up; the closing session for his next step)."""

    __tablename__ = "commitments"
    __table_args__ = (
        CheckConstraint(in_values("kind", COMMITMENT_KINDS), name="kind_known"),
        CheckConstraint(in_values("area", COMMITMENT_AREAS), name="area_known"),
        CheckConstraint("length(trim(words)) > 0", name="words_not_blank"),
        Index("ix_commitments_group_participant", "group_id", "participant_id"),
        Index("ix_commitments_meeting_id", "meeting_id"),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(12), default="commitment")
    area: Mapped[str] = mapped_column(String(24))
    words: Mapped[str] = mapped_column(String(WORDS_LENGTH))


class CommitmentCheckIn(RowIdentity, Base):
    """How a commitment stood at a later meeting, as the facilitator heard it."""

    __tablename__ = "commitment_check_ins"
    __table_args__ = (
        UniqueConstraint("commitment_id", "meeting_id"),
        CheckConstraint(in_values("progress", CHECK_IN_PROGRESS), name="progress_known"),
        Index("ix_commitment_check_ins_meeting_id", "meeting_id"),
    )

    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="RESTRICT"))
    progress: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(String(CHECK_IN_NOTE_LENGTH), default="")
