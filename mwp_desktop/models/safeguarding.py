"""Safeguarding: concerns a session brought out, and the referral services they are sent to.

A concern holds only what the office needs to follow it up (when, which group, what kind, who it
was referred to, by when to check, where it stands) and a short note: no story, and no link to a
participant, a partner or a woman, so nothing in it names or points to a person.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RowIdentity, in_values
from .groups import Group

REFERRAL_KINDS = ("police", "sexual_assault_centre", "health", "social_welfare", "legal", "other")
CONCERN_KINDS = ("violence_at_home", "threat_to_woman", "child_protection", "other")
# open: recorded, not referred yet; referred: waiting for the follow-up; closed: followed up.
CONCERN_STATUSES = ("open", "referred", "closed")
NOTE_LENGTH = 200  # a short note, not the story


class ReferralService(RowIdentity, Base):
    """One entry of the office's referral directory (the police Family Support Unit, a sexual
    assault referral centre, a clinic…), with the phone the office calls."""

    __tablename__ = "referral_services"
    __table_args__ = (
        CheckConstraint(in_values("kind", REFERRAL_KINDS), name="kind_known"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    name: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    phone: Mapped[str] = mapped_column(String(40), default="")
    place: Mapped[str] = mapped_column(String(160), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SafeguardingConcern(RowIdentity, Base):
    __tablename__ = "safeguarding_concerns"
    __table_args__ = (
        CheckConstraint(in_values("kind", CONCERN_KINDS), name="kind_known"),
        CheckConstraint(in_values("status", CONCERN_STATUSES), name="status_known"),
        CheckConstraint(f"length(note) <= {NOTE_LENGTH}", name="note_short"),
        # Supervisors' list of what still awaits follow-up, oldest follow-up first.
        Index("ix_safeguarding_concerns_status_follow_up", "status", "follow_up_on"),
        Index("ix_safeguarding_concerns_group_id", "group_id"),
        # Office staff see the concerns they recorded.
        Index("ix_safeguarding_concerns_recorded_by_id", "recorded_by_id"),
    )

    noted_on: Mapped[date] = mapped_column(Date)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    referred_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("referral_services.id", ondelete="RESTRICT")
    )
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")
    note: Mapped[str] = mapped_column(String(NOTE_LENGTH), default="")
    # The account that recorded it: office staff see only their own.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    group: Mapped[Group] = relationship()
    referred_to: Mapped[ReferralService | None] = relationship()
