"""dashboard: enrolments started and ended per group and day; each group's held meetings by
day, in an index

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

The enrolment chart counted starts, ends and each person's first enrolment from every enrolment,
three grouped passes (~480 ms at 4x). The table enrolment_days keeps those counts per group and
day (models/stored_counts/enrolment_days.py), filled in here from the enrolments; with the
enrolments completed, not completed and dropped by the day they finished, the completion chart
sums those rows instead of reading every finished enrolment (~150 ms at 4x). The table
enrolment_overlaps lists the people with two enrolments running on one day, so that "participants
enrolled" (each person once) is the running enrolments from those rows less these few people's
extra ones, instead of a distinct count over every running enrolment.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_enrolment_days"
down_revision = "0009_groups_rates_index"
branch_labels = None
depends_on = None


# Written out, not imported: a migration keeps the counts of its own day.
FILL_ENROLMENT_DAYS = """
INSERT INTO enrolment_days (
    group_id, day, started, ended, first_enrolments, completed, not_completed, dropped
)
SELECT group_id, day, sum(started), sum(ended), sum(first_enrolments),
    sum(completed), sum(not_completed), sum(dropped)
FROM (
    SELECT e.group_id AS group_id, e.enrolled_on AS day, 1 AS started, 0 AS ended,
        CASE WHEN NOT EXISTS (
            SELECT 1 FROM enrollments AS earlier
            WHERE earlier.participant_id = e.participant_id
            AND (earlier.enrolled_on < e.enrolled_on
                 OR (earlier.enrolled_on = e.enrolled_on AND earlier.id < e.id))
        ) THEN 1 ELSE 0 END AS first_enrolments,
        0 AS completed, 0 AS not_completed, 0 AS dropped
    FROM enrollments AS e
    UNION ALL
    SELECT group_id, coalesce(ended_on, enrolled_on), 0, 1, 0, 0, 0, 0
    FROM enrollments WHERE status != 'active'
    UNION ALL
    SELECT e.group_id, coalesce(e.ended_on, g.closed_on), 0, 0, 0,
        CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END,
        CASE WHEN e.status = 'not_completed' THEN 1 ELSE 0 END,
        CASE WHEN e.status = 'dropped' THEN 1 ELSE 0 END
    FROM enrollments AS e JOIN groups AS g ON g.id = e.group_id
    WHERE e.status IN ('completed', 'not_completed', 'dropped')
    AND coalesce(e.ended_on, g.closed_on) IS NOT NULL
) AS each_enrolment
GROUP BY group_id, day
"""


FILL_ENROLMENT_OVERLAPS = """
INSERT INTO enrolment_overlaps (participant_id)
SELECT DISTINCT a.participant_id FROM enrollments AS a
WHERE EXISTS (
    SELECT 1 FROM enrollments AS b
    WHERE b.participant_id = a.participant_id AND b.id != a.id
    AND a.enrolled_on < (CASE WHEN b.status = 'active' THEN '9999-12-31' ELSE b.ended_on END)
    AND b.enrolled_on < (CASE WHEN a.status = 'active' THEN '9999-12-31' ELSE a.ended_on END)
    AND a.enrolled_on < (CASE WHEN a.status = 'active' THEN '9999-12-31' ELSE a.ended_on END)
    AND b.enrolled_on < (CASE WHEN b.status = 'active' THEN '9999-12-31' ELSE b.ended_on END)
)
"""


def upgrade() -> None:
    op.create_table(
        "enrolment_days",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("started", sa.Integer(), nullable=False),
        sa.Column("ended", sa.Integer(), nullable=False),
        sa.Column("first_enrolments", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("not_completed", sa.Integer(), nullable=False),
        sa.Column("dropped", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name=op.f("fk_enrolment_days_group_id_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "day", name=op.f("pk_enrolment_days")),
    )
    op.create_index(
        "ix_enrolment_days_day_counts",
        "enrolment_days",
        ["day", "started", "ended", "first_enrolments"],
        unique=False,
    )
    op.create_index(
        "ix_enrolment_days_group_finished",
        "enrolment_days",
        ["group_id", "day", "completed", "not_completed", "dropped"],
        unique=False,
    )
    op.execute(FILL_ENROLMENT_DAYS)
    op.create_table(
        "enrolment_overlaps",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_enrolment_overlaps_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_enrolment_overlaps")),
    )
    op.execute(FILL_ENROLMENT_OVERLAPS)
    op.create_index(
        "ix_meetings_group_status_held",
        "meetings",
        ["group_id", "status", "held_date"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("enrolment_overlaps")
    op.drop_index("ix_enrolment_days_group_finished", table_name="enrolment_days")
    op.drop_index("ix_enrolment_days_day_counts", table_name="enrolment_days")
    op.drop_table("enrolment_days")
    op.drop_index("ix_meetings_group_status_held", table_name="meetings")
