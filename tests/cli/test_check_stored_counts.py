"""`mwp-desktop check` recounts every stored count from the rows it counts and names each wrong
one: which count, the id of the row it is stored on, what is stored and what the rows give."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, text

from mwp_desktop.cli import main
from mwp_desktop.services.admin.integrity import database_problems
from mwp_desktop.services.demo.builder import build_demo
from tests.builders.people import FIRST_NAMES, LAST_NAMES
from tests.builders.small_office import add_small_office

# Every stored count: the table it is stored on, its column.
STORED_COUNTS = [
    ("groups", "member_count"),
    ("groups", "sessions_held"),
    ("groups", "held_marks"),
    ("groups", "held_marks_attended"),
    ("meetings", "marks_present"),
    ("meetings", "marks_late"),
    ("meetings", "marks_excused"),
    ("meetings", "marks_absent"),
]


@pytest.fixture
def group_id(db) -> int:
    """One group of 12 men with 4 held meetings, each with 3 marks of every status."""
    with db.session() as s:
        return add_small_office(s).id


def first_meeting(db, group_id: int) -> int:
    with db.engine.connect() as conn:
        return conn.execute(
            text("SELECT min(id) FROM meetings WHERE group_id = :g"), {"g": group_id}
        ).scalar_one()


def stored(db, table: str, column: str, record_id: int) -> int:
    with db.engine.connect() as conn:
        return conn.execute(
            text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": record_id}
        ).scalar_one()


def check_command(db_url: str, capsys) -> tuple[int, str, str]:
    code = main(["check", "--db", db_url])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("table", "column"), STORED_COUNTS)
def test_a_stored_count_changed_with_raw_sql_is_reported(
    db, db_url, group_id, capsys, table, column
):
    record_id = group_id if table == "groups" else first_meeting(db, group_id)
    actual = stored(db, table, column, record_id)
    assert actual > 0  # a real count, kept by the ORM events until now
    with db.engine.begin() as conn:
        conn.execute(
            text(f"UPDATE {table} SET {column} = {column} + 7 WHERE id = :id"), {"id": record_id}
        )

    sentence = f"{table}.{column} of id {record_id} is stored as {actual + 7}, recounted {actual}"
    assert database_problems(db) == [sentence]
    code, out, err = check_command(db_url, capsys)
    assert (code, out) == (1, "")
    assert err == f"{db.describe()}: {sentence}\n"


def test_counts_left_stale_by_a_writer_past_the_orm_are_each_reported(db, db_url, group_id, capsys):
    """Rows changed with raw SQL and no recount: the members all dropped (so ended), the last
    meeting back to planned, the first meeting's marks deleted (nothing left to count is a count
    of 0); the group's held marks lose both meetings' 12 marks, 6 of them present or late; its
    kept session figures lose the first session's 6 men who came, and the last session's row
    altogether."""
    meeting = first_meeting(db, group_id)
    with db.engine.connect() as conn:
        last_day = conn.execute(
            text("SELECT max(held_date) FROM meetings WHERE group_id = :g"), {"g": group_id}
        ).scalar_one()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE enrollments SET status = 'dropped'"))
        conn.execute(
            text(
                "UPDATE meetings SET status = 'planned', held_date = NULL "
                "WHERE id = (SELECT max(id) FROM meetings)"
            )
        )
        conn.execute(text("DELETE FROM attendance WHERE meeting_id = :m"), {"m": meeting})

    expected = [
        f"groups.member_count of id {group_id} is stored as 12, recounted 0",
        f"groups.sessions_held of id {group_id} is stored as 4, recounted 3",
        f"groups.held_marks of id {group_id} is stored as 48, recounted 24",
        f"groups.held_marks_attended of id {group_id} is stored as 24, recounted 12",
        f"meetings.marks_present of id {meeting} is stored as 3, recounted 0",
        f"meetings.marks_late of id {meeting} is stored as 3, recounted 0",
        f"meetings.marks_excused of id {meeting} is stored as 3, recounted 0",
        f"meetings.marks_absent of id {meeting} is stored as 3, recounted 0",
        # Dropped with no end date: each ended the day he joined.
        f"enrolment_days.ended on 2026-03-01 of id {group_id} is stored as 0, recounted 12",
        f"group_session_totals.attended (session 1) of id {group_id} is stored as 6, recounted 0",
        *(
            f"group_session_totals.{column} (session 4) of id {group_id} is stored as {value}, "
            "recounted nothing"
            for column, value in [("first_held", last_day), ("last_held", last_day),
                                  ("meetings", 1), ("attended", 6), ("members", 12)]
        ),
    ]  # fmt: skip
    assert database_problems(db) == expected
    code, out, err = check_command(db_url, capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{db.describe()}: {line}" for line in expected]
    assert not any(name in err for name in FIRST_NAMES + LAST_NAMES)


def test_a_healthy_demo_database_has_no_wrong_count(db, db_url, capsys):
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    assert database_problems(db) == []
    code, out, err = check_command(db_url, capsys)
    assert (code, err) == (0, "")
    assert out.strip().endswith(": OK")


def test_the_recount_takes_as_many_queries_for_many_groups_as_for_none(db):
    """One aggregate query for each kind of count, never one per group or meeting: check runs
    on national databases (4,000 groups, 62,000 meetings)."""
    empty = statements_run_by_check(db)
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM meetings")).scalar_one() > 30
    assert statements_run_by_check(db) == empty


def statements_run_by_check(db) -> int:
    statements = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert database_problems(db) == []
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_sessions_attended_kept_on_a_survey_response_is_checked(db, db_url, capsys):
    from tests.builders.surveys import EQUITABLE, MIDDLE, add_surveyed_group

    add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [(MIDDLE, EQUITABLE, 12)])
    assert database_problems(db) == []
    with db.engine.begin() as conn:
        response = conn.execute(text("SELECT min(id) FROM survey_responses")).scalar_one()
        conn.execute(text("UPDATE survey_responses SET sessions_attended = 3 WHERE id = :r"),
                     {"r": response})  # fmt: skip
    sentence = f"survey_responses.sessions_attended of id {response} is stored as 3, recounted 12"
    assert database_problems(db) == [sentence]


def test_a_wrong_stored_attitude_score_is_found_and_put_right(db, db_url, capsys):
    """A man's score kept on his response, changed past the answer service: check scores his
    answers afresh and names each wrong column; the recount writes them right again."""
    from mwp_desktop.services.surveys.stored_scores import recount_scores
    from tests.builders.surveys import EQUITABLE, MIDDLE, add_surveyed_group

    add_surveyed_group(db, "WR-001", "Western Rural", "Abu Kamara", [(MIDDLE, EQUITABLE, 12)])
    assert database_problems(db) == []
    with db.engine.begin() as conn:
        response = conn.execute(text("SELECT min(id) FROM survey_responses")).scalar_one()
        assert conn.execute(
            text("SELECT answered, total, inequitable, equitable FROM survey_responses "
                 "WHERE id = :r"), {"r": response}
        ).one() == (23, 46.0, 34.0, 12.0)  # fmt: skip
        conn.execute(text("UPDATE survey_responses SET total = 50.5, equitable = NULL "
                          "WHERE id = :r"), {"r": response})  # fmt: skip
    group = conn_row(db, "SELECT DISTINCT group_id FROM survey_rounds")[0]
    kept = "(ended 2026-04-20, Moderate equity to High equity)"
    expected = [
        # The attitude totals are kept from the stored total, and no longer match it: by it,
        # his row is now "High equity to High equity".
        *(f"attitude_band_totals.{column} (ended 2026-04-20, High equity to High equity) of id "
          f"{group} is stored as nothing, recounted {counted}" for column, counted in
          (("men", 1), ("before_tenths", 505), ("after_tenths", 690), ("rose", 1),
           ("lowest_before", 505), ("lowest_after", 690))),
        *(f"attitude_band_totals.{column} {kept} of id {group} is stored as {stored}, "
          f"recounted nothing" for column, stored in
          (("men", 1), ("before_tenths", 460), ("after_tenths", 690), ("rose", 1),
           ("lowest_before", 460), ("lowest_after", 690))),
        f"attitude_dose_totals.change_tenths (ended 2026-04-20, 12 sessions) of id {group} is "
        "stored as 230, recounted 185",
        f"survey_responses.total of id {response} is stored as 50.5, recounted 46.0",
        f"survey_responses.equitable of id {response} is stored as not scored, recounted 12.0",
    ]  # fmt: skip
    assert database_problems(db) == expected
    code, out, err = check_command(db_url, capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{db.describe()}: {line}" for line in expected]

    with db.engine.begin() as conn:
        assert recount_scores(conn) == 1
    assert database_problems(db) == []
    with db.engine.connect() as conn:
        assert conn.execute(
            text("SELECT total, equitable FROM survey_responses WHERE id = :r"), {"r": response}
        ).one() == (46.0, 12.0)


def conn_row(db, sql: str) -> tuple:
    with db.engine.connect() as conn:
        return tuple(conn.execute(text(sql)).one())
