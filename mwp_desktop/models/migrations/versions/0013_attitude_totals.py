"""dashboard: the men with both attitude rounds scored, summed per group and endline day

Revision ID: 0013_attitude_totals
Revises: 0012_name_words
Create Date: 2026-12-06 14:00:00

The attitude charts joined each endline response to its round, the group's baseline round, the
man's baseline response, his group and its place, then sorted every man by label, bands and
sessions attended: ~300 ms of the dashboard's refresh at four times national scale (157,000
men), the largest part. Two tables hold those men summed per group and day of the endline
(models/stored_counts/attitude_totals.py): attitude_band_totals by band before and after (the
men, both totals' sums in tenths, how many rose, the lowest total of each side), and
attitude_dose_totals by sessions attended (the men, the sum of their changes). The charts add
up a few rows per group.

Filled here from the responses (a few seconds at four times national scale). The pairing and
the band rule are written out rather than imported: a migration keeps the rules of its own day.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0013_attitude_totals"
down_revision = "0012_name_words"
branch_labels = None
depends_on = None

CHUNK = 5000
NO_BAND = ""
PAIRS = """
SELECT br.group_id, a.taken_on, b.total, a.total, br.instrument_id, er.instrument_id,
       a.sessions_attended
FROM survey_rounds br
JOIN survey_responses b ON b.round_id = br.id
JOIN survey_rounds er ON er.group_id = br.group_id AND er.kind = 'endline'
JOIN survey_responses a ON a.round_id = er.id AND a.participant_id = b.participant_id
WHERE br.kind = 'baseline' AND b.total IS NOT NULL AND a.total IS NOT NULL
"""


def _band(bands: list[tuple[float, str]], total: float) -> str:
    """The highest band whose lower bound the total reaches."""
    reached = [label for lower, label in bands if total >= lower]
    return reached[-1] if reached else NO_BAND


def _fill(connection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    names = list(rows[0])
    insert = sa.text(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
    )
    for at in range(0, len(rows), CHUNK):
        connection.execute(insert, rows[at : at + CHUNK])


def upgrade() -> None:
    op.create_table(
        "attitude_band_totals",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=False),
        sa.Column("before_band", sa.String(length=60), nullable=False),
        sa.Column("after_band", sa.String(length=60), nullable=False),
        sa.Column("men", sa.Integer(), nullable=False),
        sa.Column("before_tenths", sa.Integer(), nullable=False),
        sa.Column("after_tenths", sa.Integer(), nullable=False),
        sa.Column("rose", sa.Integer(), nullable=False),
        sa.Column("lowest_before", sa.Integer(), nullable=False),
        sa.Column("lowest_after", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_attitude_band_totals_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "group_id",
            "ended_on",
            "before_band",
            "after_band",
            name=op.f("pk_attitude_band_totals"),
        ),  # fmt: skip
        sqlite_with_rowid=False,
    )
    op.create_table(
        "attitude_dose_totals",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=False),
        sa.Column("attended", sa.Integer(), nullable=False),
        sa.Column("men", sa.Integer(), nullable=False),
        sa.Column("change_tenths", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_attitude_dose_totals_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "group_id", "ended_on", "attended", name=op.f("pk_attitude_dose_totals")
        ),
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
    by_band: dict[tuple, dict] = {}
    by_dose: dict[tuple, dict] = {}
    for group_id, ended_on, before, after, first, last, attended in connection.execute(
        sa.text(PAIRS)
    ).all():
        low, high = round(before * 10), round(after * 10)
        key = (group_id, ended_on, _band(bands[first], before), _band(bands[last], after))
        row = by_band.setdefault(key, {
            "group_id": key[0], "ended_on": key[1], "before_band": key[2], "after_band": key[3],
            "men": 0, "before_tenths": 0, "after_tenths": 0, "rose": 0,
            "lowest_before": low, "lowest_after": high,
        })  # fmt: skip
        row["men"] += 1
        row["before_tenths"] += low
        row["after_tenths"] += high
        row["rose"] += high > low
        row["lowest_before"] = min(row["lowest_before"], low)
        row["lowest_after"] = min(row["lowest_after"], high)
        dose = by_dose.setdefault((group_id, ended_on, attended), {
            "group_id": group_id, "ended_on": ended_on, "attended": attended, "men": 0,
            "change_tenths": 0,
        })  # fmt: skip
        dose["men"] += 1
        dose["change_tenths"] += high - low
    _fill(connection, "attitude_band_totals", list(by_band.values()))
    _fill(connection, "attitude_dose_totals", list(by_dose.values()))


def downgrade() -> None:
    op.drop_table("attitude_dose_totals")
    op.drop_table("attitude_band_totals")
