"""Who a list's row already is: name, community and age decide; a shared phone only warns.

Families and neighbours share phones, so a man whose number another man already uses is
imported, with a note naming that man and his group for the office to look at."""

from datetime import date

from mwp_desktop.services.registration.participant_import import (
    IN_FILE,
    NEW,
    REGISTERED,
    load_source,
    plan_import,
)
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community

TODAY = date(2026, 3, 2)


def plan_for(db, path, lines):
    path.write_text("\n".join(lines), encoding="utf-8")
    with db.session() as s:
        return plan_import(s, load_source(path), today=TODAY)


def test_a_phone_another_man_uses_is_a_note_naming_him_and_his_group_never_a_refusal(db, tmp_path):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        brother = add_participant(s, "Mohamed", "Kamara", phone="+23276123456", community=tombo)
        add_membership(s, brother, add_group(s, "M26-001", community=tombo))
        code = brother.code
    plan = plan_for(db, tmp_path / "list.csv", [
        "Name,Sex,Age,Phone,Community",
        "Santigie Kamara,M,30,076 123 456,Tombo",
    ])  # fmt: skip
    (row,) = plan.rows
    assert row.status == NEW
    assert row.note == f"Same phone number as Mohamed Kamara ({code}, group M26-001)."


def test_a_phone_shared_within_the_file_is_a_note_naming_the_other_row(db, tmp_path):
    plan = plan_for(db, tmp_path / "list.csv", [
        "Name,Sex,Age,Phone,Community",
        "Sorie Koroma,M,40,088 111 222,Tombo",
        "Brima Koroma,M,19,088111222,Tombo",
    ])  # fmt: skip
    assert [r.status for r in plan.rows] == [NEW, NEW]
    assert plan.rows[1].note == "Same phone number as row 2 (Sorie Koroma)."


def test_name_community_and_age_decide_who_is_registered(db, tmp_path):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        father = add_participant(s, "Mohamed", "Kamara", born=1966, community=tombo)
        code = father.code
    plan = plan_for(db, tmp_path / "list.csv", [
        "Name,Sex,Age,Community",
        "Mohamed Kamara,M,60,Tombo",  # born 1966: him
        "Mohamed Kamara,M,59,Tombo",  # a year apart, as ages typed months apart are: him
        "MOHAMED  KAMARA,M,24,Tombo",  # his son, named after him
        "Mohamed Kamara,M,,Tombo",  # no age: cannot be told apart from him
    ])  # fmt: skip
    assert [r.status for r in plan.rows] == [REGISTERED, IN_FILE, NEW, IN_FILE]
    assert plan.rows[0].reason == f"{code} has the same name, community and age."
    assert plan.rows[2].note == f"Same name and community as {code}, of another age."


def test_a_repeat_of_a_registered_row_is_a_duplicate_in_the_file_whatever_the_database_holds(
    db, tmp_path
):
    """The window once called row 5 "already registered" (row 4 was) while the command line,
    run before row 4 was saved, called it "duplicate in file": a row repeating an earlier row
    is a duplicate in the file either way, so both give the same verdict."""
    lines = [
        "Name,Sex,Age,Community",
        "Abu Conteh,M,33,Tombo",
        "Sahr Turay,M,41,Tombo",
        "Abu Conteh,M,33,Tombo",
    ]
    before = plan_for(db, tmp_path / "list.csv", lines)
    with db.session() as s:
        add_participant(s, "Abu", "Conteh", born=1993, community=add_community(s, "Tombo"))
    after = plan_for(db, tmp_path / "list.csv", lines)
    assert [r.status for r in before.rows] == [NEW, NEW, IN_FILE]
    assert [r.status for r in after.rows] == [REGISTERED, NEW, IN_FILE]
    assert (
        before.rows[2].reason == after.rows[2].reason == ("Same name, community and age as row 2.")
    )
    assert "1 row duplicated in the file" in after.summary()
