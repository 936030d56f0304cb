"""The agenda lists exactly the meetings of the weeks chosen and the overdue ones, and finds them
without reading every meeting of the weeks it searches (issue 19: it grew faster than the data).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.sessions.agenda import agenda, week_start
from tests.builders.groups import add_group, add_meeting

TODAY = date(2026, 12, 2)  # a Wednesday
MONDAY = week_start(TODAY)
END = MONDAY + timedelta(days=13)


def _office_weeks(db) -> None:
    """Meetings around today: what the agenda must list and what it must leave out."""
    with db.session() as s:
        group = add_group(s, "WR-001")
        other = add_group(s, "WR-002")
        add_meeting(s, group, 1, MONDAY - timedelta(weeks=5), status="held")  # long done
        add_meeting(s, group, 2, MONDAY - timedelta(weeks=3))  # overdue: never recorded
        add_meeting(s, group, 3, MONDAY - timedelta(weeks=2), status="cancelled")  # done with
        # Planned last week, held this Monday: it belongs to this week.
        add_meeting(s, other, 1, MONDAY - timedelta(days=4), status="held", held=MONDAY)
        add_meeting(s, group, 4, MONDAY + timedelta(days=1), status="held")
        add_meeting(s, group, 5, MONDAY + timedelta(days=8))
        add_meeting(s, group, 6, END + timedelta(days=1))  # after the two weeks
        s.commit()


def _listed(db) -> list[tuple[str, int, str, bool]]:
    with db.session() as s:
        items = agenda(s, SYSTEM, MONDAY, END, today=TODAY)
    return [(i.group_code, i.number, i.status, i.overdue) for i in items]


def test_agenda_lists_the_weeks_meetings_and_the_overdue_ones_only(db):
    _office_weeks(db)

    assert _listed(db) == [
        ("WR-001", 2, "planned", True),
        ("WR-002", 1, "held", False),
        ("WR-001", 4, "held", False),
        ("WR-001", 5, "planned", False),
    ]


@pytest.mark.sqlite_only
def test_agenda_reads_the_meetings_from_the_index_alone(db):
    """The agenda searches ten weeks of meetings by planned day and lists a quarter of them:
    the status and held day must be read from the index, or every meeting held on time in
    those weeks is looked up in the table (20,000 look-ups at four times national scale), and
    what it lists from the index too, or the look-ups it keeps miss SQLite's page cache more
    the bigger the office's database (11 times as often at 4x as at national)."""
    _office_weeks(db)
    statements = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "FROM meetings" in statement:
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        _listed(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    ((statement, parameters),) = statements
    with db.engine.connect() as conn:
        plan = [
            row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
        (meetings_step,) = [step for step in plan if step.split()[:2] == ["SEARCH", "meetings"]]
        index = meetings_step.split(" INDEX ")[1].split()[0]
        columns = [row[2] for row in conn.exec_driver_sql(f"PRAGMA index_info({index})")]

    assert columns[0] == "planned_date", plan
    assert {"status", "held_date"} <= set(columns), plan
    assert "COVERING INDEX" in meetings_step, plan  # no meeting row read: what it lists too
