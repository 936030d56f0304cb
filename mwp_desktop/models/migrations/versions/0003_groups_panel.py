"""groups panel: index meetings by status, group and session

Revision ID: 0003_groups_panel
Revises: 0002_performance_indexes
Create Date: 2026-11-28 05:45:00

The Groups panel shows, for every group, how many of its curriculum's sessions have been held
(`count(distinct session_id)` of its held meetings): at national scale 4,000 groups and 62,000
meetings, read each time the panel opens. With (status, group_id, session_id) SQLite answers it
from the index alone, in group order, instead of visiting every meeting row (~45 ms → ~15 ms
of CPU on the benchmark machine).
"""

from __future__ import annotations

from alembic import op

revision = "0003_groups_panel"
down_revision = "0002_performance_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_meetings_status_group_session",
        "meetings",
        ["status", "group_id", "session_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_meetings_status_group_session", table_name="meetings")
