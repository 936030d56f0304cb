"""attitude surveys: instrument versions, each group's survey rounds, each man's response (his
consent) and his answers; the GEM Scale as shipped is the first instrument

Revision ID: 0006_attitude_surveys
Revises: 0005_audit_chain_and_versions
Create Date: 2026-12-06 04:50:00

The program recorded who came to the sessions, not whether anything changed. Men now answer
the GEM Scale at the start (baseline), at the end (endline) and some months later (follow-up).
A refusal is a response without answers; an answer without a code is a statement refused or
not known. Each response keeps its man's score as answers are saved, so the dashboard averages
one row per man, and the sessions he attended in the group, for the dose-response chart.
"""

from __future__ import annotations

import json
import uuid

import sqlalchemy as sa
from alembic import op

# The shipped definition is the program's, read from its file as this revision is applied: a
# later version of the scale is a new file and a new row, never a change to this one.
from mwp_desktop.services.surveys.instruments import definition_of, shipped_instrument

revision = "0006_attitude_surveys"
down_revision = "0005_audit_chain_and_versions"
branch_labels = None
depends_on = None


def _identity() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"),
                  nullable=False),
    ]  # fmt: skip


def upgrade() -> None:
    instruments = op.create_table(
        "survey_instruments",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        *_identity(),
        sa.CheckConstraint("version > 0", name=op.f("ck_survey_instruments_version_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_instruments")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_survey_instruments_name_version")),
        sa.UniqueConstraint("uuid", name=op.f("uq_survey_instruments_uuid")),
    )
    op.create_table(
        "survey_rounds",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        *_identity(),
        sa.CheckConstraint(
            "kind IN ('baseline', 'endline', 'follow-up')", name=op.f("ck_survey_rounds_kind_known")
        ),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"],
                                name=op.f("fk_survey_rounds_group_id_groups"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["instrument_id"], ["survey_instruments.id"],
                                name=op.f("fk_survey_rounds_instrument_id_survey_instruments"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_rounds")),
        sa.UniqueConstraint("group_id", "kind", name=op.f("uq_survey_rounds_group_id_kind")),
        sa.UniqueConstraint("uuid", name=op.f("uq_survey_rounds_uuid")),
    )  # fmt: skip
    op.create_table(
        "survey_responses",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("consent", sa.String(length=8), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("answered", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("inequitable", sa.Float(), nullable=True),
        sa.Column("equitable", sa.Float(), nullable=True),
        sa.Column("sessions_attended", sa.Integer(), server_default=sa.text("0"), nullable=False),
        *_identity(),
        sa.CheckConstraint("consent IN ('given', 'refused')",
                           name=op.f("ck_survey_responses_consent_known")),
        sa.CheckConstraint("answered >= 0", name=op.f("ck_survey_responses_answered_not_negative")),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"],
                                name=op.f("fk_survey_responses_participant_id_participants"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"],
                                name=op.f("fk_survey_responses_recorded_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["round_id"], ["survey_rounds.id"],
                                name=op.f("fk_survey_responses_round_id_survey_rounds"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("round_id", "participant_id",
                            name=op.f("uq_survey_responses_round_id_participant_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_survey_responses_uuid")),
    )  # fmt: skip
    op.create_index(
        "ix_survey_responses_participant_id", "survey_responses", ["participant_id"], unique=False
    )
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("item_number", sa.Integer(), nullable=False),
        sa.Column("code", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"),
                  nullable=False),
        sa.CheckConstraint("code IS NULL OR code IN (1, 2, 3)",
                           name=op.f("ck_survey_answers_code_known")),
        sa.CheckConstraint("item_number > 0", name=op.f("ck_survey_answers_item_positive")),
        sa.ForeignKeyConstraint(["response_id"], ["survey_responses.id"],
                                name=op.f("fk_survey_answers_response_id_survey_responses"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
        sa.UniqueConstraint("response_id", "item_number",
                            name=op.f("uq_survey_answers_response_id_item_number")),
    )  # fmt: skip
    gem = shipped_instrument()
    op.bulk_insert(
        instruments,
        [{"name": gem.name, "version": gem.version, "uuid": _same_in_every_office(gem),
          "definition": json.dumps(definition_of(gem), ensure_ascii=False)}],
    )  # fmt: skip


def _same_in_every_office(gem) -> str:
    """The shipped version's uuid is derived from its name and version, not drawn at random, so
    that records merged from two offices name the same instrument."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"mwp-desktop:instrument:{gem.name}:{gem.version}").hex


def downgrade() -> None:
    op.drop_table("survey_answers")
    op.drop_index("ix_survey_responses_participant_id", table_name="survey_responses")
    op.drop_table("survey_responses")
    op.drop_table("survey_rounds")
    op.drop_table("survey_instruments")
