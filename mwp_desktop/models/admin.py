"""Office administration: users, the audit trail, settings and issued certificates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RowIdentity, in_values
from .groups import Group
from .registry import Facilitator, Participant

ROLES = ("admin", "supervisor", "staff", "facilitator")
# "view": reading a record whose every reading is kept (a safeguarding concern).
AUDIT_ACTIONS = (
    "create", "update", "delete", "issue", "reprint", "override", "login", "restore", "view",
)  # fmt: skip


class User(RowIdentity, Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(in_values("role", ROLES), name="role_known"),)

    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(160), default="")
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    # A facilitator's account sees only that facilitator's groups.
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("facilitators.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)

    facilitator: Mapped[Facilitator | None] = relationship()


class AuditEvent(RowIdentity, Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        CheckConstraint(in_values("action", AUDIT_ACTIONS), name="action_known"),
        Index("ix_audit_events_record", "entity", "entity_id"),
        Index("ix_audit_events_at", "at"),
    )

    at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Kept as text too, so the trail still names the person if the account is removed.
    username: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str] = mapped_column(Text, default="")  # JSON
    after: Mapped[str] = mapped_column(Text, default="")  # JSON
    summary: Mapped[str] = mapped_column(Text, default="")
    # sha256 of the event and the chain_hash before it (audit_chain.py): an edited, deleted or
    # reordered row breaks the chain from there on.
    chain_hash: Mapped[str] = mapped_column(String(64), server_default="")


class Setting(RowIdentity, Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")  # JSON


class CertificateIssue(RowIdentity, Base):
    __tablename__ = "certificate_issues"
    __table_args__ = (
        UniqueConstraint("participant_id", "group_id"),
        CheckConstraint("reprint_count >= 0", name="reprints_not_negative"),
    )

    serial: Mapped[str] = mapped_column(String(32), unique=True)
    verification_code: Mapped[str] = mapped_column(String(64), unique=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"))
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    sessions_attended: Mapped[int] = mapped_column(Integer, default=0)
    reprint_count: Mapped[int] = mapped_column(Integer, default=0)
    override_reason: Mapped[str] = mapped_column(Text, default="")

    participant: Mapped[Participant] = relationship()
    group: Mapped[Group] = relationship()
