"""commitments, women's feedback and safeguarding concerns: men's commitments and their
check-ins (and the curriculum session where commitments are made: session 5 of the men's
curriculum), the themes women raise, the referral directory and the concerns referred to it, and
"view" as an audited action (every reading of a concern is kept)

Revision ID: 0007_commitments_and_concerns
Revises: 0005_audit_chain_and_versions
Create Date: 2026-12-06 05:00:00

Self-contained: it creates its own tables and widens one CHECK, so it can follow whichever
revision comes before it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_commitments_and_concerns"
down_revision = "0006_attitude_surveys"
branch_labels = None
depends_on = None

# Written out, not imported: a migration keeps the values of its own day.
ACTIONS_BEFORE = ("create", "update", "delete", "issue", "reprint", "override", "login", "restore")
ACTIONS_AFTER = (*ACTIONS_BEFORE, "view")
REFERRAL_KINDS = ("police", "sexual_assault_centre", "health", "social_welfare", "legal", "other")
CONCERN_KINDS = ("violence_at_home", "threat_to_woman", "child_protection", "other")
CONCERN_STATUSES = ("open", "referred", "closed")
COMMITMENT_KINDS = ("commitment", "next_step")
COMMITMENT_AREAS = (
    "housework_care", "decisions_money", "communication_respect", "non_violence",
    "partner_work_school", "community", "other",
)  # fmt: skip
CHECK_IN_PROGRESS = ("kept", "partly", "not_yet", "changed")
FEEDBACK_THEMES = (
    "safety_at_home", "sharing_work", "money_decisions", "respect_communication",
    "violence_threats", "changes_for_better", "other",
)  # fmt: skip


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _identity() -> list[sa.Column]:
    """The columns every table carries (models/base.py RowIdentity)."""
    now = sa.text("(CURRENT_TIMESTAMP)")
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=now, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=now, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "referral_services",
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=160), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_identity(),
        sa.CheckConstraint(
            _in("kind", REFERRAL_KINDS), name=op.f("ck_referral_services_kind_known")
        ),
        sa.CheckConstraint(
            "length(trim(name)) > 0", name=op.f("ck_referral_services_name_not_blank")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_services")),
        sa.UniqueConstraint("name", name=op.f("uq_referral_services_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_referral_services_uuid")),
    )
    op.create_table(
        "safeguarding_concerns",
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("referred_to_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        *_identity(),
        sa.CheckConstraint(_in("kind", CONCERN_KINDS), name=op.f("ck_safeguarding_concerns_kind_known")),
        sa.CheckConstraint(
            _in("status", CONCERN_STATUSES), name=op.f("ck_safeguarding_concerns_status_known")
        ),
        sa.CheckConstraint("length(note) <= 200", name=op.f("ck_safeguarding_concerns_note_short")),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_safeguarding_concerns_group_id_groups"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["referred_to_id"], ["referral_services.id"],
            name=op.f("fk_safeguarding_concerns_referred_to_id_referral_services"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"],
            name=op.f("fk_safeguarding_concerns_recorded_by_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_concerns")),
        sa.UniqueConstraint("uuid", name=op.f("uq_safeguarding_concerns_uuid")),
    )  # fmt: skip
    op.create_index(
        "ix_safeguarding_concerns_status_follow_up",
        "safeguarding_concerns",
        ["status", "follow_up_on"],
    )
    op.create_index("ix_safeguarding_concerns_group_id", "safeguarding_concerns", ["group_id"])
    op.create_index(
        "ix_safeguarding_concerns_recorded_by_id", "safeguarding_concerns", ["recorded_by_id"]
    )
    op.create_table(
        "women_feedback",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=24), nullable=False),
        sa.Column("raised_by", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        *_identity(),
        sa.CheckConstraint(_in("theme", FEEDBACK_THEMES), name=op.f("ck_women_feedback_theme_known")),
        sa.CheckConstraint("raised_by >= 1", name=op.f("ck_women_feedback_raised_by_positive")),
        sa.CheckConstraint("length(summary) <= 200", name=op.f("ck_women_feedback_summary_short")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_women_feedback_meeting_id_meetings"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_women_feedback")),
        sa.UniqueConstraint("uuid", name=op.f("uq_women_feedback_uuid")),
    )  # fmt: skip
    op.create_index("ix_women_feedback_meeting_id", "women_feedback", ["meeting_id"])
    _add_commitments()
    _allow_audit_actions(ACTIONS_AFTER)


def _add_commitments() -> None:
    with op.batch_alter_table("curriculum_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("commitments_made", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # The shipped men's curriculum starts the personal action plan at session 5.
    op.execute(
        "UPDATE curriculum_sessions SET commitments_made = TRUE WHERE number = 5 AND "
        "curriculum_id IN (SELECT id FROM curricula WHERE code = 'MWP-MEN')"
    )
    op.create_table(
        "commitments",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("area", sa.String(length=24), nullable=False),
        sa.Column("words", sa.String(length=160), nullable=False),
        *_identity(),
        sa.CheckConstraint(_in("kind", COMMITMENT_KINDS), name=op.f("ck_commitments_kind_known")),
        sa.CheckConstraint(_in("area", COMMITMENT_AREAS), name=op.f("ck_commitments_area_known")),
        sa.CheckConstraint("length(trim(words)) > 0", name=op.f("ck_commitments_words_not_blank")),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"],
                                name=op.f("fk_commitments_group_id_groups"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"],
                                name=op.f("fk_commitments_participant_id_participants"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name=op.f("fk_commitments_meeting_id_meetings"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_commitments_uuid")),
    )  # fmt: skip
    op.create_index(
        "ix_commitments_group_participant", "commitments", ["group_id", "participant_id"]
    )
    op.create_index("ix_commitments_meeting_id", "commitments", ["meeting_id"])
    op.create_table(
        "commitment_check_ins",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("progress", sa.String(length=8), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        *_identity(),
        sa.CheckConstraint(_in("progress", CHECK_IN_PROGRESS),
                           name=op.f("ck_commitment_check_ins_progress_known")),
        sa.ForeignKeyConstraint(["commitment_id"], ["commitments.id"],
                                name=op.f("fk_commitment_check_ins_commitment_id_commitments"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name=op.f("fk_commitment_check_ins_meeting_id_meetings"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_check_ins")),
        sa.UniqueConstraint("commitment_id", "meeting_id",
                            name=op.f("uq_commitment_check_ins_commitment_id_meeting_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_commitment_check_ins_uuid")),
    )  # fmt: skip
    op.create_index("ix_commitment_check_ins_meeting_id", "commitment_check_ins", ["meeting_id"])


def _allow_audit_actions(actions: tuple[str, ...]) -> None:
    # The rows (and so their chain hashes) are copied as they are; only the CHECK changes.
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_audit_events_action_known"), type_="check")
        batch_op.create_check_constraint("action_known", _in("action", actions))


def downgrade() -> None:
    op.execute("DELETE FROM audit_events WHERE action = 'view'")
    _allow_audit_actions(ACTIONS_BEFORE)
    op.drop_table("commitment_check_ins")
    op.drop_table("commitments")
    with op.batch_alter_table("curriculum_sessions", schema=None) as batch_op:
        batch_op.drop_column("commitments_made")
    op.drop_table("women_feedback")
    op.drop_table("safeguarding_concerns")
    op.drop_table("referral_services")
