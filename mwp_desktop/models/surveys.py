"""Attitude surveys: the instrument versions an office uses, each group's rounds (baseline,
endline, follow-up), each man's response to a round (his consent), and his answers.

A refusal is kept as a response with no answers. An answer with no code is a statement the man
refused or did not know; a statement with no answer row has not been entered yet."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, RowIdentity, in_values
from .groups import Group
from .registry import Participant

ROUND_KINDS = ("baseline", "endline", "follow-up")
CONSENT_CHOICES = ("given", "refused")


class SurveyInstrument(RowIdentity, Base):
    """One version of an instrument, its statements and bands as JSON (services/surveys/
    instruments.py reads it). A version that has answers is never changed: a new one is made."""

    __tablename__ = "survey_instruments"
    __table_args__ = (
        UniqueConstraint("name", "version"),
        CheckConstraint("version > 0", name="version_positive"),
    )

    name: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[str] = mapped_column(Text)


class SurveyRound(RowIdentity, Base):
    __tablename__ = "survey_rounds"
    __table_args__ = (
        UniqueConstraint("group_id", "kind"),
        CheckConstraint(in_values("kind", ROUND_KINDS), name="kind_known"),
    )

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(10))
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("survey_instruments.id", ondelete="RESTRICT")
    )

    group: Mapped[Group] = relationship()
    instrument: Mapped[SurveyInstrument] = relationship()


class SurveyResponse(RowIdentity, Base):
    """A man's part in a round: whether he consented, and when he answered."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id"),
        CheckConstraint(in_values("consent", CONSENT_CHOICES), name="consent_known"),
        Index("ix_survey_responses_participant_id", "participant_id"),
        CheckConstraint("answered >= 0", name="answered_not_negative"),
        # A round's last day from the index alone: the agenda's follow-up surveys due (0008);
        # and a round's responses of a span of days with the man, his score and sessions
        # attended, the baseline's score by man: the attitude charts read no row (0011).
        Index(
            "ix_survey_responses_round_taken_scores",
            "round_id",
            "taken_on",
            "participant_id",
            "total",
            "sessions_attended",
        ),
        Index("ix_survey_responses_round_participant_total", "round_id", "participant_id", "total"),
    )

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    consent: Mapped[str] = mapped_column(String(8))
    taken_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # His score, kept by services/surveys/responses.py as each answer is saved, so that the
    # dashboard averages a row per man instead of scoring millions of answers at every refresh.
    # The totals are None while fewer than 80% of the statements are answered ("not scored").
    answered: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    total: Mapped[float | None] = mapped_column(Float)
    inequitable: Mapped[float | None] = mapped_column(Float)
    equitable: Mapped[float | None] = mapped_column(Float)
    # The sessions he attended in the round's group, for the dose-response chart; kept by
    # models/stored_counts/survey_sessions.py as his marks change.
    sessions_attended: Mapped[int] = mapped_column(default=0, server_default=text("0"))

    round: Mapped[SurveyRound] = relationship()
    participant: Mapped[Participant] = relationship()


class SurveyAnswer(Base):
    """One statement's answer. Kept lean, like attendance: a national office holds millions."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        UniqueConstraint("response_id", "item_number"),
        CheckConstraint("code IS NULL OR code IN (1, 2, 3)", name="code_known"),
        CheckConstraint("item_number > 0", name="item_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="RESTRICT"))
    item_number: Mapped[int] = mapped_column(Integer)
    code: Mapped[int | None] = mapped_column(Integer)  # None: refused or did not know
    recorded_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
