"""Every change of attendance is in the audit trail, clearing a mark included: "who changed this
attendance, and when?" must have an answer for every mark that ever was."""

from datetime import date, timedelta

from sqlalchemy import select

from mwp_desktop.models import AuditEvent, Participant
from mwp_desktop.services.admin import audit_log
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import finish_meeting, set_mark
from tests.builders.accounts import STAFF, SUPERVISOR
from tests.builders.schedules import START, add_scheduled_group

TODAY = date.today()


def attendance_trail(db, meeting_id: int) -> list[tuple[str, str, str]]:
    f = audit_log.AuditFilter(entity="attendance", entity_id=meeting_id)
    with db.session() as s:
        rows = audit_log.query_audit(s, SUPERVISOR, f)
    return [(row.action, row.describe_changes(), row.summary) for row in reversed(rows)]


def test_marking_changing_and_clearing_a_mark_are_each_audited(db):
    _group, people, meetings = add_scheduled_group(db)
    for status in ("present", "late", None):
        with db.session() as s:
            set_mark(s, STAFF, meetings[0], people[0], status, today=TODAY)
    with db.session() as s:
        code = s.get(Participant, people[0]).code

    assert attendance_trail(db, meetings[0]) == [
        ("create", "status: present", f"Attendance of {code} recorded as present"),
        ("update", "status: present → late", f"Attendance of {code} changed from present to late"),
        ("delete", "status: late → —", f"Attendance of {code} cleared (was late)"),
    ]


def test_saving_the_same_mark_again_adds_nothing(db):
    _group, people, meetings = add_scheduled_group(db)
    for _ in range(2):
        with db.session() as s:
            set_mark(s, STAFF, meetings[0], people[0], "absent", today=TODAY)
    assert len(attendance_trail(db, meetings[0])) == 1


def test_finishing_a_meeting_audits_the_marks_it_fills_in(db):
    _group, people, meetings = add_scheduled_group(db)
    with db.session() as s:
        set_mark(s, STAFF, meetings[0], people[0], "absent", today=TODAY)
        finish_meeting(s, STAFF, meetings[0], START + timedelta(days=1), today=TODAY)
    with db.session() as s:
        filled = s.scalars(
            select(AuditEvent.summary)
            .where(AuditEvent.entity == "attendance", AuditEvent.action == "create")
            .order_by(AuditEvent.id)
        ).all()
    assert len(filled) == 2
    assert filled[1] == "3 members not yet marked recorded as present when the meeting ended"


def test_planning_a_group_again_audits_the_meetings_it_deletes(db):
    group_id, _people, _meetings = add_scheduled_group(db)
    with db.session() as s:
        scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=20 + i) for i in range(16)]
        )
        summaries = s.scalars(
            select(AuditEvent.summary)
            .where(AuditEvent.entity == "schedule", AuditEvent.entity_id == group_id)
            .order_by(AuditEvent.id)
        ).all()
    assert len(summaries) == 2
    assert summaries[1].endswith(", replacing the 16 planned before")
