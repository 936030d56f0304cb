"""participants search: each name kept from each of its words on, in an index

Revision ID: 0012_name_words
Revises: 0011_dashboard_totals
Create Date: 2026-12-06 11:00:00

The search box finds a man by the beginning of any word of his name. Only the first word is a
prefix range on participants.name_key; the others are `LIKE '% word%'`, which no index
answers, so the search walked the name index in order until it had a page: a word few men have
after the first ("fatm", "p": first names only, at 4x national) or none ("sesay m") walked most
or all of it (0.8 to 2.8 million SQLite steps, 20-60 ms a keystroke). The new table name_words
holds each name from each of its later words to its end (models/name_words.py), so the
later-word matches are a prefix range on ix_name_words_from_word and cost what they find.

Filled here from every participant's name_key (a few seconds at 4x: 450,000 rows). The split is
written out rather than imported: a migration keeps the rule of its own day.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_name_words"
down_revision = "0011_dashboard_totals"
branch_labels = None
depends_on = None

CHUNK = 20_000


def _later_words(name_key: str) -> set[str]:
    return {name_key[i + 1 :] for i, ch in enumerate(name_key) if ch == " "}


def upgrade() -> None:
    words = op.create_table(
        "name_words",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("from_word", sa.String(length=250), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_name_words_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "from_word", name=op.f("pk_name_words")),
    )
    connection = op.get_bind()
    names = connection.execute(sa.text("SELECT id, name_key FROM participants ORDER BY id"))
    rows: list[dict] = []
    for participant_id, name_key in names.all():
        rows.extend(
            {"participant_id": participant_id, "from_word": w} for w in _later_words(name_key)
        )
        if len(rows) >= CHUNK:
            connection.execute(words.insert(), rows)
            rows = []
    if rows:
        connection.execute(words.insert(), rows)
    # Made after the rows are in: one sort, rather than an index updated row by row.
    op.create_index(
        "ix_name_words_from_word", "name_words", ["from_word", "participant_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_name_words_from_word", table_name="name_words")
    op.drop_table("name_words")
