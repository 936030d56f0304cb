"""When the men on a list joined their group: offices type the paper list in after the first
meeting, so the day it is typed is not the day they joined."""

from datetime import date

from sqlalchemy import select

from mwp_desktop.models import Enrollment, Participant
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.participant_import import (
    ERROR,
    NEW,
    load_source,
    plan_import,
    run_import,
)
from tests.builders.groups import add_group
from tests.builders.places import add_community

TODAY = date(2026, 3, 2)
START = date(2026, 1, 5)


def a_group(db) -> int:
    with db.session() as s:
        return add_group(s, "M26-001", community=add_community(s, "Tombo"), start=START).id


def import_list(db, path, lines, group_id, joined=None):
    path.write_text("\n".join(lines), encoding="utf-8")
    with db.session() as s:
        plan = plan_import(s, load_source(path), today=TODAY, group_id=group_id, joined=joined)
        run_import(s, SYSTEM, plan, today=TODAY)
    return plan


def joined(db) -> dict[str, date]:
    with db.session() as s:
        rows = s.execute(
            select(Participant.first_name, Enrollment.enrolled_on).join(
                Enrollment, Enrollment.participant_id == Participant.id
            )
        )
        return dict(rows.all())


def test_a_groups_first_list_joins_on_its_start_and_a_later_one_on_the_day_typed(db, tmp_path):
    group = a_group(db)
    first = import_list(db, tmp_path / "a.csv", ["Name,Age", "Mohamed Kamara,34"], group)
    assert first.joined == START
    later = import_list(db, tmp_path / "b.csv", ["Name,Age", "Sorie Koroma,40"], group)
    assert later.joined == TODAY
    assert joined(db) == {"Mohamed": START, "Sorie": TODAY}


def test_a_joined_column_gives_each_mans_date_and_the_date_given_the_rest(db, tmp_path):
    group = a_group(db)
    plan = import_list(db, tmp_path / "list.csv", [
        "Name,Age,Date registered",
        "Mohamed Kamara,34,19/01/2026",
        "Sorie Koroma,40,",
        "Abu Conteh,22,2025-12-01",  # before the group began: a member from its start
        "Musa Turay,30,31/02/2026",
        "Sahr Bangura,30,01/04/2026",
    ], group, joined=date(2026, 1, 12))  # fmt: skip
    assert [r.status for r in plan.rows] == [NEW, NEW, NEW, ERROR, ERROR]
    assert "Joined" in plan.rows[3].reason and "dd/mm/yyyy" in plan.rows[3].reason
    assert "future" in plan.rows[4].reason
    assert joined(db) == {
        "Mohamed": date(2026, 1, 19),
        "Sorie": date(2026, 1, 12),
        "Abu": START,
    }


def test_a_group_not_yet_begun_gets_its_men_from_the_day_they_are_typed_in(db, tmp_path):
    with db.session() as s:
        planned = add_group(
            s, "M26-002", community=add_community(s, "Tombo"), start=date(2026, 4, 6)
        )
        planned = planned.id
    plan = import_list(db, tmp_path / "a.csv", ["Name,Age", "Mohamed Kamara,34"], planned)
    assert plan.joined == TODAY and joined(db) == {"Mohamed": TODAY}
