"""Each group's sessions held follows every change of its meetings (the Groups panel reads it)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import distinct, func, select, text

from mwp_desktop.models import Curriculum, CurriculumSession, Group, Meeting
from mwp_desktop.models.stored_counts import recount_sessions_held
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.registration.groups import list_groups
from mwp_desktop.services.sessions import scheduling
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group

COUNTS = "SELECT code, sessions_held FROM groups ORDER BY code"
DAY = date(2026, 2, 2)


def counts(db) -> dict[str, int]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text(COUNTS)).all())


def recounted(db) -> dict[str, int]:
    """The counts worked out afresh from the meetings (rolled back afterwards)."""
    with db.engine.connect() as conn:
        recount_sessions_held(conn)
        result = dict(conn.execute(text(COUNTS)).all())
        conn.rollback()
    return result


def counted_from_meetings(db) -> dict[str, int]:
    """Sessions held as the Groups panel counted them before the count was kept on the group."""
    with db.engine.connect() as conn:
        held = func.count(distinct(Meeting.session_id))
        rows = conn.execute(
            select(Group.code, held)
            .outerjoin(Meeting, (Meeting.group_id == Group.id) & (Meeting.status == "held"))
            .group_by(Group.code)
        )
        return dict(rows.all())


def session_ids(db, group_id: int) -> list[int]:
    with db.session() as s:
        group = s.get(Group, group_id)
        return list(
            s.scalars(
                select(CurriculumSession.id)
                .join(Curriculum)
                .where(Curriculum.id == group.curriculum_id)
                .order_by(CurriculumSession.number)
            )
        )


def test_count_follows_meetings_held_made_up_moved_and_deleted(db):
    with db.session() as s:
        first, second = add_group(s, "M26-001").id, add_group(s, "M26-002").id
    sessions = session_ids(db, first)
    with db.session() as s:
        ids = scheduling.save_schedule(
            s, SYSTEM, first, [DAY + timedelta(weeks=i) for i in range(len(sessions))]
        )
    assert counts(db) == {"M26-001": 0, "M26-002": 0}

    with db.session() as s:
        for meeting_id in ids[:3]:
            scheduling.mark_held(s, SYSTEM, meeting_id, held_date=DAY, today=date(2026, 6, 1))
    assert counts(db) == {"M26-001": 3, "M26-002": 0}

    with db.session() as s:  # a make-up of session 2, held: session 2 counts once
        makeup = scheduling.add_makeup(s, SYSTEM, ids[1], DAY + timedelta(days=2))
        scheduling.mark_held(s, SYSTEM, makeup, held_date=DAY, today=date(2026, 6, 1))
    assert counts(db) == {"M26-001": 3, "M26-002": 0}

    with db.engine.begin() as conn:
        conn.execute(text("UPDATE groups SET updated_at = '2026-01-01 08:00:00'"))
    with db.session() as s:  # a held meeting recorded against the wrong session, then group
        s.get(Meeting, ids[2]).session_id = sessions[5]
    assert counts(db) == {"M26-001": 3, "M26-002": 0}
    with db.session() as s:
        s.get(Meeting, ids[2]).session_id = sessions[0]
    assert counts(db) == {"M26-001": 2, "M26-002": 0}
    with db.session() as s:
        s.get(Meeting, ids[2]).group_id = second
    assert counts(db) == {"M26-001": 2, "M26-002": 1}
    with db.engine.connect() as conn:  # a count kept is not an edit of the group
        stamps = conn.execute(text("SELECT DISTINCT updated_at FROM groups")).scalars().all()
    assert [str(stamp) for stamp in stamps] == ["2026-01-01 08:00:00"]

    with db.session() as s:  # held by mistake: back to planned
        meeting = s.get(Meeting, ids[0])
        meeting.status, meeting.held_date = "planned", None
    assert counts(db) == {"M26-001": 1, "M26-002": 1}
    with db.session() as s:
        s.delete(s.get(Meeting, ids[2]))
    assert counts(db) == recounted(db) == counted_from_meetings(db) == {"M26-001": 1, "M26-002": 0}
    with db.session() as s:
        assert {row.code: row.sessions_held for row in list_groups(s, ADMIN)} == counts(db)


def test_a_demo_database_holds_the_sessions_held_of_its_meetings(db):
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    assert counts(db) == recounted(db) == counted_from_meetings(db)
    assert sum(counts(db).values()) > 0
    with db.session() as s:
        assert {row.code: row.sessions_held for row in list_groups(s, ADMIN)} == counts(db)


def test_an_older_database_gets_the_sessions_it_already_held(data_dir):
    from mwp_desktop.services.admin.database import open_for_use

    path = data_dir / "old.sqlite3"
    shutil.copyfile(
        Path(__file__).parents[2] / "data" / "schema_0002_performance_indexes.sqlite3", path
    )
    with sqlite3.connect(path) as old:
        expected = dict(
            old.execute(
                "SELECT g.code, count(DISTINCT m.session_id) FROM groups g LEFT JOIN meetings m "
                "ON m.group_id = g.id AND m.status = 'held' GROUP BY g.code"
            ).fetchall()
        )
    db = open_for_use(str(path))
    try:
        assert counts(db) == expected
        assert counts(db) == recounted(db)
    finally:
        db.close()
