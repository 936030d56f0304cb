"""dashboard: each group's sessions kept for retention; covering indexes for the attendance
tallies and the attitude charts

Revision ID: 0011_dashboard_totals
Revises: 0010_enrolment_days
Create Date: 2026-12-06 11:00:00

The dashboard's first half (daily attendance, retention by session, facilitators, attitude
change) took ~1.28 s at four times national scale, one thread, load ~1:

- group_session_totals: per group and curriculum session number, its first and last held day,
  held meetings, the men who came (once each) and the members on its first day
  (models/stored_counts/group_sessions.py), filled in here from the meetings, marks and
  enrolments. Retention read 109,000 meetings into a temporary table and joined 94,000 sessions
  to the enrolments (542 ms); it now reads these rows.
- ix_meetings_held_day: the held meetings of a span of days with every column the daily
  attendance and facilitator figures read, so they read the index alone instead of building
  the temporary table (170 ms) and sorting it; with makeup_of_id, the follow-up count's last
  regular meetings of each group too (SQLite takes this index for it; without that column it
  read each meeting's row and was 10% slower than on the old index). Led by held_date, not status: led by status,
  SQLite (no statistics) took an index for the participants search's tallies and started from
  every held meeting (0004). ix_meetings_group_held_day holds the same columns group by group,
  for a filter that keeps a few groups: without it SQLite starts from the filter's groups on
  the (group_id, status, …) index and reads each meeting's row, twice (daily and facilitators),
  slower than the temporary table was at national scale with one district. It begins with
  0010's ix_meetings_group_status_held (the follow-ups' walk back through each group's
  meetings), which it replaces.
- survey_responses: the round's responses by day now carry the participant, his score and his
  sessions attended, and the baseline look-up by (round, participant) its score, so the
  attitude charts read no response row. The old (round_id, taken_on) index is replaced: its
  columns lead the new one, which the agenda's follow-up surveys due can use the same way.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_dashboard_totals"
down_revision = "0010_enrolment_days"
branch_labels = None
depends_on = None

# Written out, not imported: a migration keeps the definitions of its own day.
FILL = """
INSERT INTO group_session_totals
    (group_id, session_number, first_held, last_held, meetings, attended, members)
SELECT s.group_id, s.session_number, s.first_held, s.last_held, s.meetings, s.attended,
    (SELECT count(*) FROM enrollments e
     WHERE e.group_id = s.group_id AND e.enrolled_on <= s.first_held)
  - (SELECT count(*) FROM enrollments e
     WHERE e.group_id = s.group_id AND e.status = 'transferred' AND e.ended_on <= s.first_held)
FROM (
    SELECT m.group_id AS group_id, cs.number AS session_number,
        min(m.held_date) AS first_held, max(m.held_date) AS last_held,
        count(DISTINCT m.id) AS meetings, count(DISTINCT a.participant_id) AS attended
    FROM meetings m
    JOIN curriculum_sessions cs ON cs.id = m.session_id
    LEFT OUTER JOIN attendance a
        ON a.meeting_id = m.id AND a.status IN ('present', 'late')
    WHERE m.status = 'held'
    GROUP BY m.group_id, cs.number
) AS s
"""
HELD_DAY = [
    "held_date", "status", "group_id", "facilitator_id", "planned_date", "session_id",
    "marks_present", "marks_late", "marks_excused", "marks_absent", "makeup_of_id",
]  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "group_session_totals",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("session_number", sa.Integer(), nullable=False),
        sa.Column("first_held", sa.Date(), nullable=False),
        sa.Column("last_held", sa.Date(), nullable=False),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Integer(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["groups.id"],
            name="fk_group_session_totals_group_id_groups",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("group_id", "session_number", name="pk_group_session_totals"),
        sqlite_with_rowid=False,
    )
    op.execute(FILL)
    op.create_index("ix_meetings_held_day", "meetings", HELD_DAY, unique=False)
    op.create_index(
        "ix_meetings_group_held_day",
        "meetings",
        ["group_id", "status", "held_date", *HELD_DAY[3:]],
        unique=False,
    )
    # Its first columns are 0010's index, which it therefore replaces.
    op.drop_index("ix_meetings_group_status_held", table_name="meetings")
    op.create_index(
        "ix_survey_responses_round_taken_scores",
        "survey_responses",
        ["round_id", "taken_on", "participant_id", "total", "sessions_attended"],
        unique=False,
    )
    op.drop_index("ix_survey_responses_round_taken", table_name="survey_responses")
    op.create_index(
        "ix_survey_responses_round_participant_total",
        "survey_responses",
        ["round_id", "participant_id", "total"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_survey_responses_round_participant_total", table_name="survey_responses")
    op.create_index("ix_survey_responses_round_taken", "survey_responses", ["round_id", "taken_on"])
    op.drop_index("ix_survey_responses_round_taken_scores", table_name="survey_responses")
    op.create_index(
        "ix_meetings_group_status_held", "meetings", ["group_id", "status", "held_date"]
    )
    op.drop_index("ix_meetings_group_held_day", table_name="meetings")
    op.drop_index("ix_meetings_held_day", table_name="meetings")
    op.drop_table("group_session_totals")
