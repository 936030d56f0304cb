"""The agenda says when a group's follow-up survey falls due: about six months after its
endline (20 April 2026 here, so due on 19 October), from two weeks before, until a follow-up
round is started."""

from __future__ import annotations

from datetime import date

import pytest

from mwp_desktop.models import Group
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.surveys.follow_up_due import follow_ups_due, follow_ups_due_first
from mwp_desktop.services.surveys.rounds import open_round
from tests.builders.accounts import STAFF
from tests.builders.surveys import EQUITABLE, MIDDLE, add_surveyed_group


@pytest.fixture
def group_id(db):
    return add_surveyed_group(
        db, "WR-001", "Western Rural", "Abu Kamara", [(MIDDLE, EQUITABLE, 16)]
    )


def due_on(db, actor, today):
    with db.session() as s:
        return [(d.group_code, d.due_on, d.text(today)) for d in follow_ups_due(s, actor, today)]


def test_listed_two_weeks_before_it_falls_due_and_while_overdue(db, group_id):
    assert due_on(db, STAFF, date(2026, 10, 4)) == []
    assert due_on(db, STAFF, date(2026, 10, 5)) == [
        ("WR-001", date(2026, 10, 19), "WR-001 (due 19/10/2026)")
    ]
    assert due_on(db, STAFF, date(2026, 11, 2)) == [
        ("WR-001", date(2026, 10, 19), "WR-001 (overdue since 19/10/2026)")
    ]


def test_no_longer_listed_once_the_follow_up_is_started(db, group_id):
    with db.session() as s:
        open_round(s, STAFF, group_id, "follow-up")
    assert due_on(db, STAFF, date(2026, 11, 2)) == []


def test_a_facilitator_sees_only_his_groups_due(db, group_id):
    with db.session() as s:
        leader = Actor(None, "abu", "facilitator", s.get(Group, group_id).facilitator_id)
    stranger = Actor(None, "other", "facilitator", None)
    assert [d[0] for d in due_on(db, leader, date(2026, 11, 2))] == ["WR-001"]
    assert due_on(db, stranger, date(2026, 11, 2)) == []


@pytest.mark.sqlite_only
def test_each_endline_day_is_read_from_the_index_alone(db, group_id):
    """Issue 19: at four times national scale 7,000 groups are due, and the agenda read every
    endline answer (300,000 rows) to find each round's last day. The last day of a round must
    come from an index of answers by round and day, without reading the answers."""
    from sqlalchemy import event

    statements = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        due_on(db, STAFF, date(2026, 11, 2))
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    ((statement, parameters),) = [(s, p) for s, p in statements if "survey_responses" in s]
    with db.engine.connect() as conn:
        plan = [
            row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]
    reading_answers = [step for step in plan if " survey_responses " in f" {step} "]

    assert reading_answers, plan
    assert all("COVERING INDEX" in step for step in reading_answers), plan
    assert not any("GROUP BY" in step for step in plan), plan  # one seek per round, not a sort


def test_the_agenda_line_counts_them_all_and_names_the_first_in_the_same_order(db):
    """Issue 19: the agenda's line shows how many are due and names the first three; at four
    times national scale reading all 7,000 for that cost the Sessions panel's opening."""
    for code in ("WR-004", "WR-002", "WR-005", "WR-001", "WR-003"):
        add_surveyed_group(db, code, "Western Rural", f"Leader {code}", [(MIDDLE, EQUITABLE, 4)])
    with db.session() as s:
        every = follow_ups_due(s, STAFF, date(2026, 11, 2))
        line = follow_ups_due_first(s, STAFF, 3, date(2026, 11, 2))
        leader = Actor(None, "l", "facilitator", s.get(Group, every[3].group_id).facilitator_id)
        own = follow_ups_due_first(s, leader, 3, date(2026, 11, 2))
        none_yet = follow_ups_due_first(s, STAFF, 3, date(2026, 10, 4))

    assert [d.group_code for d in every] == ["WR-001", "WR-002", "WR-003", "WR-004", "WR-005"]
    assert (line.count, line.first) == (5, tuple(every[:3]))
    assert (own.count, [d.group_code for d in own.first]) == (1, ["WR-004"])
    assert (none_yet.count, none_yet.first) == (0, ())
