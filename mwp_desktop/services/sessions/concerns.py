"""Safeguarding concerns a session brought out (violence at home, a threat to a woman, a child
protection concern), who they were referred to, and whether the follow-up is done.

Only supervisors and administrators read every concern; office staff record them and see the
ones they recorded; facilitators see none (permissions.py "concerns" and "concerns_all"). Every
change and every reading is kept in the audit trail, the note left out: the trail is read for who
looked, not for what happened. A concern is never printed on a group's documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, PermissionDenied
from ...models import (
    CONCERN_STATUSES,
    Community,
    Group,
    ReferralService,
    SafeguardingConcern,
    User,
)
from ...models.safeguarding import NOTE_LENGTH
from ..actor import Actor
from ..admin import audit
from ..permissions import allowed, require
from ..registration.validation import FieldErrors, tidy

ENTITY = "safeguarding_concern"
# The note is left out of the trail on purpose (see the module's docstring).
AUDITED = ("noted_on", "group_id", "kind", "referred_to_id", "follow_up_on", "status")
KIND_TITLES = {
    "violence_at_home": "Violence at home",
    "threat_to_woman": "A threat to a woman",
    "child_protection": "Child protection",
    "other": "Other",
}
STATUS_TITLES = {
    "open": "Not referred yet",
    "referred": "Referred, awaiting follow-up",
    "closed": "Followed up",
}
AWAITING = ("open", "referred")
ONLY_THEIR_OWN = (
    "You can open only the concerns you recorded yourself; supervisors and administrators "
    "see every concern."
)


@dataclass(frozen=True)
class ConcernInput:
    noted_on: date | None
    group_id: int | None
    kind: str
    referred_to_id: int | None
    follow_up_on: date | None
    status: str
    note: str = ""


@dataclass(frozen=True)
class ConcernRow:
    id: int
    noted_on: date
    group_id: int
    group_code: str
    community: str
    kind: str
    referred_to_id: int | None
    referred_to: str
    referred_phone: str
    follow_up_on: date | None
    status: str
    note: str
    recorded_by: str
    overdue: bool

    @property
    def kind_title(self) -> str:
        return KIND_TITLES[self.kind]

    @property
    def status_title(self) -> str:
        return STATUS_TITLES[self.status]


def _rows_query():
    return (
        select(
            SafeguardingConcern.id, SafeguardingConcern.noted_on, SafeguardingConcern.group_id,
            Group.code, Community.name, SafeguardingConcern.kind,
            SafeguardingConcern.referred_to_id, ReferralService.name, ReferralService.phone,
            SafeguardingConcern.follow_up_on, SafeguardingConcern.status,
            SafeguardingConcern.note, User.username,
        )
        .join(Group, Group.id == SafeguardingConcern.group_id)
        .join(Community, Community.id == Group.community_id)
        .outerjoin(ReferralService, ReferralService.id == SafeguardingConcern.referred_to_id)
        .outerjoin(User, User.id == SafeguardingConcern.recorded_by_id)
    )  # fmt: skip


def _visible(actor: Actor):
    """Every concern for supervisors and administrators; office staff their own."""
    require(actor, "concerns")
    if allowed(actor, "concerns_all"):
        return None
    if actor.user_id is None:  # no account, so no concern of its own (never "recorded by nobody")
        return false()
    return SafeguardingConcern.recorded_by_id == actor.user_id


def _row(found, today: date) -> ConcernRow:
    (cid, noted_on, group_id, code, community, kind, referred_id, referred, phone,
     follow_up_on, status, note, username) = found  # fmt: skip
    return ConcernRow(
        cid, noted_on, group_id, code, community, kind, referred_id, referred or "", phone or "",
        follow_up_on, status, note, username or "",
        overdue=status in AWAITING and follow_up_on is not None and follow_up_on < today,
    )  # fmt: skip


def list_concerns(
    session: Session, actor: Actor, *, awaiting_only: bool = False, today: date | None = None
) -> list[ConcernRow]:
    """The concerns the actor may see, the follow-ups due soonest first; the reading is
    audited with the ids it showed."""
    today = today or date.today()
    query = _rows_query()
    visible = _visible(actor)
    if visible is not None:
        query = query.where(visible)
    if awaiting_only:
        query = query.where(SafeguardingConcern.status.in_(AWAITING))
    query = query.order_by(
        SafeguardingConcern.follow_up_on.is_(None),
        SafeguardingConcern.follow_up_on,
        SafeguardingConcern.id,
    )
    rows = [_row(found, today) for found in session.execute(query)]
    audit.record(
        session, actor, "view", ENTITY, None, after={"concerns": [row.id for row in rows]},
        summary=f"{len(rows)} safeguarding concerns listed",
    )  # fmt: skip
    return rows


def open_concern(
    session: Session, actor: Actor, concern_id: int, *, today: date | None = None
) -> ConcernRow:
    """One concern, to change it; the reading is audited."""
    row = _one(session, actor, concern_id, today or date.today())
    audit.record(session, actor, "view", ENTITY, concern_id, summary="Safeguarding concern opened")
    return row


def _one(session: Session, actor: Actor, concern_id: int, today: date) -> ConcernRow:
    visible = _visible(actor)
    found = session.execute(_rows_query().where(SafeguardingConcern.id == concern_id)).first()
    if found is None:
        raise NotFound("That concern no longer exists.")
    if visible is not None and not session.scalar(
        select(SafeguardingConcern.id).where(SafeguardingConcern.id == concern_id, visible)
    ):
        raise PermissionDenied(ONLY_THEIR_OWN)
    return _row(found, today)


def overdue_follow_ups(session: Session, actor: Actor, *, today: date | None = None) -> int:
    """How many concerns await a follow-up whose day has passed: the agenda's reminder to
    supervisors. A count only, so it is not a reading of any concern."""
    require(actor, "concerns_all")
    today = today or date.today()
    return session.scalar(
        select(func.count(SafeguardingConcern.id)).where(
            SafeguardingConcern.status.in_(AWAITING), SafeguardingConcern.follow_up_on < today
        )
    )


def _clean(session: Session, data: ConcernInput, today: date) -> ConcernInput:
    errors = FieldErrors()
    if data.noted_on is None:
        errors.add("noted_on", "Give the day the concern was noted.")
    elif data.noted_on > today:
        errors.add("noted_on", "The date cannot be in the future.")
    if data.group_id is None or session.get(Group, data.group_id) is None:
        errors.add("group_id", "Choose the group.")
    if data.kind not in KIND_TITLES:
        errors.add("kind", "Choose what kind of concern it is.")
    if data.status not in CONCERN_STATUSES:
        errors.add("status", "Choose where the concern stands.")
    if data.referred_to_id is None:
        if data.status == "referred":
            errors.add("referred_to_id", "Choose who it was referred to.")
    elif session.get(ReferralService, data.referred_to_id) is None:
        errors.add("referred_to_id", "That referral service is no longer in the directory.")
    if data.follow_up_on is None:
        if data.status in AWAITING:
            errors.add("follow_up_on", "Give a day to follow it up.")
    elif data.noted_on is not None and data.follow_up_on < data.noted_on:
        errors.add("follow_up_on", "The follow-up cannot be before the day the concern was noted.")
    note = tidy(data.note)
    if len(note) > NOTE_LENGTH:
        errors.add(
            "note", f"Keep the note short: at most {NOTE_LENGTH} characters, and no story details."
        )
    errors.raise_if_any()
    return ConcernInput(
        data.noted_on, data.group_id, data.kind, data.referred_to_id, data.follow_up_on,
        data.status, note,
    )  # fmt: skip


def _fill(concern: SafeguardingConcern, clean: ConcernInput) -> None:
    concern.noted_on, concern.group_id, concern.kind = clean.noted_on, clean.group_id, clean.kind
    concern.referred_to_id, concern.follow_up_on = clean.referred_to_id, clean.follow_up_on
    concern.status, concern.note = clean.status, clean.note


def record_concern(
    session: Session, actor: Actor, data: ConcernInput, *, today: date | None = None
) -> ConcernRow:
    require(actor, "concerns")
    today = today or date.today()
    clean = _clean(session, data, today)
    concern = SafeguardingConcern(recorded_by_id=actor.user_id)
    _fill(concern, clean)
    session.add(concern)
    session.flush()
    audit.record(
        session, actor, "create", ENTITY, concern.id, after=audit.snapshot(concern, AUDITED),
        summary="Safeguarding concern recorded",
    )  # fmt: skip
    return _one(session, actor, concern.id, today)


def update_concern(
    session: Session, actor: Actor, concern_id: int, data: ConcernInput,
    *, today: date | None = None,
) -> ConcernRow:  # fmt: skip
    today = today or date.today()
    _one(session, actor, concern_id, today)  # refuses a concern the actor may not see
    concern = session.get(SafeguardingConcern, concern_id)
    clean = _clean(session, data, today)
    before = audit.snapshot(concern, AUDITED)
    note_changed = concern.note != clean.note
    _fill(concern, clean)
    session.flush()
    after = audit.snapshot(concern, AUDITED)
    if note_changed:  # that it changed, not what it says
        before, after = {**before, "note": "(earlier note)"}, {**after, "note": "(changed)"}
    audit.record(
        session, actor, "update", ENTITY, concern.id, before=before, after=after,
        summary="Safeguarding concern changed",
    )  # fmt: skip
    return _one(session, actor, concern.id, today)
