"""groups panel: the attendance rates read from an index alone

Revision ID: 0008_groups_rates_index
Revises: 0007_commitments_and_concerns
Create Date: 2026-12-06 08:15:00

The Groups panel shows each group's attendance rate, summed from the mark counts every held
meeting keeps (0003's index found the held meetings, then each one's row was read for its
counts: 204,000 row look-ups at four times national scale). The index on (group_id, status,
session_id) now also carries the four mark counts, so the sum reads the index alone. It replaces
that index rather than sitting beside it: its first three columns are the old index, so the
sessions-held recount and every query that used the old one can use this one the same way, and
the meetings table keeps one index to update instead of two.

Measured on the benchmark machine (2 cores, load 2.4-2.6, medians of 5-7):
- the rates' sum, national: 36 -> 16 ms; 4x national: ~120 -> ~60 ms (SCAN USING INDEX becomes
  SCAN USING COVERING INDEX);
- EXPLAIN QUERY PLAN of every statement the participants search (25 keystrokes, rows and count),
  the dashboard's full read, the agenda (two weeks with its filters) and the Groups panel run
  (44 distinct statements), before and after, at 4x: 42 identical; the dashboard's "latest
  meetings per group" scan names this index instead of the old one with the same shape (the same
  look-ups, 193 -> 183 ms, noise), and the rates' sum is the one that changed, as meant.

Still not led by status, for the reason 0003 and 0004 give: SQLite keeps no statistics here and
would start the participants search's tallies from every held meeting.
"""

from __future__ import annotations

from alembic import op

revision = "0008_groups_rates_index"
down_revision = "0007_commitments_and_concerns"
branch_labels = None
depends_on = None

MARK_COUNTS = ["marks_present", "marks_late", "marks_excused", "marks_absent"]


def upgrade() -> None:
    op.create_index(
        "ix_meetings_group_status_session_marks",
        "meetings",
        ["group_id", "status", "session_id", *MARK_COUNTS],
        unique=False,
    )
    op.drop_index("ix_meetings_group_status_session", table_name="meetings")


def downgrade() -> None:
    op.create_index(
        "ix_meetings_group_status_session",
        "meetings",
        ["group_id", "status", "session_id"],
        unique=False,
    )
    op.drop_index("ix_meetings_group_status_session_marks", table_name="meetings")
