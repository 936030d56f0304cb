"""Attendance: the register of a group, and saving one mark at a time.

The register is laid out like the paper one: a row per member, a column per meeting (sessions in
curriculum order, then make-ups). It is read with a handful of indexed queries, whatever the size
of the database. Each mark is saved on its own, in its own short transaction, so a mark the user
saw saved survives a power cut (the database runs WAL with synchronous=FULL).

A member is on a meeting only if enrolled on its date: from `enrolled_on` to `ended_on` (both
included). Attendance of a meeting held more than `attendance_lock_days` ago is read-only unless
the actor may correct locked attendance; such corrections are audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound, PermissionDenied, ValidationError
from ...models import ATTENDANCE_STATUSES, Attendance, Enrollment, Meeting, Participant
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..admin.settings import get_setting
from ..permissions import allowed, require
from .completion import ATTENDED, group_required_sessions, meets_rule, required_sessions
from .scheduling import GroupHeader, ScheduledMeeting, group_header, group_schedule, mark_held

STATUS_LETTERS = {"present": "P", "late": "L", "excused": "E", "absent": "A"}


@dataclass(frozen=True)
class RegisterColumn:
    meeting: ScheduledMeeting
    locked: bool  # older than the lock: read-only for this actor

    @property
    def meeting_id(self) -> int:
        return self.meeting.id

    @property
    def label(self) -> str:
        return f"{self.meeting.number}m" if self.meeting.is_makeup else str(self.meeting.number)


@dataclass(frozen=True)
class RegisterRow:
    participant_id: int
    code: str
    name: str
    phone: str
    enrollment_status: str  # of the latest enrolment in this group
    periods: tuple[tuple[date, date | None], ...]  # enrolled from, to (None: still enrolled)

    def enrolled_on(self, day: date) -> bool:
        return any(start <= day and (end is None or day <= end) for start, end in self.periods)


@dataclass(frozen=True)
class RowTotal:
    attended: int  # distinct sessions, present or late
    held: int  # distinct sessions held while enrolled
    excused: int
    absent: int

    @property
    def text(self) -> str:
        if not self.held:
            return "–"
        return f"{round(100 * self.attended / self.held)}% ({self.attended}/{self.held})"


@dataclass
class Register:
    """A group's register. The view keeps it as its working copy and updates `marks` as each
    change is saved."""

    group: GroupHeader
    columns: list[RegisterColumn]
    rows: list[RegisterRow]
    marks: dict[tuple[int, int], str] = field(default_factory=dict)  # (participant, meeting)
    required: int = 0

    def mark(self, participant_id: int, meeting_id: int) -> str | None:
        return self.marks.get((participant_id, meeting_id))

    def counts(self, row: RegisterRow, column: RegisterColumn) -> bool:
        """Whether the member was expected at this meeting (enrolled on its day)."""
        return column.meeting.status != "cancelled" and row.enrolled_on(column.meeting.date)

    def row_total(self, row: RegisterRow) -> RowTotal:
        held: set[int] = set()
        attended: set[int] = set()
        excused = absent = 0
        statuses = {c.meeting_id: c.meeting.status for c in self.columns}
        for column in self.columns:
            meeting = column.meeting
            if meeting.status != "held" or not row.enrolled_on(meeting.date):
                continue
            status = self.marks.get((row.participant_id, meeting.id))
            # A make-up of a meeting that was held serves only those who missed it; a make-up of
            # a cancelled meeting is that session's meeting for everyone.
            replaces = statuses.get(meeting.makeup_of_id) != "held"
            if not meeting.is_makeup or replaces or status in ATTENDED:
                held.add(meeting.session_id)
            if status in ATTENDED:
                attended.add(meeting.session_id)
            elif status == "excused":
                excused += 1
            elif status == "absent":
                absent += 1
        return RowTotal(len(attended), len(held), excused, absent)

    def eligible(self, row: RegisterRow) -> bool:
        """Enough sessions attended for a certificate (dropped and transferred men excepted)."""
        return meets_rule(row.enrollment_status, self.row_total(row).attended, self.required)

    def column_total(self, column: RegisterColumn) -> tuple[int, int]:
        """(present or late, members expected) at one meeting."""
        expected = attended = 0
        for row in self.rows:
            if self.counts(row, column):
                expected += 1
                attended += self.marks.get((row.participant_id, column.meeting_id)) in ATTENDED
        return attended, expected


@dataclass(frozen=True)
class MarkChange:
    meeting_id: int
    participant_id: int
    before: str | None
    after: str | None


@dataclass(frozen=True)
class RosterEntry:
    participant_id: int
    code: str
    name: str
    status: str | None  # as saved; None when not marked yet


@dataclass(frozen=True)
class Roster:
    group: GroupHeader
    meeting: ScheduledMeeting
    entries: tuple[RosterEntry, ...]
    locked: bool


def is_locked(meeting_status: str, held: date | None, lock_days: int, today: date) -> bool:
    return bool(lock_days) and meeting_status == "held" and (today - held).days > lock_days


def load_register(
    session: Session, actor: Actor, group_id: int, *, today: date | None = None
) -> Register:
    require(actor, "view")
    today = today or date.today()
    meetings = group_schedule(session, actor, group_id)
    group = group_header(session, group_id)
    # Sessions in curriculum order, then make-ups by date: the paper register's layout.
    meetings.sort(key=lambda m: (m.is_makeup, m.number if not m.is_makeup else 0, m.date))
    lock_days = get_setting(session, "attendance_lock_days")
    may_correct = allowed(actor, "correct_locked")
    columns = [
        RegisterColumn(m, not may_correct and is_locked(m.status, m.held_date, lock_days, today))
        for m in meetings
    ]
    rows = _register_rows(session, group_id)
    marks = {
        (pid, mid): status
        for pid, mid, status in session.execute(
            select(Attendance.participant_id, Attendance.meeting_id, Attendance.status)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.group_id == group_id)
        )
    }
    required = required_sessions(group.total_sessions, get_setting(session, "completion_share"))
    return Register(group, columns, rows, marks, required)


def _register_rows(session: Session, group_id: int) -> list[RegisterRow]:
    found: dict[int, dict] = {}
    query = (
        select(
            Participant.id,
            Participant.code,
            Participant.first_name,
            Participant.last_name,
            Participant.phone,
            Enrollment.status,
            Enrollment.enrolled_on,
            Enrollment.ended_on,
        )
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .where(Enrollment.group_id == group_id)
        .order_by(Enrollment.enrolled_on, Enrollment.id)
    )
    for pid, code, first, last, phone, status, start, end in session.execute(query):
        # Completed and not-completed enrolments end at the last meeting but cover all of it.
        until = end if status in ("dropped", "transferred") else None
        entry = found.setdefault(
            pid, {"code": code, "name": f"{first} {last}".strip(), "phone": phone or ""}
        )
        entry["status"] = status
        entry.setdefault("periods", []).append((start, until))
    rows = [
        RegisterRow(pid, e["code"], e["name"], e["phone"], e["status"], tuple(e["periods"]))
        for pid, e in found.items()
    ]
    rows.sort(key=lambda r: (r.name.casefold(), r.code))
    return rows


def _enrolled(session: Session, group_id: int, day: date, participant_id: int | None = None):
    query = select(Enrollment).where(
        Enrollment.group_id == group_id,
        Enrollment.enrolled_on <= day,
    )
    if participant_id is not None:
        query = query.where(Enrollment.participant_id == participant_id)
    return [
        e
        for e in session.scalars(query)
        if e.ended_on is None or day <= e.ended_on or e.status not in ("dropped", "transferred")
    ]


def expected_members(session: Session, meeting: Meeting, day: date) -> set[int]:
    """Who is expected at a meeting: the members on its day; for a make-up of a meeting that
    was held, only those of them who did not attend it (the others have the session already)."""
    members = {e.participant_id for e in _enrolled(session, meeting.group_id, day)}
    original = meeting.makeup_of
    if original is None or original.status != "held":
        return members
    came = set(
        session.scalars(
            select(Attendance.participant_id).where(
                Attendance.meeting_id == original.id, Attendance.status.in_(ATTENDED)
            )
        )
    )
    return members - came


def set_mark(
    session: Session,
    actor: Actor,
    meeting_id: int,
    participant_id: int,
    status: str | None,
    *,
    today: date | None = None,
) -> MarkChange:
    """Set (or with None, clear) one member's mark at one meeting.

    Call it in its own `with db.session()`: the mark is on disk when that block ends. Typing a
    mark for a past meeting still planned records the meeting as held on its planned day.
    """
    require(actor, "attendance")
    today = today or date.today()
    if status is not None and status not in ATTENDANCE_STATUSES:
        raise ValidationError({"status": f"{status!r} is not a kind of attendance"})
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    if meeting.status == "cancelled":
        raise ValidationError({"meeting": "it was cancelled; nobody attended it"})
    day = meeting.held_date or meeting.planned_date
    if day > today:
        raise ValidationError({"meeting": f"it is planned for {day:%d/%m/%Y} and has not happened"})
    enrollment = next(iter(_enrolled(session, meeting.group_id, day, participant_id)), None)
    if enrollment is None:
        raise ValidationError({"participant": f"was not a member of the group on {day:%d/%m/%Y}"})
    corrected = _check_lock(session, actor, meeting, today)
    row = session.scalars(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.participant_id == participant_id
        )
    ).first()
    before = row.status if row else None
    if status is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            Attendance(
                meeting_id=meeting_id,
                participant_id=participant_id,
                status=status,
                recorded_by_id=actor.user_id,
            )
        )
    else:
        row.status = status
        row.recorded_by_id = actor.user_id
    session.flush()
    if before != status:
        _audit_mark(session, actor, meeting_id, participant_id, before, status, corrected)
    if meeting.status != "held":
        mark_held(session, actor, meeting.id, meeting.planned_date, today=today)
    elif enrollment.status in ("completed", "not_completed"):
        _recount(session, enrollment)
    return MarkChange(meeting_id, participant_id, before, status)


def _audit_mark(
    session: Session,
    actor: Actor,
    meeting_id: int,
    participant_id: int,
    before: str | None,
    after: str | None,
    corrected: bool,
) -> None:
    """Every mark set, changed or cleared is audited; a change to locked attendance as such."""
    code = session.get(Participant, participant_id).code
    if corrected:
        action, summary = "override", "Corrected locked attendance"
    elif before is None:
        action, summary = "create", f"Attendance of {code} recorded as {after}"
    elif after is None:
        action, summary = "delete", f"Attendance of {code} cleared (was {before})"
    else:
        action, summary = "update", f"Attendance of {code} changed from {before} to {after}"
    audit.record(
        session,
        actor,
        action,
        "attendance",
        meeting_id,
        before={"participant_id": participant_id, "status": before},
        after={"participant_id": participant_id, "status": after},
        summary=summary,
    )


def _check_lock(session: Session, actor: Actor, meeting: Meeting, today: date) -> bool:
    """Whether this change corrects locked attendance (refused unless the actor may)."""
    if meeting.status != "held":
        return False
    lock_days = get_setting(session, "attendance_lock_days")
    if not is_locked(meeting.status, meeting.held_date, lock_days, today):
        return False
    if not allowed(actor, "correct_locked"):
        raise PermissionDenied(
            f"Attendance of meetings held more than {lock_days} days ago is locked. "
            "Ask a supervisor or administrator to correct it."
        )
    return True


def _recount(session: Session, enrollment: Enrollment) -> None:
    """A mark changed after the group finished: the member's completion follows it."""
    from .completion import group_tallies

    tally = group_tallies(session, enrollment.group_id).get(enrollment.participant_id)
    attended = tally.sessions_attended if tally else 0
    required = group_required_sessions(session, enrollment.group_id)
    enrollment.status = "completed" if attended >= required else "not_completed"


def meeting_roster(
    session: Session, actor: Actor, meeting_id: int, *, today: date | None = None
) -> Roster:
    """Who should have been at one meeting (members on its day), with any marks saved."""
    require(actor, "view")
    today = today or date.today()
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    scope.require_group(session, actor, meeting.group_id)
    day = meeting.held_date or meeting.planned_date
    member_ids = expected_members(session, meeting, day)
    people = session.execute(
        select(
            Participant.id, Participant.code, Participant.first_name, Participant.last_name
        ).where(Participant.id.in_(member_ids))
    ).all()
    marks = dict(
        session.execute(
            select(Attendance.participant_id, Attendance.status).where(
                Attendance.meeting_id == meeting_id
            )
        ).all()
    )
    entries = sorted(
        (
            RosterEntry(pid, code, f"{first} {last}".strip(), marks.get(pid))
            for pid, code, first, last in people
        ),
        key=lambda e: (e.name.casefold(), e.code),
    )
    lock_days = get_setting(session, "attendance_lock_days")
    locked = not allowed(actor, "correct_locked") and is_locked(
        meeting.status, meeting.held_date, lock_days, today
    )
    from .scheduling import meeting_info

    return Roster(
        group_header(session, meeting.group_id),
        meeting_info(session, meeting_id),
        tuple(entries),
        locked,
    )


def finish_meeting(
    session: Session,
    actor: Actor,
    meeting_id: int,
    held_date: date,
    *,
    default_status: str = "present",
    facilitator_id: int | None = None,
    duration_minutes: int | None = None,
    notes: str | None = None,
    today: date | None = None,
) -> int:
    """End taking attendance: every member on the roster not yet marked gets `default_status`,
    and the meeting is marked held. Returns how many marks were filled in."""
    require(actor, "attendance")
    today = today or date.today()
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    _check_lock(session, actor, meeting, today)
    day = meeting.held_date or meeting.planned_date
    marked = set(
        session.scalars(
            select(Attendance.participant_id).where(Attendance.meeting_id == meeting_id)
        )
    )
    members = expected_members(session, meeting, day)
    missing = sorted(members - marked)
    session.add_all(
        Attendance(
            meeting_id=meeting_id,
            participant_id=pid,
            status=default_status,
            recorded_by_id=actor.user_id,
        )
        for pid in missing
    )
    session.flush()
    if missing:
        audit.record(
            session,
            actor,
            "create",
            "attendance",
            meeting_id,
            after={"status": default_status, "participant_ids": missing},
            summary=f"{len(missing)} members not yet marked recorded as {default_status} "
            "when the meeting ended",
        )
    mark_held(
        session,
        actor,
        meeting_id,
        held_date,
        facilitator_id=facilitator_id,
        duration_minutes=duration_minutes,
        notes=notes,
        today=today,
    )
    return len(missing)
