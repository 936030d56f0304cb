"""dashboard: covering indexes for completion, retention and the follow-up count

Revision ID: 0004_dashboard_indexes
Revises: 0003_groups_panel
Create Date: 2026-11-28 05:50:00

The dashboard's full refresh at national scale read rows it only needed an index for:
- enrolments of a group by status now carry the end and start days, so completion by place and
  the retention chart's members count from the index alone (it replaces (group_id, status),
  which every query that used it can still use as the index's first two columns);
- absent marks at a meeting now carry the participant, so the follow-up count reads who was
  absent from the index alone (it replaces (meeting_id, status) in the same way).

No index on meetings by held day: the tallies read a third of all meetings, and a full scan does
that faster than an index with a row lookup for each (52 -> 102 ms); led by status instead, SQLite
(no statistics) took it for a narrow index and started the participants search from every held
meeting (19 -> 600 ms a keystroke).
"""

from __future__ import annotations

from alembic import op

revision = "0004_dashboard_indexes"
down_revision = "0003_groups_panel"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_enrollments_group_status_days",
        "enrollments",
        ["group_id", "status", "ended_on", "enrolled_on"],
        unique=False,
    )
    op.drop_index("ix_enrollments_group_status", table_name="enrollments")
    op.create_index(
        "ix_attendance_meeting_status_participant",
        "attendance",
        ["meeting_id", "status", "participant_id"],
        unique=False,
    )
    op.drop_index("ix_attendance_meeting_status", table_name="attendance")


def downgrade() -> None:
    op.create_index(
        "ix_attendance_meeting_status", "attendance", ["meeting_id", "status"], unique=False
    )
    op.drop_index("ix_attendance_meeting_status_participant", table_name="attendance")
    op.create_index(
        "ix_enrollments_group_status", "enrollments", ["group_id", "status"], unique=False
    )
    op.drop_index("ix_enrollments_group_status_days", table_name="enrollments")
