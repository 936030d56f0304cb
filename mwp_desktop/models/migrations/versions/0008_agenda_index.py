"""agenda: meetings by planned day, with their status and held day in the index; survey
answers by round and day

Revision ID: 0008_agenda_index
Revises: 0007_commitments_and_concerns
Create Date: 2026-12-06 07:40:00

The agenda lists this week's and next week's meetings and the overdue ones of the eight weeks
before. Searching the planned day alone, it looked up every meeting of those ten weeks in the
table to read its status and held day, and kept a quarter of them: the others were held on
time, weeks ago. With the status and held day in the index, SQLite drops those from the index
alone and reads only the meetings it lists (at four times national scale: 20,000 row lookups
down to 5,000, the query 64 -> 39 ms; the table's pages the agenda touches halve at national).

It replaces the index on the planned day alone, which every query that used it can still use as
this index's first column (and must: with both, SQLite, which keeps no statistics here, picks the
narrower one). Checked with EXPLAIN QUERY PLAN on the national demo database, before and after:
every statement of the dashboard's refresh (all districts, one district, by community) and of the
participants search (8 typed texts, counted and paged) keeps its plan, 36 of 36; of the 109
statements over meetings that tests/services ran, the only others that changed are the searches on
a planned-day range, which move to this index over the same range, and two scans by status and
held day (the women's-feedback list of recent women's meetings and the demo builder) that now
scan this index instead of the table or the group index: 8.2 -> 9.3 ms and 13.0 -> 13.4 ms at
national. None is led by status, so the participants search is not started from meetings (see
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


def upgrade() -> None:
    # Creating the index fills it from every existing meeting: there is nothing else to backfill.
    op.create_index(
        "ix_meetings_planned_status_held",
        "meetings",
        ["planned_date", "status", "held_date"],
        unique=False,
    )
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
    op.drop_index("ix_meetings_planned_status_held", table_name="meetings")
