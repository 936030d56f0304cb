"""Enrolments started, ended and first of their person, per group and day, follow every change
of enrolment (the dashboard's enrolment chart and headline read them)."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import select, text

from mwp_desktop.models import Enrollment
from mwp_desktop.models.stored_counts import recount_enrolment_days
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin.integrity import database_problems
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.registration.enrollments import (
    bring_back,
    drop,
    enrol,
    move_joining_date,
    transfer,
)
from mwp_desktop.services.registration.groups import close_group, reopen_group
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community

ROWS = (
    "SELECT group_id, day, started, ended, first_enrolments, completed, not_completed, dropped "
    "FROM enrolment_days"
)
FINISHED = ("completed", "not_completed", "dropped")


def _read(conn) -> dict:
    return {(g, str(day)): tuple(counts) for g, day, *counts in conn.execute(text(ROWS))}


def stored(db) -> dict:
    """(started, ended, first of their person, completed, not completed, dropped) by (group
    id, day)."""
    with db.engine.connect() as conn:
        return _read(conn)


def recounted(db) -> dict:
    """The rows worked out afresh by the recount (rolled back afterwards)."""
    with db.engine.connect() as conn:
        recount_enrolment_days(conn)
        rows = _read(conn)
        conn.rollback()
    return rows


def counted_plainly(db) -> dict:
    """Per group and day from every enrolment, as the definitions say."""
    with db.session() as s:
        enrolments = s.scalars(select(Enrollment)).all()
        first = {}
        for e in sorted(enrolments, key=lambda e: (e.enrolled_on, e.id)):
            first.setdefault(e.participant_id, e.id)
        started, ended, firsts = Counter(), Counter(), Counter()
        finished = {status: Counter() for status in FINISHED}
        for e in enrolments:
            started[(e.group_id, str(e.enrolled_on))] += 1
            firsts[(e.group_id, str(e.enrolled_on))] += first[e.participant_id] == e.id
            if e.status != "active":
                ended[(e.group_id, str(e.ended_on or e.enrolled_on))] += 1
            finished_on = e.ended_on or e.group.closed_on
            if e.status in FINISHED and finished_on is not None:
                finished[e.status][(e.group_id, str(finished_on))] += 1
        days = started.keys() | ended.keys() | set().union(*finished.values())
        return {
            k: (started[k], ended[k], firsts[k], *(finished[status][k] for status in FINISHED))
            for k in days
        }


def overlaps_listed(db) -> set[int]:
    with db.engine.connect() as conn:
        return set(conn.scalars(text("SELECT participant_id FROM enrolment_overlaps")))


def overlapping_plainly(db) -> set[int]:
    """People with two enrolments running on one day (from its start until its end; an ended
    one without an end date never ran; an active one runs on)."""
    with db.session() as s:
        spans = [
            (
                e.participant_id,
                e.id,
                e.enrolled_on,
                date.max if e.status == "active" else e.ended_on,
            )
            for e in s.scalars(select(Enrollment))
        ]
    return {
        p
        for p, i, start, stop in spans
        for q, j, start2, stop2 in spans
        if p == q and i != j and stop and stop2 and start < stop2 and start2 < stop
        and start < stop and start2 < stop2
    }  # fmt: skip


def assert_kept(db) -> None:
    assert stored(db) == recounted(db) == counted_plainly(db)
    assert overlaps_listed(db) == overlapping_plainly(db)


def test_rows_follow_every_kind_of_enrolment_change(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        one = add_group(s, "M26-001", community=tombo, start=date(2026, 1, 5)).id
        two = add_group(s, "M26-002", community=tombo, start=date(2026, 1, 12)).id
        men = [add_participant(s, n, "Kamara").id for n in ("Abu", "Sorie", "Musa")]
    with db.session() as s:
        for man in men:
            enrol(s, ADMIN, man, one, date(2026, 1, 5))
    assert_kept(db)
    assert stored(db)[(one, "2026-01-05")][:3] == (3, 0, 3)
    with db.session() as s:  # moved: his first is still in the first group
        transfer(s, ADMIN, men[0], two, date(2026, 1, 20))
        dropped = drop(s, ADMIN, next(r.id for r in _rows(s, men[1])), date(2026, 1, 21), "moved")
    assert_kept(db)
    assert stored(db)[(two, "2026-01-20")][:3] == (1, 0, 0)
    with db.session() as s:
        bring_back(s, ADMIN, dropped.id)
        # His joining day in the second group moved back: nothing earlier changes.
        move_joining_date(s, ADMIN, men[0], two, date(2026, 1, 20))
    assert_kept(db)
    with db.session() as s:  # changed past the services, through the ORM
        backdated = add_membership(s, men[2], two, enrolled_on=date(2025, 12, 1), status="dropped")
    assert_kept(db)
    assert stored(db)[(two, "2025-12-01")] == (1, 1, 1, 0, 0, 0)  # his first; ended, no date
    assert overlaps_listed(db) == set()  # it never ran
    assert stored(db)[(one, "2026-01-05")][2] == 2
    with db.session() as s:
        row = s.get(Enrollment, backdated.id)
        row.group_id, row.ended_on = one, date(2026, 2, 2)
    assert_kept(db)
    assert overlaps_listed(db) == {men[2]}  # in both groups from 5 January to 2 February
    with db.session() as s:
        s.get(Enrollment, backdated.id).participant_id = men[1]
    assert_kept(db)
    with db.session() as s:
        s.get(Enrollment, backdated.id).status = "completed"
    assert_kept(db)
    with db.session() as s:  # finished with no end date: it finishes when the group closes
        row = s.get(Enrollment, backdated.id)
        row.status, row.ended_on = "not_completed", None
    with db.session() as s:
        close_group(s, ADMIN, one, date(2026, 3, 30))
    assert_kept(db)
    assert stored(db)[(one, "2026-03-30")][3:] == (0, 1, 0)
    with db.session() as s:
        reopen_group(s, ADMIN, one)
    assert_kept(db)
    assert (one, "2026-03-30") not in stored(db)
    with db.session() as s:
        s.delete(s.get(Enrollment, backdated.id))
    assert_kept(db)
    assert stored(db)[(one, "2026-01-05")] == (3, 0, 3, 0, 0, 0)
    with db.session() as s:  # several changes in one flush, one moving a man's first elsewhere
        s.add(Enrollment(participant_id=men[0], group_id=two, enrolled_on=date(2025, 11, 3),
                         status="dropped", ended_on=date(2025, 11, 20)))  # fmt: skip
        for row in _rows(s, men[2]):
            row.enrolled_on = date(2026, 1, 6)
        s.flush()
    assert_kept(db)
    assert stored(db)[(one, "2026-01-05")][:3] == (2, 0, 1)


def _rows(s, man):
    return s.scalars(select(Enrollment).where(Enrollment.participant_id == man)).all()


def test_participants_imported_into_a_group_are_counted(db, tmp_path):
    from mwp_desktop.services.registration.participant_import import (
        load_source,
        plan_import,
        run_import,
    )

    with db.session() as s:
        gid = add_group(s, "M26-001", community=add_community(s, "Tombo")).id
    path = tmp_path / "group.csv"
    path.write_text("Name,Age\r\nMohamed Kamara,34\r\nSorie Koroma,40\r\n", encoding="utf-8")
    with db.session() as s:
        plan = plan_import(s, load_source(path), today=date(2026, 3, 2), group_id=gid)
        run_import(s, SYSTEM, plan, today=date(2026, 3, 2), source_name=path.name)
    assert_kept(db)
    assert stored(db) == {(gid, "2026-01-05"): (2, 0, 2, 0, 0, 0)}  # joined on the group's start


def test_a_demo_database_holds_the_rows_of_its_enrolments(db):
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    assert_kept(db)
    assert all(sum(column) > 0 for column in zip(*stored(db).values(), strict=True))


def test_check_names_a_person_wrongly_listed_with_overlaps(db):
    with db.session() as s:
        man = add_participant(s).id
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO enrolment_overlaps (participant_id) VALUES (:p)"), {"p": man}
        )
    assert database_problems(db) == [
        f"enrolment_overlaps.overlapping of id {man} is stored as 1, recounted 0"
    ]


def test_check_names_a_wrong_total(db):
    with db.session() as s:
        gid = add_group(s, "M26-001", community=add_community(s, "Tombo")).id
        add_membership(s, add_participant(s), gid, enrolled_on=date(2026, 1, 5))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE enrolment_days SET started = 4"))
    assert database_problems(db) == [
        f"enrolment_days.started on 2026-01-05 of id {gid} is stored as 4, recounted 1"
    ]


def test_an_older_database_gets_the_rows_of_the_enrolments_it_holds(data_dir):
    from mwp_desktop.services.admin.database import open_for_use

    path = data_dir / "old.sqlite3"
    shutil.copyfile(
        Path(__file__).parents[2] / "data" / "schema_0009_groups_rates_index.sqlite3", path
    )
    db = open_for_use(str(path))
    try:
        assert stored(db) and stored(db) == counted_plainly(db)
    finally:
        db.close()
