"""Accountability to women: the themes women raise at their dialogue sessions.

A theme belongs to a women's group's meeting and says what was raised, by how many women, in the
facilitator's own short words. There is no column for a woman, a man or a partner: nothing in a
row can point to a person.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
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
