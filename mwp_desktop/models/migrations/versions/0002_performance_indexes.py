"""performance: mark counts on meetings, covering index on attendance

Revision ID: 0002_performance_indexes
Revises: 0001_initial
Create Date: 2026-11-28 03:55:00

The dashboard sums the marks of every meeting held in a year — hundreds of thousands at national
scale. Each meeting now carries its marks counted by status (kept by
models/stored_counts/meeting_marks.py as marks change), filled in here from the attendance already
recorded. The index on
(meeting_id, status) lets SQLite count one meeting's marks from the index alone; the two on
enrolments let the enrolment chart count starts, ends and first enrolments from indexes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_performance_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

STATUSES = ("present", "late", "excused", "absent")


def upgrade() -> None:
    op.create_index(
        "ix_attendance_meeting_status", "attendance", ["meeting_id", "status"], unique=False
    )
    op.create_index(
        "ix_enrollments_enrolled_on",
        "enrollments",
        ["enrolled_on", "status", "ended_on"],
        unique=False,
    )
    op.create_index(
        "ix_enrollments_participant_enrolled_on",
        "enrollments",
        ["participant_id", "enrolled_on"],
        unique=False,
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        for status in STATUSES:
            batch_op.add_column(
                sa.Column(
                    f"marks_{status}", sa.Integer(), server_default=sa.text("0"), nullable=False
                )
            )
    op.execute(
        "UPDATE meetings SET "
        + ", ".join(
            f"marks_{status} = (SELECT count(*) FROM attendance WHERE "
            f"attendance.meeting_id = meetings.id AND attendance.status = '{status}')"
            for status in STATUSES
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        for status in reversed(STATUSES):
            batch_op.drop_column(f"marks_{status}")
    op.drop_index("ix_enrollments_participant_enrolled_on", table_name="enrollments")
    op.drop_index("ix_enrollments_enrolled_on", table_name="enrollments")
    op.drop_index("ix_attendance_meeting_status", table_name="attendance")
