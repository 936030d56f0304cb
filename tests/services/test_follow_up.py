"""Who missed the last meetings of his group in a row, for a follow-up call."""

from __future__ import annotations

from datetime import date, timedelta

from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark
from mwp_desktop.services.sessions.follow_up import export_follow_up, follow_up_list
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.marks import add_held_group
from tests.builders.people import add_members

START = date(2026, 1, 5)
TODAY = date(2026, 3, 1)


def run_group(db, patterns: list[str], code="WR-001"):
    """A group whose first meetings were held with these marks (one string per member)."""
    return add_held_group(db, patterns, code=code, start=START, today=TODAY)


def test_two_absences_in_a_row_put_a_man_on_the_list(db):
    group_id, people, _ = run_group(
        db,
        [
            "PPPAA",  # two in a row: listed
            "PAAAP",  # three in a row, but came back
            "PPAPA",  # two, not in a row
            "PPP--",  # not marked at all for two meetings: missed
            "AAAAA",  # five in a row, never attended
            "PPAEA",  # excused breaks the run
        ],
    )
    with db.session() as s:
        items = follow_up_list(s, STAFF, today=TODAY)
    found = {i.participant_id: i for i in items}
    assert set(found) == {people[0], people[3], people[4]}
    assert found[people[4]].missed_in_a_row == 5 and found[people[4]].last_attended is None
    assert found[people[0]].missed_in_a_row == 2
    assert found[people[0]].last_attended == START + timedelta(weeks=2)
    assert items[0].participant_id == people[4]  # longest run first
    assert found[people[0]].phone.startswith("+232")
    assert found[people[0]].group_code == "WR-001"
    assert found[people[0]].facilitator == "Facilitator WR-001"
    with db.session() as s:
        set_setting(s, ADMIN, "follow_up_absences", 3)
        assert {i.participant_id for i in follow_up_list(s, STAFF, today=TODAY)} == {people[4]}


def test_a_make_up_attended_ends_the_run_and_new_members_wait(db):
    group_id, people, ids = run_group(db, ["PPPAA", "PPPAA"])
    with db.session() as s:
        makeup = scheduling.add_makeup(s, STAFF, ids[4], START + timedelta(weeks=4, days=2))
        scheduling.mark_held(s, STAFF, makeup, START + timedelta(weeks=4, days=2), today=TODAY)
        set_mark(s, STAFF, makeup, people[1], "present", today=TODAY)
        newcomer = add_members(s, group_id, 1, enrolled_on=START + timedelta(weeks=4))[0].id
        items = follow_up_list(s, STAFF, today=TODAY)
    assert {i.participant_id for i in items} == {people[0]}
    assert newcomer not in {i.participant_id for i in items}
    with db.session() as s:
        # Half a year later the group has long finished: nobody is chased any more.
        assert follow_up_list(s, STAFF, today=TODAY + timedelta(weeks=40)) == []


def test_the_list_exports_to_a_spreadsheet(db, tmp_path):
    run_group(db, ["PPPAA", "PPPPP"])
    out = tmp_path / "follow-up.csv"
    with db.session() as s:
        assert export_follow_up(s, STAFF, out, today=TODAY) == 1
    lines = out.read_text("utf-8-sig").splitlines()
    assert lines[0].startswith("Code,Name,Phone,Group")
    assert ",2,2026-01-19" in lines[1]  # ISO: read alike under any regional setting
