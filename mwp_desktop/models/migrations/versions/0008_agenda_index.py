"""agenda: every meeting column it lists, in an index by planned day; survey answers by round
and day

Revision ID: 0008_agenda_index
Revises: 0007_commitments_and_concerns
Create Date: 2026-12-06 07:40:00

The agenda lists this week's and next week's meetings and the overdue ones of the eight weeks
before. Searching the planned day alone, it looked up every meeting of those ten weeks in the
table to read its status and held day, and kept a quarter of them: the others were held on
time, weeks ago. At four times national scale those look-ups missed SQLite's page cache 4,682
times a reading, against 411 at national: the agenda grew faster than the data. With the
columns it filters by and lists in the index, it reads no meeting row at all: 607 misses at 4x
and none at national, for a little less of SQLite's work (virtual-machine steps 135,638 ->
130,233 at national, 558,264 -> 535,466 at 4x).

It replaces the index on the planned day alone, which every query that used it can still use as
this index's first column (and must: with both, SQLite, which keeps no statistics here, picks the
narrower one). Checked with EXPLAIN QUERY PLAN on the national demo database, before and after:
of the dashboard's refresh (all districts, one district, by community) and the participants
search (8 typed texts, counted and paged), 35 of 36 statements keep their plans; the other, the
groups that met this year and last, scans this index instead of the table (2,929 pages read ->
1,170). Of the 109 statements over meetings that tests/services, tests/cli and the dashboard
ran, the 11 that change search the same planned-day range in this index or scan it instead of
the table, none slower (best of 9 at national: 11.7 -> 8.9 ms, 9.7 -> 3.4 ms, the rest within
0.9 ms). None is led by status, so the participants search is not started from meetings (see
0004).

The agenda's line on follow-up surveys due needs each endline round's last day. It read every
endline answer to find it (300,000 at four times national, 270 ms); an index of answers by round
and day gives each round's last day in one seek (42 ms, with the query asking round by round).
Of the 23 statements over survey answers that tests/services, tests/cli, the survey views and
the dashboard ran, the dashboard's keep their plans; the 12 that change search or scan this index
by round instead of the (round, man) one, with the same or less work at national scale (none
slower by more than 0.02 ms; two round-wide reads 242 -> 116 ms and 100 -> 55 ms).
"""

from __future__ import annotations

from alembic import op

revision = "0008_agenda_index"
down_revision = "0007_commitments_and_concerns"
branch_labels = None
depends_on = None

# The planned day first (the agenda's range), then what it filters by, then what it lists.
AGENDA_COLUMNS = [
    "planned_date", "status", "held_date", "planned_time", "group_id", "session_id",
    "makeup_of_id", "facilitator_id", "venue",
]  # fmt: skip


def upgrade() -> None:
    # Creating the index fills it from every existing meeting: there is nothing else to backfill.
    op.create_index("ix_meetings_agenda", "meetings", AGENDA_COLUMNS, unique=False)
    op.drop_index("ix_meetings_planned_date", table_name="meetings")
    op.create_index(
        "ix_survey_responses_round_taken",
        "survey_responses",
        ["round_id", "taken_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_survey_responses_round_taken", table_name="survey_responses")
    op.create_index("ix_meetings_planned_date", "meetings", ["planned_date"], unique=False)
    op.drop_index("ix_meetings_agenda", table_name="meetings")
