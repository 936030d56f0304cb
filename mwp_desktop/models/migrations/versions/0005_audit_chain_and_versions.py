"""audit chain and versions: every audit event carries a hash chained to the event before it;
participants, groups and meetings carry the version of their last save

Revision ID: 0005_audit_chain_and_versions
Revises: 0004_dashboard_indexes
Create Date: 2026-12-06 03:10:00

Editing or deleting audit_events rows in the file left no trace. Each event now carries
chain_hash, the sha256 of the hash before it and the event's content (models/audit_chain.py);
the events already recorded are chained here, oldest first, so `mwp-desktop check` can tell an
upgraded trail that was later edited from one that was not. (What an upgraded trail held before
this revision cannot be vouched for: it is chained as found.)

Two people editing the same participant, group or meeting on two PCs: the second save silently
undid the first. Each of them now carries `version` (models/base.py EditVersion), 1 for every
record already there, raised by each save; a form that read an older version is refused.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# The hash is the program's definition of the chain, not a schema detail: a later change to it
# would need a migration that chains the trail again, so this one uses the program's own.
from mwp_desktop.models.audit_chain import CONTENT, chain_hash

revision = "0005_audit_chain_and_versions"
down_revision = "0004_dashboard_indexes"
branch_labels = None
depends_on = None

VERSIONED = ("participants", "groups", "meetings")

events = sa.table(
    "audit_events",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("username", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("before", sa.Text),
    sa.column("after", sa.Text),
    sa.column("summary", sa.Text),
    sa.column("chain_hash", sa.String),
)


def upgrade() -> None:
    op.add_column(
        "audit_events",
        sa.Column("chain_hash", sa.String(length=64), server_default="", nullable=False),
    )
    _chain_recorded_events()
    for table in VERSIONED:
        op.add_column(
            table, sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )


def _chain_recorded_events() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(events.c.id, *(events.c[name] for name in CONTENT)).order_by(events.c.id)
    ).all()
    previous, hashes = "", []
    for row in rows:
        previous = chain_hash(previous, row._mapping)
        hashes.append({"event_id": row.id, "hash": previous})
    if hashes:
        conn.execute(
            events.update()
            .where(events.c.id == sa.bindparam("event_id"))
            .values(chain_hash=sa.bindparam("hash")),
            hashes,
        )


def downgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")
