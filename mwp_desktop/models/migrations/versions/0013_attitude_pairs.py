"""dashboard: each man's two attitude scores kept side by side, for the attitude charts

Revision ID: 0013_attitude_pairs
Revises: 0012_name_words
Create Date: 2026-12-06 14:00:00

The attitude charts joined each endline response to its round, the group's baseline round, the
man's baseline response, his group and its place, then sorted every man by label, bands and
sessions attended: ~300 ms of the dashboard's refresh at four times national scale (157,000
men), the largest part. attitude_pairs (models/stored_counts/attitude_pairs.py) holds one row
per man with both rounds of a group scored: the endline's day, both totals in tenths, the band
of each and his sessions attended. Its band-ordered index lets the database add up each group's
men as it walks them; the dose index, the men by sessions attended.

Filled here from the responses (a few seconds at four times national scale). The pairing and
the band rule are written out rather than imported: a migration keeps the rules of its own day.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0013_attitude_pairs"
down_revision = "0012_name_words"
branch_labels = None
depends_on = None

CHUNK = 5000
PAIRS = """
SELECT br.group_id, b.participant_id, a.taken_on, b.total, a.total,
       br.instrument_id, er.instrument_id, a.sessions_attended
FROM survey_rounds br
JOIN survey_responses b ON b.round_id = br.id
JOIN survey_rounds er ON er.group_id = br.group_id AND er.kind = 'endline'
JOIN survey_responses a ON a.round_id = er.id AND a.participant_id = b.participant_id
WHERE br.kind = 'baseline' AND b.total IS NOT NULL AND a.total IS NOT NULL
"""
INSERT = """
INSERT INTO attitude_pairs (group_id, participant_id, ended_on, before_tenths, after_tenths,
    before_band, after_band, attended)
VALUES (:group_id, :participant_id, :ended_on, :before_tenths, :after_tenths,
    :before_band, :after_band, :attended)
"""


def _band(bands: list[tuple[float, str]], total: float) -> str | None:
    """The highest band whose lower bound the total reaches."""
    reached = [label for lower, label in bands if total >= lower]
    return reached[-1] if reached else None


def upgrade() -> None:
    op.create_table(
        "attitude_pairs",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=False),
        sa.Column("before_tenths", sa.Integer(), nullable=False),
        sa.Column("after_tenths", sa.Integer(), nullable=False),
        sa.Column("before_band", sa.String(length=60), nullable=True),
        sa.Column("after_band", sa.String(length=60), nullable=True),
        sa.Column("attended", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_attitude_pairs_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_attitude_pairs_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "participant_id", name=op.f("pk_attitude_pairs")),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    bands = {
        instrument_id: [
            (float(row["from"]), str(row["label"]).strip())
            for row in json.loads(definition).get("bands") or []
        ]
        for instrument_id, definition in connection.execute(
            sa.text("SELECT id, definition FROM survey_instruments")
        )
    }
    rows = [
        {"group_id": group_id, "participant_id": man, "ended_on": ended_on,
         "before_tenths": round(before * 10), "after_tenths": round(after * 10),
         "before_band": _band(bands[first], before), "after_band": _band(bands[last], after),
         "attended": attended}
        for group_id, man, ended_on, before, after, first, last, attended
        in connection.execute(sa.text(PAIRS)).all()
    ]  # fmt: skip
    for at in range(0, len(rows), CHUNK):
        connection.execute(sa.text(INSERT), rows[at : at + CHUNK])
    # Made after the rows are in: one sort each, rather than indexes updated row by row.
    op.create_index(
        "ix_attitude_pairs_bands",
        "attitude_pairs",
        ["group_id", "before_band", "after_band", "ended_on", "before_tenths", "after_tenths"],
        unique=False,
    )
    op.create_index(
        "ix_attitude_pairs_dose",
        "attitude_pairs",
        ["attended", "ended_on", "group_id", "before_tenths", "after_tenths"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_attitude_pairs_dose", table_name="attitude_pairs")
    op.drop_index("ix_attitude_pairs_bands", table_name="attitude_pairs")
    op.drop_table("attitude_pairs")
