"""dashboard: the held meetings leader by leader, for the facilitator figures

Revision ID: 0014_facilitator_index
Revises: 0013_attitude_totals
Create Date: 2026-12-06 15:00:00

The facilitator figures sum each leader's held meetings of the period: their number, those
held on the planned day, their marks and those present or late. Read through the held-day
index (0011) they came in day order and were sorted by leader: 109,000 meetings at four times
national scale, ~115 ms of the dashboard's refresh. ix_meetings_held_by_leader holds the
meetings leader by leader with every column the figures read, so the held ones of the period
are summed as the index is walked, with no sort (~55 ms). It is led by the leader, not by
status: led by status, SQLite (which has no statistics here) took it for the daily attendance's
held meetings of a span of days as well, and walked every held meeting (49 -> 110-180 ms).
"""

from __future__ import annotations

from alembic import op

revision = "0014_facilitator_index"
down_revision = "0013_attitude_totals"
branch_labels = None
depends_on = None

COLUMNS = [
    "facilitator_id", "status", "held_date", "planned_date", "group_id",
    "marks_present", "marks_late", "marks_excused", "marks_absent",
]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_meetings_held_by_leader", "meetings", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_meetings_held_by_leader", table_name="meetings")
