"""What each printed document shows, gathered from the database in a few queries.

Returns the frozen dataclasses of `printing.data`; nothing here draws. Certificates, which also
record what was issued, are in services/documents/certificates.py; what the Printing panel
lists to choose from, in print_choices.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFound
from ...models import (
    MEMBER_STATUSES,
    Community,
    Curriculum,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
    SurveyRound,
)
from ...printing.data import (
    CardCommitment,
    CheckInLine,
    CheckInSheetData,
    CommitmentCardData,
    FollowUpData,
    FollowUpLine,
    QuestionnaireData,
    RegisterData,
    RegisterRow,
    RosterLine,
    ScheduleData,
    ScheduleLine,
    SessionPlanData,
    SignInSheetData,
)
from .. import scope
from ..actor import Actor
from ..admin.settings import get_setting
from ..registration.validation import display_phone
from ..sessions.attendance import STATUS_LETTERS, expected_members, load_register
from ..sessions.commitments import AREA_TITLES, PROGRESS_TITLES, group_commitments
from ..sessions.curricula import MEN_CURRICULUM_CODE
from ..sessions.follow_up import follow_up_list
from ..sessions.women_feedback import themes_reaching

WEEKDAYS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
ROSTER_STATUSES = ("active",)
FINISHED_STATUSES = ("completed", "not_completed")


def group_code(session: Session, group_id: int) -> str:
    return session.scalar(select(Group.code).where(Group.id == group_id)) or f"group-{group_id}"


def week_meetings(session: Session, actor: Actor, any_day: date) -> list[int]:
    """Meetings of the actor's groups planned in the Monday-to-Sunday week holding `any_day`,
    by date and group."""
    monday = any_day - timedelta(days=any_day.weekday())
    visible = scope.groups_condition(session, actor, Meeting.group_id)
    return list(
        session.scalars(
            select(Meeting.id)
            .join(Group, Group.id == Meeting.group_id)
            .where(
                Meeting.planned_date.between(monday, monday + timedelta(days=6)),
                Meeting.status.in_(("planned", "postponed")),
                *(() if visible is None else (visible,)),
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
                RosterLine(code, f"{first} {last}".strip(), display_phone(phone))
                for code, first, last, phone in rows
            )
    return ()


def sign_in_sheet(session: Session, actor: Actor, meeting_id: int) -> SignInSheetData:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    scope.require_group(session, actor, meeting.group_id)
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
        roster=_meeting_roster(session, meeting),
        makeup=meeting.makeup_of_id is not None,
    )


def _meeting_roster(session: Session, meeting: Meeting) -> tuple[RosterLine, ...]:
    """The men expected at a meeting, by the rule the take-attendance list uses
    (attendance.expected_members): members on its day; for a make-up of a held meeting, only
    those who missed it."""
    member_ids = expected_members(session, meeting, meeting.held_date or meeting.planned_date)
    rows = session.execute(
        select(Participant.code, Participant.first_name, Participant.last_name, Participant.phone)
        .where(Participant.id.in_(member_ids))
        .order_by(Participant.first_name, Participant.last_name, Participant.code)
    )
    return tuple(
        RosterLine(code, f"{first} {last}".strip(), display_phone(phone))
        for code, first, last, phone in rows
    )


def sign_in_sheet_for_session(
    session: Session, actor: Actor, group_id: int, number: int
) -> SignInSheetData:
    """The sheet for curriculum session `number` of a group: its scheduled meeting if there is
    one (the regular one, not a make-up), else a sheet with the date left to write in."""
    scope.require_group(session, actor, group_id)
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
        return sign_in_sheet(session, actor, meeting_id)
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


def session_plan(
    session: Session,
    curriculum_session_id: int,
    actor: Actor | None = None,
    group_id: int | None = None,
) -> SessionPlanData:
    """A curriculum session's plan; for a group, with its meeting's date, time and venue and
    its facilitator (as its sign-in sheet for that session has them)."""
    item = session.get(CurriculumSession, curriculum_session_id)
    if item is None:
        raise NotFound("That curriculum session no longer exists.")
    plan = SessionPlanData(
        curriculum_name=item.curriculum.name,
        number=item.number,
        title=item.title,
        minutes=item.minutes,
        objectives=_lines(item.objectives),
        activities=_lines(item.activities),
        materials=_lines(item.materials),
        sessions_total=len(item.curriculum.sessions),
    )
    if group_id is None or actor is None:
        return plan
    sheet = sign_in_sheet_for_session(session, actor, group_id, item.number)
    return replace(
        plan, group=f"{sheet.group_name} ({sheet.group_code})", facilitator=sheet.facilitator,
        planned_date=sheet.planned_date, planned_time=sheet.planned_time, venue=sheet.venue,
    )  # fmt: skip


def women_raised(
    session: Session, actor: Actor, group_id: int, curriculum_session_id: int
) -> tuple[tuple[str, str], ...]:
    """For a men's group's plan of this session: what women in its community raised since its
    session before (the day of its meeting for this session, today if none is planned). A
    women's group's plan carries none."""
    scope.require_group(session, actor, group_id)
    if _group(session, group_id).kind == "women":
        return ()
    day = session.scalar(
        select(func.min(func.coalesce(Meeting.held_date, Meeting.planned_date))).where(
            Meeting.group_id == group_id,
            Meeting.session_id == curriculum_session_id,
            Meeting.makeup_of_id.is_(None),
            Meeting.status != "cancelled",
        )
    )
    reached = themes_reaching(session, actor, group_id, day or date.today())
    return tuple((theme.theme, theme.summary) for theme in reached)


def commitment_cards(session: Session, actor: Actor, group_id: int) -> list[CommitmentCardData]:
    """A card for each man of the group with a commitment or a next step."""
    group = _group(session, group_id)
    names = dict(
        session.execute(
            select(Participant.code, Participant.first_name + " " + Participant.last_name)
            .join(Enrollment, Enrollment.participant_id == Participant.id)
            .where(Enrollment.group_id == group_id)
        ).all()
    )
    cards: dict[str, list] = {}
    steps: dict[str, str] = {}
    for line in group_commitments(session, actor, group_id):
        if line.kind == "next_step":
            steps[line.code] = line.words
        else:
            cards.setdefault(line.code, []).append(
                CardCommitment(line.area, AREA_TITLES[line.area], line.words)
            )
    return [
        CommitmentCardData(group.code, code, (names.get(code) or code).strip(),
                           tuple(cards.get(code, ())), steps.get(code, ""))
        for code in sorted(set(cards) | set(steps))
    ]  # fmt: skip


def check_in_sheet(session: Session, actor: Actor, group_id: int) -> CheckInSheetData:
    """Every commitment of the group's men, and the sessions after the one they were made at."""
    group = _group(session, group_id)
    lines = [line for line in group_commitments(session, actor, group_id)
             if line.kind == "commitment"]  # fmt: skip
    made_at = min((line.made_at for line in lines), default=None)
    last = len(group.curriculum.sessions)
    return CheckInSheetData(
        group.code, group.name,
        tuple(CheckInLine(line.code, line.name, AREA_TITLES[line.area], line.words,
                          PROGRESS_TITLES.get(line.latest, "") if line.latest else "")
              for line in lines),
        tuple(range(made_at + 1, last + 1)) if made_at else (),
    )  # fmt: skip


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


def schedule(session: Session, actor: Actor, group_id: int) -> ScheduleData:
    scope.require_group(session, actor, group_id)
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


def register(session: Session, actor: Actor, group_id: int) -> RegisterData:
    """The printed register: the on-screen register (services/sessions/attendance.py) as it stands —
    the same columns, marks, totals and certificate ticks."""
    reg = load_register(session, actor, group_id)
    header = reg.group
    rows = []
    for row in reg.rows:
        marks = []
        for column in reg.columns:
            if column.meeting.status == "cancelled":
                marks.append("×")
            elif not reg.counts(row, column):
                marks.append("–")
            else:
                marks.append(
                    STATUS_LETTERS.get(reg.mark(row.participant_id, column.meeting_id), "")
                )
        rows.append(
            RegisterRow(
                code=row.code,
                name=row.name,
                enrollment_status=row.enrollment_status,
                marks=tuple(marks),
                total=reg.row_total(row).text,
                eligible=reg.eligible(row),
            )
        )
    totals = []
    for column in reg.columns:
        if column.meeting.status == "held":
            attended, expected = reg.column_total(column)
            totals.append(f"{attended}/{expected}")
        else:
            totals.append("")  # not held yet: a blank, not a zero
    community = session.scalar(
        select(Community.name)
        .join(Group, Group.community_id == Community.id)
        .where(Group.id == group_id)
    )
    return RegisterData(
        group_name=header.name,
        group_code=header.code,
        community=community or "",
        facilitator=header.facilitator_name,
        column_labels=tuple(c.label for c in reg.columns),
        column_dates=tuple(c.meeting.date for c in reg.columns),
        rows=tuple(rows),
        required=reg.required,
        total_sessions=header.total_sessions,
        column_totals=tuple(totals),
    )


def follow_up(session: Session, actor: Actor, as_of: date | None = None) -> FollowUpData:
    """The printed follow-up list: exactly the men the Sessions panel's Follow-up tab lists
    (services/sessions/follow_up.py holds the rule), in the same order."""
    as_of = as_of or date.today()
    items = follow_up_list(session, actor, today=as_of)
    lines = tuple(
        FollowUpLine(
            code=i.code,
            name=i.name,
            phone=display_phone(i.phone),
            group_code=i.group_code,
            group_name=i.group_name,
            community=i.community,
            consecutive_absences=i.missed_in_a_row,
            last_attended=i.last_attended,
            facilitator=i.facilitator,
            facilitator_phone=i.facilitator_phone,
        )
        for i in items
    )
    return FollowUpData(get_setting(session, "follow_up_absences"), as_of, lines)


def questionnaires(session: Session, actor: Actor, group_id: int, kind: str) -> QuestionnaireData:
    """A round's questionnaires for the group's current members, with the round's instrument
    (the one in use, for a round not started yet). Codes only: no names on the sheets."""
    from ..surveys.rounds import ROUND_TITLES, instrument_in_use, instrument_of, round_kind

    scope.require_group(session, actor, group_id)
    kind = round_kind(kind)
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    started = session.scalar(
        select(SurveyRound.instrument_id).where(
            SurveyRound.group_id == group_id, SurveyRound.kind == kind
        )
    )
    instrument = instrument_of(session, started or instrument_in_use(session))
    codes = session.scalars(
        select(Participant.code)
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .where(Enrollment.group_id == group_id, Enrollment.status.in_(MEMBER_STATUSES))
        .distinct()
        .order_by(Participant.code)
    )
    return QuestionnaireData(
        group_code=group.code,
        round_title=ROUND_TITLES[kind],
        instrument_title=instrument.title,
        source=instrument.source,
        participant_codes=tuple(codes),
        statements=tuple((item.number, item.statement) for item in instrument.items),
    )
