"""dashboard: each group's held meetings by day, in an index

Revision ID: 0010_enrolment_days
Revises: 0009_groups_rates_index
Create Date: 2026-12-06 11:00:00

The dashboard's follow-up count takes each group's last two (the setting) regular meetings held
by a day. It numbered every held meeting of the half year before, for every group, with a window
function sorted by group and day, and did it twice (the period's end and the previous one's):
~500 ms at four times national scale. With the held meetings of a group in day order in an
index, each group's last few are read by walking back from the day (LIMIT), about as many index
entries as meetings wanted. "Groups that met" asks the same index whether each group held a
meeting in the period, instead of counting distinct groups over a year of meetings.
"""

from __future__ import annotations

from alembic import op

revision = "0010_enrolment_days"
down_revision = "0009_groups_rates_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_meetings_group_status_held",
        "meetings",
        ["group_id", "status", "held_date"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_meetings_group_status_held", table_name="meetings")
