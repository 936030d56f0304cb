"""Two people editing the same participant, group or meeting on two PCs (two connections to one
database): the second save is refused and told what changed, instead of undoing the first."""

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from mwp_desktop.errors import ChangedMeanwhile
from mwp_desktop.models import Group, Participant
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.registration import enrollments
from mwp_desktop.services.registration.groups import group_input, update_group
from mwp_desktop.services.registration.participants import (
    as_input,
    participant_detail,
    update_participant,
)
from mwp_desktop.services.sessions import scheduling
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.groups import add_group_with_members
from tests.builders.people import add_participant
from tests.builders.schedules import add_scheduled_group

AGAIN = "Your changes were not saved: close this window and open the {} again to see theirs."


@pytest.fixture
def second_pc(db):
    other = open_for_use(db.target())
    yield other
    other.close()


def test_a_participant_saved_meanwhile_is_not_overwritten(db, second_pc):
    with db.session() as s:
        pid = add_participant(s, phone="+23276000001").id
    with db.session() as s:
        mine = participant_detail(s, ADMIN, pid)  # the first PC opens him
    with second_pc.session() as s:
        theirs = participant_detail(s, ADMIN, pid)
        update_participant(s, STAFF, pid, replace(as_input(theirs), phone="076 000 002"))

    with db.session() as s, pytest.raises(ChangedMeanwhile) as refused:
        update_participant(
            s, ADMIN, pid, replace(as_input(mine), notes="Moved to Bo"), version=mine.version
        )

    assert re.fullmatch(
        r"aminata changed this participant \(phone\) at \d\d/\d\d/\d{4} \d\d:\d\d while you "
        r"had it open\. " + re.escape(AGAIN.format("participant")),
        str(refused.value),
    )
    with db.session() as s:
        now = participant_detail(s, ADMIN, pid)
    assert (now.phone, now.notes) == ("+23276000002", "")
    with db.session() as s:  # opened again, the save goes through
        update_participant(
            s, ADMIN, pid, replace(as_input(now), notes="Moved to Bo"), version=now.version
        )
        assert participant_detail(s, ADMIN, pid).notes == "Moved to Bo"


def test_a_save_between_reading_and_writing_is_refused_too(db, second_pc):
    with db.session() as s:
        pid = add_participant(s).id
    with pytest.raises(ChangedMeanwhile, match="as you saved it"), db.session() as s:
        opened = s.get(Participant, pid)  # this PC has read him in its transaction...
        assert opened.version == 1
        with second_pc.session() as other:  # ...when the other PC saves him
            detail = participant_detail(other, ADMIN, pid)
            update_participant(other, STAFF, pid, replace(as_input(detail), notes="first"))
        update_participant(s, ADMIN, pid, replace(as_input(detail), notes="second"))
    with db.session() as s:
        assert participant_detail(s, ADMIN, pid).notes == "first"


def test_a_group_saved_meanwhile_is_not_overwritten(db, second_pc):
    with db.session() as s:
        gid, _people = add_group_with_members(s, 2)
    with db.session() as s:
        mine = group_input(s, gid)
    with second_pc.session() as s:
        update_group(s, STAFF, gid, replace(group_input(s, gid), venue="Church hall"))

    with db.session() as s, pytest.raises(ChangedMeanwhile, match=r"changed this group \(venue\)"):
        update_group(s, ADMIN, gid, replace(mine, name="Tuesday men"))
    with db.session() as s:
        group = s.get(Group, gid)
        assert (group.venue, group.version) == ("Church hall", 2)


def test_members_joining_do_not_count_as_an_edit_of_the_group(db):
    with db.session() as s:
        gid, _people = add_group_with_members(s, 2)
        newcomer = add_participant(s, "Alusine", "Sesay").id
    with db.session() as s:
        mine = group_input(s, gid)
    with db.session() as s:
        enrollments.enrol(s, STAFF, newcomer, gid, on=date.today())
    with db.session() as s:
        update_group(s, ADMIN, gid, replace(mine, venue="Barray"))
        group = s.get(Group, gid)
        assert (group.venue, group.member_count) == ("Barray", 3)


def test_a_meeting_moved_meanwhile_is_not_moved_again_or_cancelled(db, second_pc):
    _gid, _people, meetings = add_scheduled_group(db)
    later = meetings[-1]
    with db.session() as s:
        mine = scheduling.meeting_info(s, later)
    with second_pc.session() as s:
        scheduling.move_meeting(s, STAFF, later, mine.planned_date + timedelta(days=2))

    with db.session() as s:
        with pytest.raises(ChangedMeanwhile, match=r"changed this meeting \(planned date\)"):
            scheduling.move_meeting(
                s, ADMIN, later, mine.planned_date + timedelta(days=5), version=mine.version
            )
        with pytest.raises(ChangedMeanwhile):
            scheduling.cancel_meeting(s, ADMIN, later, "Rain", version=mine.version)
    with db.session() as s:
        now = scheduling.meeting_info(s, later)
    assert (now.planned_date, now.status) == (mine.planned_date + timedelta(days=2), "planned")
