"""People and places: communities, facilitators and participants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, EditVersion, RowIdentity, in_values

SEXES = ("M", "F")


class Community(RowIdentity, Base):
    __tablename__ = "communities"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        Index("ix_communities_district_chiefdom", "district", "chiefdom"),
        Index("uq_communities_place", "name", "chiefdom", "district", unique=True),
    )

    name: Mapped[str] = mapped_column(String(120))
    chiefdom: Mapped[str] = mapped_column(String(120), default="")
    district: Mapped[str] = mapped_column(String(120), default="")

    def __repr__(self) -> str:
        return f"Community({self.name!r}, {self.chiefdom!r}, {self.district!r})"


class Facilitator(RowIdentity, Base):
    __tablename__ = "facilitators"
    __table_args__ = (
        CheckConstraint(in_values("sex", SEXES), name="sex_known"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    name: Mapped[str] = mapped_column(String(160), index=True)
    sex: Mapped[str] = mapped_column(String(1))
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Participant(RowIdentity, EditVersion, Base):
    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint(in_values("sex", SEXES), name="sex_known"),
        CheckConstraint("length(trim(first_name)) > 0", name="first_name_not_blank"),
        CheckConstraint(
            "birth_year IS NULL OR (birth_year BETWEEN 1900 AND 2100)", name="birth_year_plausible"
        ),
        Index("ix_participants_name_key", "name_key"),
        Index("ix_participants_community_name", "community_id", "name_key"),
    )

    # Printed on sign-in sheets and certificates and read over the phone: short, never reused.
    code: Mapped[str] = mapped_column(String(16), unique=True)
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120), default="")
    # Lower-cased, accent-free "first last" for search and duplicate detection.
    name_key: Mapped[str] = mapped_column(String(250))
    sex: Mapped[str] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    consent_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    community: Mapped[Community | None] = relationship()
    partner: Mapped[Participant | None] = relationship(remote_side="Participant.id")

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)


def full_name(first_name: str, last_name: str) -> str:
    """A participant's name as shown and printed (also for rows read without the ORM)."""
    return f"{first_name} {last_name}".strip()
