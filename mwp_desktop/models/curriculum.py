"""Curricula and their numbered sessions.

A curriculum is versioned: a group keeps the version it started with, so an edited curriculum
is saved as a new version rather than rewriting the plans old groups followed.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RowIdentity, in_values

GROUP_KINDS = ("men", "women", "mixed")


class Curriculum(RowIdentity, Base):
    __tablename__ = "curricula"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        CheckConstraint(in_values("kind", GROUP_KINDS), name="kind_known"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    kind: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")

    sessions: Mapped[list[CurriculumSession]] = relationship(
        back_populates="curriculum", order_by="CurriculumSession.number"
    )


class CurriculumSession(RowIdentity, Base):
    __tablename__ = "curriculum_sessions"
    __table_args__ = (
        UniqueConstraint("curriculum_id", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("minutes > 0", name="minutes_positive"),
    )

    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curricula.id", ondelete="RESTRICT"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    # One item a line: the printed session plan lists them as bullets.
    objectives: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[int] = mapped_column(Integer, default=120)
    # The session where each man makes his commitments (the personal action plan): session 5
    # of the shipped men's curriculum.
    commitments_made: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    curriculum: Mapped[Curriculum] = relationship(back_populates="sessions")
