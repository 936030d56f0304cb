"""The database keeps its own rules, whatever code writes to it."""

from datetime import date

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from mwp_desktop.models import Attendance, Enrollment, Group, Meeting, Participant
from mwp_desktop.services.registration.codes import participant_code
from tests.builders.groups import add_group, add_group_with_members
from tests.builders.people import add_participant


def test_group_codes_are_unique(db):
    with pytest.raises(IntegrityError), db.session() as s:
        first = add_group(s, "MOY-M001")
        s.add(
            Group(
                code="MOY-M001",
                name="copy",
                kind="men",
                community_id=first.community_id,
                curriculum_id=first.curriculum_id,
            )
        )
        s.flush()


def test_participant_codes_are_unique(db):
    with pytest.raises(IntegrityError), db.session() as s:
        add_participant(s, code=participant_code(7))
        add_participant(s, "Other", code=participant_code(7))


def test_one_attendance_mark_per_meeting_and_participant(db):
    with db.session() as s:
        group_id, _ = add_group_with_members(s, 3, planned=True)
        meeting = s.scalars(select(Meeting).where(Meeting.group_id == group_id)).first()
        man = s.scalars(select(Participant)).first()
        s.add(Attendance(meeting_id=meeting.id, participant_id=man.id, status="present"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Attendance(meeting_id=meeting.id, participant_id=man.id, status="absent"))
        s.flush()
    with db.session() as s:
        marks = s.scalars(select(Attendance)).all()
    assert [m.status for m in marks] == ["present"]


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Group, "kind", "boys"),
        (Group, "status", "finished"),
        (Meeting, "status", "done"),
        (Enrollment, "status", "gone"),
        (Participant, "sex", "X"),
    ],
)
def test_status_values_are_checked(db, model, field, value):
    with db.session() as s:
        add_group_with_members(s, 3, planned=True)
    with pytest.raises(IntegrityError), db.session() as s:
        row = s.scalars(select(model)).first()
        setattr(row, field, value)
        s.flush()


def test_deleting_a_group_never_deletes_its_attendance_history(db):
    with db.session() as s:
        group_id, _ = add_group_with_members(s, 3, planned=True)
        meeting = s.scalars(select(Meeting).where(Meeting.group_id == group_id)).first()
        man = s.scalars(select(Participant)).first()
        meeting.status, meeting.held_date = "held", meeting.planned_date
        s.add(Attendance(meeting_id=meeting.id, participant_id=man.id, status="present"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(delete(Group).where(Group.id == group_id))
    with db.session() as s:
        assert s.scalar(select(Attendance.status)) == "present"
        assert s.get(Group, group_id) is not None


def test_a_man_is_an_active_member_of_a_group_only_once(db):
    with db.session() as s:
        group_id, _ = add_group_with_members(s, 1, planned=True)
        man = s.scalars(select(Participant)).one()
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Enrollment(participant_id=man.id, group_id=group_id, enrolled_on=date(2026, 2, 1)))
        s.flush()
    # History is allowed: a dropped enrolment and a new active one.
    with db.session() as s:
        old = s.scalars(select(Enrollment)).one()
        old.status, old.ended_on = "dropped", date(2026, 2, 1)
        s.add(Enrollment(participant_id=man.id, group_id=group_id, enrolled_on=date(2026, 3, 1)))


def test_held_meeting_needs_a_held_date(db):
    with db.session() as s:
        add_group_with_members(s, 3, planned=True)
    with pytest.raises(IntegrityError), db.session() as s:
        s.scalars(select(Meeting)).first().status = "held"
        s.flush()


def test_every_row_has_a_uuid(db):
    with db.session() as s:
        add_group_with_members(s, 3, planned=True)
        uuids = s.scalars(select(Meeting.uuid)).all() + s.scalars(select(Group.uuid)).all()
    assert len(uuids) == len(set(uuids)) == 17
    assert all(len(u) == 32 for u in uuids)


def test_lookup_indexes_exist(db):
    from sqlalchemy import inspect

    inspector = inspect(db.engine)

    def indexed(table):
        columns = [tuple(ix["column_names"]) for ix in inspector.get_indexes(table)]
        columns += [tuple(uq["column_names"]) for uq in inspector.get_unique_constraints(table)]
        return columns

    assert ("meeting_id", "participant_id") in indexed("attendance")
    assert ("participant_id", "meeting_id") in indexed("attendance")
    assert ("group_id", "planned_date") in indexed("meetings")
    assert ("name_key",) in indexed("participants")
    assert ("phone",) in indexed("participants")
    assert ("code",) in indexed("participants")
    assert any(cols[0] == "community_id" for cols in indexed("participants"))
