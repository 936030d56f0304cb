"""Registering and editing participants, and spotting a man who is already registered.

A possible duplicate is someone with the same normalised name in the same community at about the
same age; someone who shares the phone number is only shown (families share phones).
`find_duplicates` lets the form show both before saving; `register_participant` refuses to save
over a possible duplicate unless told the user chose "register anyway".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...errors import NotFound, UserError, ValidationError
from ...models import Community, Enrollment, Group, Participant
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..edit_conflicts import refuse_if_changed, refused_if_saved_meanwhile
from ..permissions import require
from .codes import next_participant_code
from .import_matching import same_age
from .joining_dates import default_joining_date, joining_date
from .validation import (
    FieldErrors,
    age_in,
    clean_birth_year,
    clean_past_date,
    clean_person_name,
    clean_phone,
    clean_sex,
    name_key,
)

FIELDS = (
    "code",
    "first_name",
    "last_name",
    "sex",
    "birth_year",
    "phone",
    "community_id",
    "consent_date",
    "notes",
)


@dataclass(frozen=True)
class ParticipantInput:
    """What the form (or a spreadsheet row) gives, as typed."""

    first_name: str
    last_name: str
    sex: str
    age_or_birth_year: str | int | None = None
    phone: str | None = None
    community_id: int | None = None
    consent_date: object = None  # a date or "dd/mm/yyyy"
    notes: str = ""


@dataclass(frozen=True)
class CleanParticipant:
    first_name: str
    last_name: str
    name_key: str
    sex: str
    birth_year: int | None
    phone: str | None
    community_id: int | None
    consent_date: date | None
    notes: str


@dataclass(frozen=True)
class ParticipantDetail:
    id: int
    code: str
    first_name: str
    last_name: str
    sex: str
    birth_year: int | None
    phone: str | None
    community_id: int | None
    community: str
    consent_date: date | None
    notes: str
    version: int = 1  # of the record read: handed back with a save (update_participant)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age(self, today: date) -> int | None:
        return age_in(self.birth_year, today)


@dataclass(frozen=True)
class Duplicate:
    """An existing participant who may be the same man, or who shares his phone, and why."""

    id: int
    code: str
    name: str
    community: str
    phone: str | None
    reason: str  # "same name in Tombo" or "same phone number; group M26-001"
    # The same name in the same community at about the same age: saved only "anyway". Sharing
    # a phone (a family's, a neighbour's) is only shown, to look at.
    same_man: bool = True


class DuplicateFound(UserError):
    def __init__(self, matches: list[Duplicate]):
        self.matches = matches
        names = ", ".join(f"{m.name} ({m.code})" for m in matches[:3])
        super().__init__(f"This may be someone already registered: {names}.")


def clean_participant(data: ParticipantInput, today: date) -> CleanParticipant:
    errors = FieldErrors()
    first = errors.check("first_name", clean_person_name, data.first_name, "First name")
    last = errors.check("last_name", clean_person_name, data.last_name, "Surname")
    sex = errors.check("sex", clean_sex, data.sex)
    birth_year = errors.check("age", clean_birth_year, data.age_or_birth_year, today)
    phone = errors.check("phone", clean_phone, data.phone)
    consent = errors.check(
        "consent_date", clean_past_date, data.consent_date, today, "Consent date"
    )
    notes = str(data.notes or "").strip()
    errors.raise_if_any()
    return CleanParticipant(
        first,
        last,
        name_key(first, last),
        sex,
        birth_year,
        phone,
        data.community_id,
        consent,
        notes,
    )


def name_only(data: ParticipantInput) -> CleanParticipant:
    """Just enough of a form to look for duplicates (name, community, phone) while another
    field is still wrong. The name and phone must already be valid."""
    first, last = clean_person_name(data.first_name), clean_person_name(data.last_name)
    return CleanParticipant(
        first, last, name_key(first, last), "", None, clean_phone(data.phone),
        data.community_id, None, "",
    )  # fmt: skip


def find_duplicates(
    session: Session, clean: CleanParticipant, exclude_id: int | None = None
) -> list[Duplicate]:
    """Who he may already be (the same name in the same community at about the same age), and
    who shares his phone; the rule the import follows too (import_matching.py)."""
    conditions = [
        (Participant.name_key == clean.name_key)
        & (
            Participant.community_id == clean.community_id
            if clean.community_id is not None
            else Participant.community_id.is_(None)
        )
    ]
    if clean.phone:
        conditions.append(Participant.phone == clean.phone)
    query = (
        select(Participant, Community.name, Group.code)
        .outerjoin(Community, Community.id == Participant.community_id)
        .outerjoin(
            Enrollment,
            (Enrollment.participant_id == Participant.id) & (Enrollment.status == "active"),
        )
        .outerjoin(Group, Group.id == Enrollment.group_id)
        .where(or_(*conditions))
        .order_by(Participant.code)
        .limit(20)
    )
    if exclude_id is not None:
        query = query.where(Participant.id != exclude_id)
    found = []
    for p, community, group in session.execute(query):
        same_name = p.name_key == clean.name_key and p.community_id == clean.community_id
        same_man = same_name and same_age(p.birth_year, clean.birth_year)
        reason = f"same name in {community}" if same_man and community else "same name"
        if clean.phone and p.phone == clean.phone:
            reason = f"{reason} and phone number" if same_man else "same phone number"
        elif not same_man:
            continue  # a namesake of another age: another man, who shares nothing else
        if group and not same_man:
            reason += f"; group {group}"
        found.append(
            Duplicate(p.id, p.code, p.full_name, community or "", p.phone, reason, same_man)
        )
    return found


def _refuse_if_registered(session, clean, exclude_id=None) -> None:
    """Someone who is (by name, community and age) already registered is saved only "anyway"."""
    matches = [m for m in find_duplicates(session, clean, exclude_id) if m.same_man]
    if matches:
        raise DuplicateFound(matches)


def _check_community(session: Session, community_id: int | None) -> None:
    if community_id is not None and session.get(Community, community_id) is None:
        raise NotFound("That community no longer exists; choose another.")


def _apply(p: Participant, clean: CleanParticipant) -> None:
    p.first_name, p.last_name, p.name_key = clean.first_name, clean.last_name, clean.name_key
    p.sex, p.birth_year, p.phone = clean.sex, clean.birth_year, clean.phone
    p.community_id, p.consent_date, p.notes = clean.community_id, clean.consent_date, clean.notes


def add_participant_row(
    session: Session, actor: Actor, clean: CleanParticipant, code: str, summary: str = ""
) -> Participant:
    """Insert one checked participant with its code and audit record (no duplicate check)."""
    participant = Participant(code=code)
    _apply(participant, clean)
    session.add(participant)
    session.flush()
    audit.record(
        session, actor, "create", "participant", participant.id,
        after=audit.snapshot(participant, FIELDS),
        summary=summary or f"Participant {participant.full_name} ({code}) registered",
    )  # fmt: skip
    return participant


def register_participant(
    session: Session,
    actor: Actor,
    data: ParticipantInput,
    *,
    today: date | None = None,
    allow_duplicate: bool = False,
    group_id: int | None = None,
    allow_other_sex: bool = False,
    joined: object = None,
) -> ParticipantDetail:
    """Register a new participant (and enrol him in `group_id` if given, from `joined`, a date
    or dd/mm/yyyy: by default see joining_dates.py), all or nothing."""
    require(actor, "register")
    today = today or date.today()
    on = _joining(session, group_id, joined, today)
    clean = clean_participant(data, today)
    _check_community(session, clean.community_id)
    if not allow_duplicate:
        _refuse_if_registered(session, clean)
    participant = add_participant_row(session, actor, clean, next_participant_code(session))
    if group_id is not None:
        from .enrollments import enrol

        enrol(session, actor, participant.id, group_id, on, allow_other_sex=allow_other_sex)
    return participant_detail(session, actor, participant.id)


def _joining(session: Session, group_id: int | None, typed: object, today: date) -> date | None:
    """The day he joins `group_id`; a date that cannot be is refused beside its field."""
    group = session.get(Group, group_id) if group_id is not None else None
    if group is None:
        return None
    try:
        return joining_date(group, typed, default_joining_date(session, group, today), today)
    except ValueError as exc:
        raise ValidationError({"joined": str(exc)}) from None


def update_participant(
    session: Session,
    actor: Actor,
    participant_id: int,
    data: ParticipantInput,
    *,
    today: date | None = None,
    allow_duplicate: bool = False,
    version: int | None = None,
) -> ParticipantDetail:
    """Save the form's values over the participant's. `version` is the one the form read
    (ParticipantDetail.version): if he was saved since, nothing is written (ChangedMeanwhile)."""
    require(actor, "register")
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotFound("That participant no longer exists.")
    refuse_if_changed(session, participant, version, "participant", "participant")
    clean = clean_participant(data, today or date.today())
    _check_community(session, clean.community_id)
    if not allow_duplicate:
        _refuse_if_registered(session, clean, exclude_id=participant_id)
    before = audit.snapshot(participant, FIELDS)
    _apply(participant, clean)
    with refused_if_saved_meanwhile("participant"):
        session.flush()
    audit.record(
        session, actor, "update", "participant", participant.id,
        before=before, after=audit.snapshot(participant, FIELDS),
        summary=f"Participant {participant.full_name} ({participant.code}) changed",
    )  # fmt: skip
    return participant_detail(session, actor, participant.id)


def participant_detail(session: Session, actor: Actor, participant_id: int) -> ParticipantDetail:
    scope.require_participant(session, actor, participant_id)
    row = session.execute(
        select(Participant, Community.name)
        .outerjoin(Community, Community.id == Participant.community_id)
        .where(Participant.id == participant_id)
    ).first()
    if row is None:
        raise NotFound("That participant no longer exists.")
    p, community = row
    return ParticipantDetail(
        p.id, p.code, p.first_name, p.last_name, p.sex, p.birth_year, p.phone,
        p.community_id, community or "", p.consent_date, p.notes or "", p.version,
    )  # fmt: skip


def as_input(detail: ParticipantDetail) -> ParticipantInput:
    """The form's starting values for editing an existing participant."""
    return ParticipantInput(
        detail.first_name,
        detail.last_name,
        detail.sex,
        detail.birth_year,
        detail.phone,
        detail.community_id,
        detail.consent_date,
        detail.notes,
    )
