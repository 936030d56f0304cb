"""What each printed document shows, gathered from the database in a few queries.

Returns the frozen dataclasses of `printing.data`; nothing here draws. Certificates, which also
record what was issued, are in services/certificates.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import (
    Attendance,
    Community,
    Curriculum,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
)
from ..printing.data import (
    FollowUpData,
    FollowUpLine,
    RegisterData,
    RegisterRow,
    RosterLine,
    ScheduleData,
    ScheduleLine,
    SessionPlanData,
    SignInSheetData,
)
from .completion import ATTENDED, group_required_sessions, group_tallies
from .curricula import MEN_CURRICULUM_CODE
from .settings import get_setting

WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
MARK_LETTERS = {"present": "P", "late": "L", "excused": "E", "absent": "A"}
MARK_RANK = {"present": 4, "late": 3, "excused": 2, "absent": 1}  # a make-up can improve a mark
ROSTER_STATUSES = ("active",)
FINISHED_STATUSES = ("completed", "not_completed")


@dataclass(frozen=True)
class GroupChoice:
    id: int
    code: str
    name: str
    community: str


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    group_code: str
    session_number: int
    session_title: str
    planned_date: date
    status: str


def group_id_by_code(session: Session, code: str) -> int:
    group_id = session.scalar(select(Group.id).where(Group.code == code.strip()))
    if group_id is None:
        raise NotFound(f"There is no group with the code '{code}'.")
    return group_id


def group_code(session: Session, group_id: int) -> str:
    return session.scalar(select(Group.code).where(Group.id == group_id)) or f"group-{group_id}"


def groups(session: Session) -> list[GroupChoice]:
    rows = session.execute(
        select(Group.id, Group.code, Group.name, Community.name)
        .join(Community, Community.id == Group.community_id)
        .order_by(Group.code)
    )
    return [GroupChoice(*row) for row in rows]


def group_meetings(session: Session, group_id: int) -> list[MeetingChoice]:
    rows = session.execute(
        select(
            Meeting.id,
            Group.code,
            CurriculumSession.number,
            CurriculumSession.title,
            Meeting.planned_date,
            Meeting.status,
        )  # fmt: skip
        .join(Group, Group.id == Meeting.group_id)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Meeting.group_id == group_id)
        .order_by(Meeting.planned_date, Meeting.id)
    )
    return [MeetingChoice(*row) for row in rows]


def week_meetings(session: Session, any_day: date) -> list[int]:
    """Meetings planned in the Monday-to-Sunday week holding `any_day`, by date and group."""
    monday = any_day - timedelta(days=any_day.weekday())
    return list(
        session.scalars(
            select(Meeting.id)
            .join(Group, Group.id == Meeting.group_id)
            .where(
                Meeting.planned_date.between(monday, monday + timedelta(days=6)),
                Meeting.status.in_(("planned", "postponed")),
            )
            .order_by(Meeting.planned_date, Meeting.planned_time, Group.code)
        )
    )


def _group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    return group


def _facilitator_name(session: Session, facilitator_id: int | None) -> str:
    if facilitator_id is None:
        return ""
    return session.scalar(select(Facilitator.name).where(Facilitator.id == facilitator_id)) or ""


def roster(session: Session, group_id: int) -> tuple[RosterLine, ...]:
    """The group's current members; for a finished group, the men who finished it."""
    for statuses in (ROSTER_STATUSES, FINISHED_STATUSES):
        rows = session.execute(
            select(
                Participant.code, Participant.first_name, Participant.last_name, Participant.phone
            )  # fmt: skip
            .join(Enrollment, Enrollment.participant_id == Participant.id)
            .where(Enrollment.group_id == group_id, Enrollment.status.in_(statuses))
            .order_by(Participant.first_name, Participant.last_name, Participant.code)
        ).all()
        if rows:
            return tuple(
                RosterLine(code, f"{first} {last}".strip(), phone or "")
                for code, first, last, phone in rows
            )
    return ()


def sign_in_sheet(session: Session, meeting_id: int) -> SignInSheetData:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    group = meeting.group
    time = meeting.planned_time or group.meeting_time
    return SignInSheetData(
        group_name=group.name,
        group_code=group.code,
        community=group.community.name,
        session_number=meeting.session.number,
        session_title=meeting.session.title,
        planned_date=meeting.planned_date,
        planned_time=time.strftime("%H:%M") if time else "",
        venue=meeting.venue or group.venue,
        facilitator=_facilitator_name(session, meeting.facilitator_id or group.facilitator_id),
        roster=_makeup_roster(session, meeting)
        if meeting.makeup_of_id
        else roster(session, group.id),
        makeup=meeting.makeup_of_id is not None,
    )


def _makeup_roster(session: Session, meeting: Meeting) -> tuple[RosterLine, ...]:
    """A make-up meeting is for the men who missed the session: those not marked present or
    late at the meeting it makes up."""
    came = set(
        session.scalars(
            select(Participant.code)
            .join(Attendance, Attendance.participant_id == Participant.id)
            .where(Attendance.meeting_id == meeting.makeup_of_id, Attendance.status.in_(ATTENDED))
        )
    )
    return tuple(line for line in roster(session, meeting.group_id) if line.code not in came)


def sign_in_sheet_for_session(session: Session, group_id: int, number: int) -> SignInSheetData:
    """The sheet for curriculum session `number` of a group: its scheduled meeting if there is
    one (the regular one, not a make-up), else a sheet with the date left to write in."""
    group = _group(session, group_id)
    curriculum_session = _curriculum_session(session, group.curriculum_id, number)
    meeting_id = session.scalar(
        select(Meeting.id)
        .where(
            Meeting.group_id == group_id,
            Meeting.session_id == curriculum_session.id,
            Meeting.status != "cancelled",
        )
        .order_by(Meeting.makeup_of_id.is_not(None), Meeting.planned_date.desc())
        .limit(1)
    )
    if meeting_id is not None:
        return sign_in_sheet(session, meeting_id)
    return SignInSheetData(
        group_name=group.name,
        group_code=group.code,
        community=group.community.name,
        session_number=number,
        session_title=curriculum_session.title,
        planned_date=None,
        planned_time=group.meeting_time.strftime("%H:%M") if group.meeting_time else "",
        venue=group.venue,
        facilitator=_facilitator_name(session, group.facilitator_id),
        roster=roster(session, group_id),
    )


def _curriculum_session(session: Session, curriculum_id: int, number: int) -> CurriculumSession:
    found = session.scalar(
        select(CurriculumSession).where(
            CurriculumSession.curriculum_id == curriculum_id, CurriculumSession.number == number
        )
    )
    if found is None:
        count = len(session.get(Curriculum, curriculum_id).sessions)
        raise NotFound(f"Session {number} is not in the curriculum (it has sessions 1 to {count}).")
    return found


def session_plan(session: Session, curriculum_session_id: int) -> SessionPlanData:
    item = session.get(CurriculumSession, curriculum_session_id)
    if item is None:
        raise NotFound("That curriculum session no longer exists.")
    return SessionPlanData(
        curriculum_name=item.curriculum.name,
        number=item.number,
        title=item.title,
        minutes=item.minutes,
        objectives=_lines(item.objectives),
        activities=_lines(item.activities),
        materials=_lines(item.materials),
        sessions_total=len(item.curriculum.sessions),
    )


def curriculum_session_id(
    session: Session, number: int, *, group_id: int | None = None, curriculum_code: str = ""
) -> int:
    """Session `number` of a group's curriculum, or of a curriculum by code (newest version;
    the men's curriculum when neither is given)."""
    if group_id is not None:
        curriculum_id = _group(session, group_id).curriculum_id
    else:
        code = curriculum_code or MEN_CURRICULUM_CODE
        curriculum_id = session.scalar(
            select(Curriculum.id).where(Curriculum.code == code).order_by(Curriculum.version.desc())
        )
        if curriculum_id is None:
            raise NotFound(f"There is no curriculum with the code '{code}'.")
    return _curriculum_session(session, curriculum_id, number).id


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def schedule(session: Session, group_id: int) -> ScheduleData:
    group = _group(session, group_id)
    rows = session.execute(
        select(
            CurriculumSession.number,
            CurriculumSession.title,
            Meeting.planned_date,
            Meeting.held_date,
            Meeting.venue,
            Meeting.status,
            Meeting.makeup_of_id,
        )  # fmt: skip
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Meeting.group_id == group_id)
        .order_by(Meeting.planned_date, CurriculumSession.number)
    ).all()
    if rows:
        lines = tuple(
            ScheduleLine(
                number, title, planned, held, venue or group.venue, status, makeup is not None
            )
            for number, title, planned, held, venue, status, makeup in rows
        )
    else:  # not scheduled yet: the sessions to come, dates to be set
        lines = tuple(
            ScheduleLine(s.number, s.title, None, None, group.venue, "planned")
            for s in group.curriculum.sessions
        )
    day = ""
    if group.meeting_weekday is not None:
        day = WEEKDAYS[group.meeting_weekday]
        if group.meeting_time:
            day += f" at {group.meeting_time.strftime('%H:%M')}"
    return ScheduleData(
        group_name=group.name,
        group_code=group.code,
        community=group.community.name,
        facilitator=_facilitator_name(session, group.facilitator_id),
        meeting_day=day,
        venue=group.venue,
        curriculum_name=group.curriculum.name,
        lines=lines,
    )


def register(session: Session, group_id: int) -> RegisterData:
    group = _group(session, group_id)
    sessions = list(group.curriculum.sessions)
    column_of = {s.id: i for i, s in enumerate(sessions)}
    dates: list[date | None] = [None] * len(sessions)
    meetings = session.execute(
        select(
            Meeting.id,
            Meeting.session_id,
            Meeting.held_date,
            Meeting.planned_date,
            Meeting.makeup_of_id,
        )  # fmt: skip
        .where(Meeting.group_id == group_id, Meeting.status == "held")
        .order_by(Meeting.held_date)
    ).all()
    meeting_column = {}
    for meeting_id, session_id, held, planned, makeup in meetings:
        column = column_of.get(session_id)
        if column is None:
            continue
        meeting_column[meeting_id] = column
        if makeup is None or dates[column] is None:
            dates[column] = held or planned
    marks: dict[int, list[str]] = defaultdict(lambda: [""] * len(sessions))
    if meeting_column:
        for meeting_id, participant_id, status in session.execute(
            select(Attendance.meeting_id, Attendance.participant_id, Attendance.status).where(
                Attendance.meeting_id.in_(meeting_column)
            )
        ):
            row = marks[participant_id]
            column = meeting_column[meeting_id]
            current = row[column]
            if not current or MARK_RANK[status] > _rank_of_letter(current):
                row[column] = MARK_LETTERS[status]
    tallies = group_tallies(session, group_id)
    members = session.execute(
        select(
            Participant.id,
            Participant.code,
            Participant.first_name,
            Participant.last_name,
            Enrollment.status,
        )  # fmt: skip
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .where(Enrollment.group_id == group_id)
        .order_by(Participant.first_name, Participant.last_name, Enrollment.enrolled_on)
    ).all()
    rows = []
    for pid, code, first, last, status in members:
        tally = tallies.get(pid)
        rows.append(
            RegisterRow(
                code=code,
                name=f"{first} {last}".strip(),
                enrollment_status=status,
                marks=tuple(marks[pid]) if pid in marks else ("",) * len(sessions),
                attended=tally.sessions_attended if tally else 0,
            )
        )
    held_columns = set(meeting_column.values())
    totals = tuple(
        sum(1 for pid, *_ in members if pid in marks and marks[pid][i] in ("P", "L"))
        if i in held_columns
        else None  # not held yet: a blank, not a zero
        for i in range(len(sessions))
    )
    return RegisterData(
        group_name=group.name,
        group_code=group.code,
        community=group.community.name,
        facilitator=_facilitator_name(session, group.facilitator_id),
        session_numbers=tuple(s.number for s in sessions),
        session_dates=tuple(dates),
        rows=tuple(rows),
        required=group_required_sessions(session, group_id),
        session_totals=totals,
    )


def _rank_of_letter(letter: str) -> int:
    return {"P": 4, "L": 3, "E": 2, "A": 1}.get(letter, 0)


def follow_up(session: Session, as_of: date | None = None) -> FollowUpData:
    """Active members of active groups absent at their group's latest held meetings, in a row.

    A held meeting with no mark for a member counts as absent (the office types in who came);
    excused neither counts nor breaks the run; meetings before he enrolled are not his.
    """
    as_of = as_of or date.today()
    threshold = get_setting(session, "follow_up_absences")
    held = session.execute(
        select(Meeting.id, Meeting.group_id, Meeting.held_date)
        .join(Group, Group.id == Meeting.group_id)
        .where(Group.status == "active", Meeting.status == "held", Meeting.held_date <= as_of)
        .order_by(Meeting.held_date.desc(), Meeting.id.desc())
    ).all()
    by_group: dict[int, list[tuple[int, date]]] = defaultdict(list)
    for meeting_id, group_id, held_date in held:
        by_group[group_id].append((meeting_id, held_date))
    marks = {
        (meeting_id, pid): status
        for meeting_id, pid, status in session.execute(
            select(Attendance.meeting_id, Attendance.participant_id, Attendance.status)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .join(Group, Group.id == Meeting.group_id)
            .where(Group.status == "active", Meeting.status == "held")
        )
    }
    members = session.execute(
        select(
            Participant.id,
            Participant.code,
            Participant.first_name,
            Participant.last_name,
            Participant.phone,
            Group.id,
            Group.code,
            Group.name,
            Community.name,
            Enrollment.enrolled_on,
        )  # fmt: skip
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .join(Group, Group.id == Enrollment.group_id)
        .join(Community, Community.id == Group.community_id)
        .where(Enrollment.status == "active", Group.status == "active")
        .order_by(Group.code, Participant.first_name, Participant.last_name)
    ).all()
    lines = []
    for pid, code, first, last, phone, gid, gcode, gname, community, enrolled_on in members:
        run, last_attended = 0, None
        for meeting_id, held_date in by_group.get(gid, ()):
            if held_date < enrolled_on:
                break
            status = marks.get((meeting_id, pid), "absent")
            if status in ATTENDED:
                last_attended = held_date
                break
            if status == "absent":
                run += 1
        if run >= threshold:
            lines.append(
                FollowUpLine(
                    code,
                    f"{first} {last}".strip(),
                    phone or "",
                    gcode,
                    gname,
                    community,
                    run,
                    last_attended,
                )  # fmt: skip
            )
    lines.sort(key=lambda line: (-line.consecutive_absences, line.group_code, line.name))
    return FollowUpData(threshold=threshold, as_of=as_of, lines=tuple(lines))


@dataclass(frozen=True)
class PlanChoice:
    id: int  # the curriculum session's id
    label: str


def plan_choices(session: Session) -> list[PlanChoice]:
    """Every session of the newest version of each curriculum, for the session plan picker."""
    newest = (
        select(Curriculum.code, func.max(Curriculum.version).label("version"))
        .group_by(Curriculum.code)
        .subquery()
    )
    rows = session.execute(
        select(
            CurriculumSession.id, Curriculum.kind, CurriculumSession.number, CurriculumSession.title
        )  # fmt: skip
        .join(Curriculum, Curriculum.id == CurriculumSession.curriculum_id)
        .join(newest, (newest.c.code == Curriculum.code) & (newest.c.version == Curriculum.version))
        .order_by(Curriculum.kind, Curriculum.code, CurriculumSession.number)
    )
    return [
        PlanChoice(sid, f"{kind.capitalize()} · {number}. {title}")
        for sid, kind, number, title in rows
    ]
