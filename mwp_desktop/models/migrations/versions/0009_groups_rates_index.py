"""groups panel: each group keeps its marks at held meetings; the rates' recount reads an index

Revision ID: 0009_groups_rates_index
Revises: 0008_agenda_index
Create Date: 2026-12-06 08:15:00

The Groups panel shows each group's attendance rate. It was summed on every opening from the
mark counts each held meeting keeps: 0003's index found the held meetings, then each one's row
was read for its counts (204,000 row look-ups at four times national scale, ~100 ms in the
background after the list had painted, then a second paint). Two changes:

- Each group now keeps the marks at its held meetings and those present or late
  (groups.held_marks, held_marks_attended; models/stored_counts/group_held_marks.py), filled in
  here from the mark counts already on the meetings. The list reads them with the group: the
  panel opened and filled at 4x in 224-254 ms (median 248), against 396-448 ms (median 422)
  before, at national in ~172 ms against ~245 ms (load 0.4-2.6, interleaved runs); filling
  them here takes ~1.4 s at 4x.
- The index on (group_id, status, session_id) now also carries the four mark counts, so
  recounting one group's held marks, as its meetings change, reads the index alone (and so
  does a sum over every group: national 36 -> 16 ms, 4x ~120 -> ~60 ms). It replaces that
  index rather than sitting beside it: its first three columns are the old index, so the
  sessions-held recount and every query that used it can use this one the same way, and the
  meetings table keeps one index to update instead of two.

Checked with EXPLAIN QUERY PLAN, before and after, at 4x national: every statement the
participants search (25 keystrokes, rows and count), the dashboard's full read, the agenda (two
weeks with its filters) and the Groups panel run, 43 distinct statements: 41 keep their plan;
the dashboard's "latest meetings per group" scan names this index instead of the old one, in
the same way (the same look-ups; 149 -> 153 ms, load 0.9, noise; 193 -> 183 ms at load 2.5);
the group list reads its two new columns in the same plan. With the old code, the rates' sum
over every meeting became a covering-index scan (the numbers above).

Still not led by status, for the reason 0003 and 0004 give: SQLite keeps no statistics here
and would start the participants search's tallies from every held meeting.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_groups_rates_index"
down_revision = "0008_agenda_index"
branch_labels = None
depends_on = None

# Written out, not imported: a migration keeps the values of its own day.
MARK_COUNTS = ["marks_present", "marks_late", "marks_excused", "marks_absent"]


def _held_sum(columns: list[str]) -> str:
    return (
        f"(SELECT coalesce(sum({' + '.join(columns)}), 0) FROM meetings "
        "WHERE meetings.group_id = groups.id AND meetings.status = 'held')"
    )


def upgrade() -> None:
    op.create_index(
        "ix_meetings_group_status_session_marks",
        "meetings",
        ["group_id", "status", "session_id", *MARK_COUNTS],
        unique=False,
    )
    op.drop_index("ix_meetings_group_status_session", table_name="meetings")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("held_marks", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "held_marks_attended", sa.Integer(), server_default=sa.text("0"), nullable=False
            )
        )
    # The groups' updated_at is left as it was: a derived figure, not an edit.
    op.execute(
        f"UPDATE groups SET held_marks = {_held_sum(MARK_COUNTS)}, "
        f"held_marks_attended = {_held_sum(MARK_COUNTS[:2])}"
    )


def downgrade() -> None:
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_column("held_marks_attended")
        batch_op.drop_column("held_marks")
    op.create_index(
        "ix_meetings_group_status_session",
        "meetings",
        ["group_id", "status", "session_id"],
        unique=False,
    )
    op.drop_index("ix_meetings_group_status_session_marks", table_name="meetings")
