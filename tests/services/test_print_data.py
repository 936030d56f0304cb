"""What print_data gathers from the database for each document."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mwp_desktop.errors import NotFound
from mwp_desktop.models import Attendance, Enrollment, Meeting
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.documents import print_data
from mwp_desktop.services.documents.branding import branding
from mwp_desktop.services.registration import groups
from mwp_desktop.services.sessions.attendance import meeting_roster
from tests.builders.accounts import ADMIN
from tests.builders.printable_group import START, add_printable_group, long_name


@pytest.fixture
def group_id(db):
    with db.session() as session:
        return add_printable_group(session, held=6, attended_by_index={1: 3, 3: 0}).id


def test_branding_comes_from_settings(db):
    with db.session() as session:
        set_setting(session, SYSTEM, "signatory_1_name", "Aminata Kamara")
        set_setting(session, SYSTEM, "paper_size", "Letter")
    with db.session() as session:
        brand = branding(session)
    assert brand.signatories[0].name == "Aminata Kamara"
    assert brand.signatories[1].title == "Program Coordinator"
    assert brand.paper_size == "Letter"
    assert brand.organisation_name == "Lady Ellen Women's Aid Foundation"


def test_sign_in_sheet_of_a_session_uses_its_meeting_and_the_active_roster(db, group_id):
    with db.session() as session:
        dropped = session.scalar(select(Enrollment).where(Enrollment.group_id == group_id))
        dropped.status = "dropped"
        dropped.ended_on = START + timedelta(weeks=3)
    with db.session() as session:
        sheet = print_data.sign_in_sheet_for_session(session, ADMIN, group_id, 8)
    assert sheet.planned_date == START + timedelta(weeks=7)
    assert sheet.planned_time == "14:00" and sheet.facilitator == "Alhaji Bangura"
    assert sheet.venue == "Waterloo Community Centre"
    names = [line.name for line in sheet.roster]
    assert len(names) == 5 and "Mohamed Sesay" not in names and long_name() in names
    assert names == sorted(names)


def test_unknown_group_and_session_are_clear(db, group_id):
    with db.session() as session:
        with pytest.raises(NotFound, match="no group with the code 'NOPE'"):
            groups.group_id_by_code(session, "NOPE")
        with pytest.raises(NotFound, match="sessions 1 to 16"):
            print_data.sign_in_sheet_for_session(session, ADMIN, group_id, 17)


def test_week_meetings_are_monday_to_sunday(db, group_id):
    with db.session() as session:
        thursday = START + timedelta(weeks=6, days=2)  # session 7 falls on that week's Tuesday
        ids = print_data.week_meetings(session, ADMIN, thursday)
        assert len(ids) == 1
        assert print_data.sign_in_sheet(session, ADMIN, ids[0]).session_number == 7
        assert print_data.week_meetings(session, ADMIN, START) == []  # held already


def test_schedule_lists_the_meetings_in_order(db, group_id):
    with db.session() as session:
        data = print_data.schedule(session, ADMIN, group_id)
    assert [line.session_number for line in data.lines] == list(range(1, 17))
    assert [line.status for line in data.lines].count("held") == 6
    assert data.meeting_day == "Tuesdays at 14:00"


def test_register_marks_makeups_and_totals(db, group_id):
    with db.session() as session:
        # Member 1 was absent at session 4; a make-up meeting for it, where he came.
        original = session.scalars(
            select(Meeting).where(Meeting.group_id == group_id).order_by(Meeting.planned_date)
        ).all()[3]
        makeup = Meeting(group_id=group_id, session_id=original.session_id,
                         makeup_of_id=original.id, planned_date=date(2026, 2, 7),
                         held_date=date(2026, 2, 7), status="held")  # fmt: skip
        session.add(makeup)
        session.flush()
        participant_id = session.scalars(
            select(Attendance.participant_id).where(
                Attendance.meeting_id == original.id, Attendance.status == "absent"
            )  # fmt: skip
        ).first()
        session.add(Attendance(meeting_id=makeup.id, participant_id=participant_id,
                               status="present"))  # fmt: skip
    with db.session() as session:
        data = print_data.register(session, SYSTEM, group_id)
    rows = {row.code: row for row in data.rows}
    # Sessions 1 to 16 as on screen, then the make-up in a column of its own.
    assert data.column_labels == tuple(str(n) for n in range(1, 17)) + ("4m",)
    assert rows["P100001"].marks[:6] == ("P", "P", "P", "A", "A", "A")
    assert rows["P100001"].marks[16] == "P"
    assert rows["P100001"].total == "67% (4/6)"  # the make-up counts for session 4
    assert rows["P100003"].marks[:6] == ("A",) * 6 and rows["P100003"].total == "0% (0/6)"
    assert rows["P100000"].marks[6:16] == ("",) * 10
    assert data.column_dates[3] == original.planned_date
    assert data.column_totals[:6] == ("5/6", "5/6", "5/6", "4/6", "4/6", "4/6")
    assert data.column_totals[6:16] == ("",) * 10  # not held yet
    assert data.column_totals[16] == "1/6"
    assert data.required == 12 and data.total_sessions == 16


def test_follow_up_finds_men_absent_in_a_row(db, group_id):
    with db.session() as session:
        data = print_data.follow_up(session, SYSTEM, as_of=date(2026, 3, 1))
    found = {line.code: line for line in data.lines}
    assert set(found) == {"P100001", "P100003"}
    assert found["P100001"].consecutive_absences == 3
    assert found["P100001"].last_attended == START + timedelta(weeks=2)
    assert (
        found["P100003"].last_attended is None and found["P100003"].phone == "076 100 003"
    )  # on paper as on screen
    assert data.lines[0].code == "P100003"  # most absences first


def test_a_makeup_sheet_lists_the_men_who_missed_the_session(db, group_id):
    with db.session() as session:
        original = session.scalars(
            select(Meeting).where(Meeting.group_id == group_id).order_by(Meeting.planned_date)
        ).all()[4]  # session 5: members 1 and 3 were absent
        makeup = Meeting(group_id=group_id, session_id=original.session_id,
                         makeup_of_id=original.id, planned_date=date(2026, 2, 7),
                         status="planned")  # fmt: skip
        session.add(makeup)
        session.flush()
        sheet = print_data.sign_in_sheet(session, ADMIN, makeup.id)
        on_screen = meeting_roster(session, SYSTEM, makeup.id, today=date(2026, 2, 7))
    assert sheet.makeup
    assert sorted(line.code for line in sheet.roster) == ["P100001", "P100003"]
    # The paper sheet lists the men the take-attendance list shows for that meeting.
    assert [line.code for line in sheet.roster] == [e.code for e in on_screen.entries]


def test_certificates_carry_the_groups_facilitator(db):
    from mwp_desktop.services.documents.certificates import plan_certificates

    with db.session() as session:
        finished = add_printable_group(session, code="WL-09").id
        plan = plan_certificates(session, SYSTEM, finished)
    assert plan.certificates and {c.facilitator for c in plan.certificates} == {"Alhaji Bangura"}
