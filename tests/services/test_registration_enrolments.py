"""Membership history: enrol, transfer, drop out, bring back."""

from datetime import date

import pytest

from mwp_desktop.errors import UserError, ValidationError
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.enrollments import (
    OtherSex,
    bring_back,
    drop,
    enrol,
    history,
    move_joining_date,
    transfer,
)
from mwp_desktop.services.registration.groups import close_group, list_groups, members
from mwp_desktop.services.registration.participants import ParticipantInput, register_participant
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community

REGISTERED = date(2026, 3, 2)


@pytest.fixture
def two_groups(db):
    """M26-001 with Mohamed Kamara, a member since REGISTERED, and M26-002 in the same place:
    (first, second, his id)."""
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        first = add_group(s, "M26-001", community=tombo).id
        second = add_group(s, "M26-002", community=tombo).id
        man = add_participant(s, "Mohamed", "Kamara", community=tombo)
        add_membership(s, man, first, enrolled_on=REGISTERED)
    return first, second, man.id


def test_transfer_keeps_history_in_both_groups(db, two_groups):
    first, second, man = two_groups
    with db.session() as s:
        new = transfer(s, SYSTEM, man, second, date(2026, 3, 9), "moved to the other side")
        assert new.group_code == "M26-002" and new.status == "active"
    with db.session() as s:
        old, current = history(s, ADMIN, man)
        assert (old.group_code, old.status, old.ended_on) == (
            "M26-001",
            "transferred",
            date(2026, 3, 9),
        )
        assert old.transferred_to == "M26-002"
        assert old.reason == "moved to the other side"
        assert current.reason == "Transferred from M26-001"
        counts = {row.code: row.members for row in list_groups(s, ADMIN)}
        assert counts == {"M26-001": 0, "M26-002": 1}
        assert [m.status for m in members(s, ADMIN, first)] == ["transferred"]


def test_one_active_group_at_a_time(db, two_groups):
    first, second, man = two_groups
    with db.session() as s, pytest.raises(UserError, match="Transfer him instead"):
        enrol(s, SYSTEM, man, second)
    with db.session() as s, pytest.raises(UserError, match="already an active member of this"):
        enrol(s, SYSTEM, man, first)


def test_drop_needs_date_and_reason_and_can_be_undone(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        gid = add_group(s, "M26-001", community=tombo).id
        man = add_participant(s, "Mohamed", "Kamara", community=tombo)
        add_membership(s, man, gid, enrolled_on=REGISTERED)
    with db.session() as s:
        (member,) = members(s, ADMIN, gid)
    with db.session() as s, pytest.raises(ValidationError) as caught:
        drop(s, SYSTEM, member.enrollment_id, None, "  ")
    assert set(caught.value.fields) == {"date", "reason"}
    with db.session() as s:
        dropped = drop(s, SYSTEM, member.enrollment_id, date(2026, 3, 5), "went to the mines")
        assert (dropped.status, dropped.reason) == ("dropped", "went to the mines")
    with db.session() as s:
        assert list_groups(s, ADMIN)[0].members == 0
        back = bring_back(s, SYSTEM, member.enrollment_id)
        assert (back.status, back.ended_on) == ("active", None)
    # Adding him again after a drop-out brings the same membership back, not a second one.
    with db.session() as s:
        drop(s, SYSTEM, member.enrollment_id, date(2026, 3, 6), "travelled")
    with db.session() as s:
        enrol(s, SYSTEM, man.id, gid)
        assert [m.status for m in members(s, ADMIN, gid)] == ["active"]


def test_closed_group_takes_no_new_members(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya").id
        gid = add_group(s, "M26-001", community=tombo).id
    with db.session() as s:
        close_group(s, SYSTEM, gid)
    with pytest.raises(UserError, match="closed"), db.session() as s:
        data = ParticipantInput("Mohamed", "Kamara", "M", "30", None, tombo)
        register_participant(s, SYSTEM, data, today=REGISTERED, group_id=gid)
    # Nothing half-saved: the participant was not kept without his membership.
    with db.session() as s:
        from mwp_desktop.services.registration.participant_search import (
            ParticipantQuery,
            count_participants,
        )

        assert count_participants(s, ADMIN, ParticipantQuery("")) == (0, False)


def test_a_woman_enrolled_in_a_mens_group_is_asked_about_and_saved_only_when_confirmed(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        mens = add_group(s, "M26-001", community=tombo).id
        fatmata = add_participant(s, "Fatmata", "Conteh", sex="F", community=tombo).id
        place = tombo.id
    with db.session() as s, pytest.raises(OtherSex) as asked:
        enrol(s, SYSTEM, fatmata, mens)
    assert str(asked.value) == "M26-001 is a men's group, and this participant is a woman."
    with db.session() as s, pytest.raises(OtherSex):
        register_participant(
            s, SYSTEM, ParticipantInput("Aminata", "Kargbo", "F", community_id=place),
            group_id=mens,
        )  # fmt: skip
    with db.session() as s:
        assert enrol(s, SYSTEM, fatmata, mens, allow_other_sex=True).status == "active"
        assert [m.name for m in members(s, ADMIN, mens)] == ["Fatmata Conteh"]


def test_a_man_transferred_to_a_womens_group_is_asked_about(db, two_groups):
    first, _second, man = two_groups
    with db.session() as s:
        womens = add_group(s, "W26-001", kind="women").id
    with db.session() as s, pytest.raises(OtherSex, match="W26-001 is a women's group"):
        transfer(s, SYSTEM, man, womens, date(2026, 3, 9))
    with db.session() as s:
        assert transfer(s, SYSTEM, man, womens, date(2026, 3, 9), allow_other_sex=True)


def test_a_joining_date_moves_back_but_not_into_an_earlier_groups_time(db, two_groups):
    first, second, man = two_groups
    with db.session() as s:
        moved = move_joining_date(s, SYSTEM, man, first, date(2026, 2, 16))
        assert moved.enrolled_on == date(2026, 2, 16)
    with db.session() as s:
        transfer(s, SYSTEM, man, second, date(2026, 3, 9))
    with db.session() as s, pytest.raises(UserError) as refused:
        move_joining_date(s, SYSTEM, man, second, date(2026, 3, 2))
    assert str(refused.value) == (
        "He was a member of M26-001 until 09/03/2026: he cannot have joined M26-002 before."
    )
