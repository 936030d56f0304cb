"""Each group's member count follows every change of enrolment (the Groups panel reads it)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from mwp_desktop.models import MEMBER_STATUSES, Enrollment, Group
from mwp_desktop.models.stored_counts import recount_members
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.registration.enrollments import bring_back, drop, enrol, transfer
from mwp_desktop.services.registration.groups import list_groups, members
from mwp_desktop.services.sessions.completion import apply_completion
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community

COUNTS = "SELECT code, member_count FROM groups ORDER BY code"


def counts(db) -> dict[str, int]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text(COUNTS)).all())


def recounted(db) -> dict[str, int]:
    """The counts worked out afresh from the enrolments (rolled back afterwards)."""
    with db.engine.connect() as conn:
        recount_members(conn)
        result = dict(conn.execute(text(COUNTS)).all())
        conn.rollback()
    return result


def counted_from_enrolments(db) -> dict[str, int]:
    """The members as the Groups panel counted them before the count was kept on the group."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(Group.code, func.count(Enrollment.id))
            .outerjoin(
                Enrollment,
                (Enrollment.group_id == Group.id) & Enrollment.status.in_(MEMBER_STATUSES),
            )
            .group_by(Group.code)
        )
        return dict(rows.all())


def test_count_follows_enrol_drop_bring_back_transfer_and_complete(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        first = add_group(s, "M26-001", community=tombo).id
        second = add_group(s, "M26-002", community=tombo).id
        men = [
            add_participant(s, name, "Kamara", community=tombo) for name in ("Abu", "Sahr", "Musa")
        ]
        for man in men:
            add_membership(s, man, first, enrolled_on=date(2026, 3, 2))
        late = add_participant(s, "Foday", "Sesay", community=tombo)
    assert counts(db) == {"M26-001": 3, "M26-002": 0}

    with db.session() as s:
        enrol(s, SYSTEM, late.id, first, date(2026, 3, 3))
    assert counts(db) == {"M26-001": 4, "M26-002": 0}

    with db.session() as s:
        enrolment = next(m for m in members(s, ADMIN, first) if m.participant_id == men[0].id)
        drop(s, SYSTEM, enrolment.enrollment_id, date(2026, 3, 9), "went to the mines")
    assert counts(db) == {"M26-001": 3, "M26-002": 0}
    with db.session() as s:
        bring_back(s, SYSTEM, enrolment.enrollment_id)
    assert counts(db) == {"M26-001": 4, "M26-002": 0}

    with db.session() as s:
        transfer(s, SYSTEM, men[1].id, second, date(2026, 3, 16), "moved")
    assert counts(db) == {"M26-001": 3, "M26-002": 1}

    with db.session() as s:  # completed and not completed are still members
        apply_completion(s, SYSTEM, first)
        assert {m.status for m in members(s, ADMIN, first)} <= {"not_completed", "transferred"}
    assert counts(db) == {"M26-001": 3, "M26-002": 1}
    assert counts(db) == recounted(db) == counted_from_enrolments(db)
    with db.session() as s:
        assert {row.code: row.members for row in list_groups(s, ADMIN)} == counts(db)


def test_count_follows_an_enrolment_moved_or_deleted_through_the_orm(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        first = add_group(s, "M26-001", community=tombo).id
        second = add_group(s, "M26-002", community=tombo).id
        man = add_participant(s, "Mohamed", "Kamara", community=tombo)
        add_membership(s, man, first, enrolled_on=date(2026, 3, 2))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE groups SET updated_at = '2026-01-01 08:00:00'"))
    with db.session() as s:
        enrolment = s.scalars(select(Enrollment).where(Enrollment.participant_id == man.id)).one()
        enrolment.group_id = second
    assert counts(db) == {"M26-001": 0, "M26-002": 1}
    with db.engine.connect() as conn:  # a count kept is not an edit of the group
        stamps = conn.execute(text("SELECT DISTINCT updated_at FROM groups")).scalars().all()
    assert [str(stamp) for stamp in stamps] == ["2026-01-01 08:00:00"]
    with db.session() as s:
        enrolment = s.get(Enrollment, enrolment.id)
        enrolment.group_id, enrolment.status = first, "dropped"  # moved, and no longer counted
    assert counts(db) == {"M26-001": 0, "M26-002": 0}
    with db.session() as s:
        s.get(Enrollment, enrolment.id).status = "completed"
    assert counts(db) == {"M26-001": 1, "M26-002": 0}
    with db.session() as s:
        s.delete(s.get(Enrollment, enrolment.id))
    assert counts(db) == recounted(db) == {"M26-001": 0, "M26-002": 0}


def test_participants_imported_into_a_group_are_counted(db, tmp_path):
    from mwp_desktop.services.registration.participant_import import (
        load_source,
        plan_import,
        run_import,
    )

    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        gid = add_group(s, "M26-001", community=tombo).id
        add_membership(s, add_participant(s, "Abu", "Kamara", community=tombo), gid)
    path = tmp_path / "group.csv"
    path.write_text("Name,Age\r\nMohamed Kamara,34\r\nSorie Koroma,40\r\n", encoding="utf-8")
    with db.session() as s:
        plan = plan_import(s, load_source(path), today=date(2026, 3, 2), group_id=gid)
        run_import(s, SYSTEM, plan, today=date(2026, 3, 2), source_name=path.name)
    assert counts(db) == recounted(db) == {"M26-001": 3}


def test_a_demo_database_holds_the_counts_of_its_enrolments(db):
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    assert counts(db) == recounted(db) == counted_from_enrolments(db)
    assert sum(counts(db).values()) > 0
    with db.session() as s:
        assert {row.code: row.members for row in list_groups(s, ADMIN)} == counted_from_enrolments(
            db
        )
        for row in list_groups(s, ADMIN):  # one group alone, as after an edit
            assert list_groups(s, ADMIN, only=row.id) == [row]


def test_an_older_database_gets_the_counts_of_the_members_it_already_holds(data_dir):
    """A copy of tests/data/schema_0002_performance_indexes.sqlite3, some of its members dropped
    or transferred, has them counted when migration 0003 brings it up to date."""
    from mwp_desktop.services.admin.database import open_for_use

    path = data_dir / "old.sqlite3"
    shutil.copyfile(
        Path(__file__).parents[2] / "data" / "schema_0002_performance_indexes.sqlite3", path
    )
    with sqlite3.connect(path) as old:
        ids = [e for (e,) in old.execute("SELECT id FROM enrollments ORDER BY id")]
        assert len(ids) >= 3
        old.execute("UPDATE enrollments SET status = 'dropped' WHERE id = ?", (ids[0],))
        old.execute("UPDATE enrollments SET status = 'transferred' WHERE id = ?", (ids[1],))
        old.execute("UPDATE enrollments SET status = 'completed' WHERE id = ?", (ids[2],))
        expected = dict(
            old.execute(
                "SELECT g.code, count(e.id) FROM groups g LEFT JOIN enrollments e ON "
                "e.group_id = g.id AND e.status IN ('active', 'completed', 'not_completed') "
                "GROUP BY g.code"
            ).fetchall()
        )
    db = open_for_use(str(path))
    try:
        assert counts(db) == expected
        assert sum(expected.values()) > 0
        assert counts(db) == recounted(db)
    finally:
        db.close()
