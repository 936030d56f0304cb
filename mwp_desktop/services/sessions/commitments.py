"""Men's commitments: the concrete steps each man takes to share power with the women in his
life (the personal action plan), and how they stand at later meetings.

At the session the curriculum marks (session 5 of the men's curriculum), or its make-up, each
man makes one to three commitments: an area and his own short words. At later meetings, make-ups
included, the facilitator checks in on each: kept, partly, not yet or changed. The latest
check-in is that of the latest meeting, by its day. At the closing session (the curriculum's
last) he records his next step. Typed by the office beside the register; facilitators read their
own groups'. The trail records who changed what, not the man's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import (
    Attendance,
    Commitment,
    CommitmentCheckIn,
    CurriculumSession,
    Group,
    Meeting,
    Participant,
)
from ...models.accountability import CHECK_IN_NOTE_LENGTH, WORDS_LENGTH
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from ..registration.validation import FieldErrors, tidy
from .attendance import meeting_roster

AREA_TITLES = {
    "housework_care": "Sharing housework and care",
    "decisions_money": "Decisions and money",
    "communication_respect": "Communication and respect",
    "non_violence": "Non-violence",
    "partner_work_school": "Supporting her work or schooling",
    "community": "Standing up in the community",
    "other": "Other",
}
PROGRESS_TITLES = {"kept": "Kept", "partly": "Partly", "not_yet": "Not yet", "changed": "Changed"}
MAX_COMMITMENTS = 3
AUDITED = ("participant_id", "meeting_id", "kind", "area")


@dataclass(frozen=True)
class CommitmentLine:
    id: int
    participant_id: int
    code: str
    name: str
    kind: str
    area: str
    words: str
    made_at: int  # the curriculum session number of the meeting it was made at
    latest: str | None  # the progress at the latest check-in
    this_meeting: str | None = None  # at the meeting read (meeting_commitments)
    note: str = ""  # of that check-in
    previous: str | None = None  # the latest check-in before the meeting read

    @property
    def area_title(self) -> str:
        return AREA_TITLES[self.area]


@dataclass(frozen=True)
class ManAtMeeting:
    participant_id: int
    code: str
    name: str
    mark: str | None  # his attendance mark at the meeting
    lines: tuple[CommitmentLine, ...]


@dataclass(frozen=True)
class MeetingCommitments:
    meeting_id: int
    group_id: int
    number: int
    day: date
    makes_commitments: bool  # commitments are made at this meeting's session
    is_closing: bool  # the curriculum's last session: next steps
    men: tuple[ManAtMeeting, ...]


def _day(meeting: Meeting) -> date:
    return meeting.held_date or meeting.planned_date


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    return meeting


def _is_closing(session: Session, meeting: Meeting) -> bool:
    last = session.scalar(
        select(func.max(CurriculumSession.number)).where(
            CurriculumSession.curriculum_id == meeting.session.curriculum_id
        )
    )
    return meeting.session.number == last


def _check_ins(session: Session, commitment_ids: list[int]):
    """Each commitment's check-ins, oldest meeting first: (commitment, meeting, day, progress,
    note)."""
    if not commitment_ids:
        return []
    day = func.coalesce(Meeting.held_date, Meeting.planned_date)
    return session.execute(
        select(CommitmentCheckIn.commitment_id, CommitmentCheckIn.meeting_id, day,
               CommitmentCheckIn.progress, CommitmentCheckIn.note)
        .join(Meeting, Meeting.id == CommitmentCheckIn.meeting_id)
        .where(CommitmentCheckIn.commitment_id.in_(commitment_ids))
        .order_by(day, Meeting.id)
    ).all()  # fmt: skip


def _lines(session: Session, group_id: int, meeting: Meeting | None = None):
    made_at = Meeting.__table__.alias("made_at")
    rows = session.execute(
        select(Commitment.id, Commitment.participant_id, Participant.code,
               Participant.first_name, Participant.last_name, Commitment.kind, Commitment.area,
               Commitment.words, CurriculumSession.number)
        .join(Participant, Participant.id == Commitment.participant_id)
        .join(made_at, made_at.c.id == Commitment.meeting_id)
        .join(CurriculumSession, CurriculumSession.id == made_at.c.session_id)
        .where(Commitment.group_id == group_id)
        .order_by(Participant.code, Commitment.kind, Commitment.id)
    ).all()  # fmt: skip
    latest, at_meeting, previous = {}, {}, {}
    for cid, meeting_id, day, progress, note in _check_ins(session, [row[0] for row in rows]):
        latest[cid] = progress
        if meeting is not None:
            if meeting_id == meeting.id:
                at_meeting[cid] = (progress, note)
            elif (day, meeting_id) < (_day(meeting), meeting.id):
                previous[cid] = progress
    return [
        CommitmentLine(
            cid,
            pid,
            code,
            f"{first} {last}".strip(),
            kind,
            area,
            words,
            number,
            latest.get(cid),
            *at_meeting.get(cid, (None, "")),
            previous.get(cid),
        )  # fmt: skip
        for cid, pid, code, first, last, kind, area, words, number in rows
    ]


def group_commitments(session: Session, actor: Actor, group_id: int) -> list[CommitmentLine]:
    """Every commitment and next step of a group's men, with the latest check-in."""
    require(actor, "view")
    scope.require_group(session, actor, group_id)
    return _lines(session, group_id)


def meeting_commitments(
    session: Session, actor: Actor, meeting_id: int, *, today: date | None = None
) -> MeetingCommitments:
    """The men expected at a meeting (as its register has them), each with his commitments and
    their check-ins at this meeting and before it."""
    require(actor, "view")
    roster = meeting_roster(session, actor, meeting_id, today=today)
    meeting = _meeting(session, meeting_id)
    lines: dict[int, list[CommitmentLine]] = {}
    for line in _lines(session, meeting.group_id, meeting):
        lines.setdefault(line.participant_id, []).append(line)
    men = tuple(
        ManAtMeeting(entry.participant_id, entry.code, entry.name, entry.status,
                     tuple(lines.get(entry.participant_id, ())))
        for entry in roster.entries
    )  # fmt: skip
    return MeetingCommitments(
        meeting.id, meeting.group_id, meeting.session.number, _day(meeting),
        meeting.session.commitments_made, _is_closing(session, meeting), men,
    )  # fmt: skip


def _clean_words(area: str, words: str) -> tuple[str, str]:
    errors = FieldErrors()
    if area not in AREA_TITLES:
        errors.add("area", "Choose the area of his life it is about.")
    words = tidy(words)
    if not words:
        errors.add("words", "Write his commitment in his own words.")
    elif len(words) > WORDS_LENGTH:
        errors.add("words", f"Keep his words short: at most {WORDS_LENGTH} characters.")
    errors.raise_if_any()
    return area, words


def _usable(meeting: Meeting, today: date) -> None:
    if meeting.status == "cancelled" or _day(meeting) > today:
        raise ValidationError(
            {"meeting_id": "Commitments are recorded at a meeting that has taken place."}
        )


def make_commitment(
    session: Session, actor: Actor, meeting_id: int, participant_id: int, area: str, words: str,
    *, kind: str = "commitment", today: date | None = None,
) -> int:  # fmt: skip
    """Record one of his commitments (or, at the closing session, his next step)."""
    require(actor, "attendance")
    scope.require_meeting(session, actor, meeting_id)
    meeting = _meeting(session, meeting_id)
    _usable(meeting, today or date.today())
    if participant_id not in {e.participant_id for e in meeting_roster(
        session, actor, meeting_id, today=today
    ).entries}:  # fmt: skip
        raise ValidationError({"participant_id": "He was not expected at this meeting."})
    area, words = _clean_words(area, words)
    theirs = select(func.count(Commitment.id)).where(
        Commitment.group_id == meeting.group_id,
        Commitment.participant_id == participant_id,
        Commitment.kind == kind,
    )
    if kind == "commitment":
        if not meeting.session.commitments_made:
            number = session.scalar(
                select(func.min(CurriculumSession.number)).where(
                    CurriculumSession.curriculum_id == meeting.session.curriculum_id,
                    CurriculumSession.commitments_made.is_(True),
                )
            )
            where = f"at session {number}" if number else "at the session the curriculum marks"
            raise ValidationError({"meeting_id": f"Commitments are made {where} (or its make-up)."})
        if session.scalar(theirs) >= MAX_COMMITMENTS:
            raise ValidationError({"words": "A man makes at most three commitments."})
    elif kind == "next_step":
        if not _is_closing(session, meeting):
            raise ValidationError(
                {"meeting_id": "His next step is recorded at the closing session."}
            )
        if session.scalar(theirs):
            raise ValidationError({"words": "He already has a next step: change that one."})
    else:
        raise ValidationError({"kind": "Choose a commitment or his next step."})
    row = Commitment(
        group_id=meeting.group_id, participant_id=participant_id, meeting_id=meeting_id,
        kind=kind, area=area, words=words,
    )  # fmt: skip
    session.add(row)
    session.flush()
    code = session.get(Participant, participant_id).code
    audit.record(
        session, actor, "create", "commitment", row.id, after=audit.snapshot(row, AUDITED),
        summary=f"{'Next step' if kind == 'next_step' else 'Commitment'} of {code} recorded",
    )  # fmt: skip
    return row.id


def _commitment(session: Session, actor: Actor, commitment_id: int) -> Commitment:
    require(actor, "attendance")
    row = session.get(Commitment, commitment_id)
    if row is None:
        raise NotFound("That commitment no longer exists.")
    scope.require_group(session, actor, row.group_id)
    return row


def change_commitment(
    session: Session, actor: Actor, commitment_id: int, area: str, words: str
) -> None:
    row = _commitment(session, actor, commitment_id)
    area, words = _clean_words(area, words)
    before = {**audit.snapshot(row, AUDITED), "words": "(as it was)"}
    words_changed = row.words != words
    row.area, row.words = area, words
    session.flush()
    after = {
        **audit.snapshot(row, AUDITED),
        "words": "(changed)" if words_changed else "(as it was)",
    }
    audit.record(session, actor, "update", "commitment", row.id, before=before, after=after,
                 summary="Commitment changed")  # fmt: skip


def remove_commitment(session: Session, actor: Actor, commitment_id: int) -> None:
    row = _commitment(session, actor, commitment_id)
    before = audit.snapshot(row, AUDITED)
    # Its check-ins go with it, first: the ORM does not know the rows the database cascades.
    session.execute(delete(CommitmentCheckIn).where(CommitmentCheckIn.commitment_id == row.id))
    session.delete(row)
    session.flush()
    audit.record(session, actor, "delete", "commitment", commitment_id, before=before,
                 summary="Commitment removed")  # fmt: skip


def check_in(
    session: Session, actor: Actor, commitment_id: int, meeting_id: int, progress: str | None,
    note: str = "", *, today: date | None = None,
) -> None:  # fmt: skip
    """How his commitment stands at this meeting; None clears the check-in. Saved at once."""
    row = _commitment(session, actor, commitment_id)
    meeting = _meeting(session, meeting_id)
    _usable(meeting, today or date.today())
    made = _meeting(session, row.meeting_id)
    if meeting.group_id != row.group_id or (_day(meeting), meeting.id) <= (_day(made), made.id):
        raise ValidationError(
            {"meeting_id": "A check-in is made at a meeting after the meeting it was made at."}
        )
    mark = session.scalar(
        select(Attendance.status).where(
            Attendance.meeting_id == meeting_id, Attendance.participant_id == row.participant_id
        )
    )
    if mark in ("absent", "excused"):
        raise ValidationError({"progress": f"He was marked {mark} at this meeting."})
    note = tidy(note)
    if len(note) > CHECK_IN_NOTE_LENGTH:
        raise ValidationError(
            {"note": f"Keep the note short: at most {CHECK_IN_NOTE_LENGTH} characters."}
        )
    if progress is not None and progress not in PROGRESS_TITLES:
        raise ValidationError({"progress": "Choose kept, partly, not yet or changed."})
    found = session.scalar(
        select(CommitmentCheckIn).where(
            CommitmentCheckIn.commitment_id == commitment_id,
            CommitmentCheckIn.meeting_id == meeting_id,
        )
    )
    before = {"progress": found.progress} if found is not None else {}
    if progress is None:
        if found is None:
            return
        session.delete(found)
        action = "delete"
    elif found is None:
        found = CommitmentCheckIn(
            commitment_id=commitment_id, meeting_id=meeting_id, progress=progress, note=note
        )
        session.add(found)
        action = "create"
    else:
        if (found.progress, found.note) == (progress, note):
            return
        found.progress, found.note = progress, note
        action = "update"
    session.flush()
    audit.record(
        session, actor, action, "commitment_check_in", found.id, before=before or None,
        after={"progress": progress} if progress else None,
        summary=f"Check-in on commitment {commitment_id}: {PROGRESS_TITLES.get(progress, 'cleared')}",
    )  # fmt: skip


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    label: str


def meeting_choices(
    session: Session, actor: Actor, group_id: int, *, today: date | None = None
) -> list[MeetingChoice]:
    """The group's meetings that have taken place (held, or due by today), newest first, named
    for what is recorded there: commitments, check-ins or next steps."""
    require(actor, "view")
    scope.require_group(session, actor, group_id)
    today = today or date.today()
    day = func.coalesce(Meeting.held_date, Meeting.planned_date)
    curriculum_id = session.scalar(select(Group.curriculum_id).where(Group.id == group_id))
    last_of_curriculum = session.scalar(
        select(func.max(CurriculumSession.number)).where(
            CurriculumSession.curriculum_id == curriculum_id
        )
    )
    rows = session.execute(
        select(Meeting.id, CurriculumSession.number, day, Meeting.makeup_of_id,
               CurriculumSession.commitments_made)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Meeting.group_id == group_id, Meeting.status != "cancelled", day <= today)
        .order_by(day.desc(), Meeting.id.desc())
    ).all()  # fmt: skip
    choices = []
    for meeting_id, number, held_on, makeup_of, makes in rows:
        what = ("commitments are made" if makes else
                "next steps" if number == last_of_curriculum else "check-ins")  # fmt: skip
        makeup = " (make-up)" if makeup_of is not None else ""
        choices.append(
            MeetingChoice(meeting_id, f"Session {number}{makeup} · {held_on:%d/%m/%Y} · {what}")
        )
    return choices
