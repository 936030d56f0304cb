"""Membership of groups: enrol, transfer (history kept), drop out with a reason, bring back.

A man is an active member of one group at a time. A transfer ends his enrolment in the old group
(status "transferred", with the date and the group he went to) and starts a new one, so both
groups' records stay true to what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound, UserError, ValidationError
from ...models import Enrollment, Group, Participant
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .validation import tidy

FIELDS = ("participant_id", "group_id", "enrolled_on", "ended_on", "status", "reason",
          "transferred_to_group_id")  # fmt: skip


# The sex each kind of group is for; a mixed group takes anyone.
KIND_SEX = {"men": "M", "women": "F"}
_PERSON = {"M": "a man", "F": "a woman"}


class OtherSex(UserError):
    """Someone whose sex is not the one the group is for: the window asks before enrolling
    (and says why), rather than let a woman go into a men's group without a word."""


def other_sex(group: Group, sex: str) -> str | None:
    """Why someone of `sex` does not fit the group, or None when he (or she) does."""
    wanted = KIND_SEX.get(group.kind)
    if wanted is None or sex == wanted:
        return None
    return f"{group.code} is a {group.kind}'s group, and this participant is {_PERSON[sex]}."


def _check_sex(group: Group, participant: Participant, allow_other_sex: bool) -> None:
    reason = other_sex(group, participant.sex)
    if reason and not allow_other_sex:
        raise OtherSex(reason)


@dataclass(frozen=True)
class EnrollmentRow:
    id: int
    participant_id: int
    group_id: int
    group_code: str
    enrolled_on: date
    ended_on: date | None
    status: str
    reason: str
    transferred_to: str  # the other group's code, for a transfer


def _group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    return group


def _participant(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotFound("That participant no longer exists.")
    return participant


def _enrollment(session: Session, enrollment_id: int) -> Enrollment:
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None:
        raise NotFound("That membership no longer exists.")
    return enrollment


def active_enrollment(session: Session, participant_id: int) -> Enrollment | None:
    return session.scalars(
        select(Enrollment).where(
            Enrollment.participant_id == participant_id, Enrollment.status == "active"
        )
    ).first()


def _new(session: Session, actor: Actor, participant: Participant, group: Group, on: date,
         reason: str = "") -> Enrollment:  # fmt: skip
    if group.status == "closed":
        raise UserError(f"Group {group.code} is closed; reopen it before adding members.")
    enrollment = Enrollment(
        participant_id=participant.id, group_id=group.id, enrolled_on=on, status="active",
        reason=reason,
    )  # fmt: skip
    session.add(enrollment)
    session.flush()
    audit.record(
        session, actor, "create", "enrollment", enrollment.id,
        after=audit.snapshot(enrollment, FIELDS),
        summary=f"{participant.full_name} ({participant.code}) joined {group.code}",
    )  # fmt: skip
    return enrollment


def enrol(
    session: Session, actor: Actor, participant_id: int, group_id: int, on: date | None = None,
    *, allow_other_sex: bool = False,
) -> EnrollmentRow:  # fmt: skip
    """Add an existing participant to a group (of the other sex only when `allow_other_sex`)."""
    require(actor, "register")
    participant = _participant(session, participant_id)
    group = _group(session, group_id)
    _check_sex(group, participant, allow_other_sex)
    current = active_enrollment(session, participant_id)
    if current is not None:
        where = "this group" if current.group_id == group_id else f"group {current.group.code}"
        raise UserError(
            f"{participant.full_name} is already an active member of {where}."
            + ("" if current.group_id == group_id else " Transfer him instead.")
        )
    # He may have left this group before: bring that membership back rather than duplicate it.
    earlier = session.scalars(
        select(Enrollment).where(
            Enrollment.participant_id == participant_id,
            Enrollment.group_id == group_id,
            Enrollment.status == "dropped",
        )
    ).first()
    if earlier is not None:
        return bring_back(session, actor, earlier.id)
    return _row(session, _new(session, actor, participant, group, on or date.today()))


def transfer(
    session: Session,
    actor: Actor,
    participant_id: int,
    to_group_id: int,
    on: date | None = None,
    reason: str = "",
    *,
    allow_other_sex: bool = False,
) -> EnrollmentRow:
    """Move an active member to another group; returns the new membership."""
    require(actor, "register")
    on = on or date.today()
    participant = _participant(session, participant_id)
    current = active_enrollment(session, participant_id)
    if current is None:
        raise UserError(f"{participant.full_name} is not an active member of any group.")
    if current.group_id == to_group_id:
        raise UserError(f"{participant.full_name} is already in that group.")
    if on < current.enrolled_on:
        raise ValidationError({"date": "The transfer date is before he joined his group."})
    target = _group(session, to_group_id)
    _check_sex(target, participant, allow_other_sex)
    before = audit.snapshot(current, FIELDS)
    current.status, current.ended_on = "transferred", on
    current.transferred_to_group_id = target.id
    current.reason = tidy(reason)
    session.flush()
    audit.record(
        session, actor, "update", "enrollment", current.id,
        before=before, after=audit.snapshot(current, FIELDS),
        summary=f"{participant.full_name} transferred from {current.group.code} to {target.code}",
    )  # fmt: skip
    new = _new(session, actor, participant, target, on, f"Transferred from {current.group.code}")
    return _row(session, new)


def move_joining_date(
    session: Session, actor: Actor, participant_id: int, group_id: int, on: date
) -> EnrollmentRow:
    """Move back the day he joined the group (his first membership of it) to `on`: offices
    type lists in after the first meeting, and his attendance from then on is then taken. Not
    into the time he was in another group."""
    require(actor, "register")
    memberships = session.scalars(
        select(Enrollment)
        .where(Enrollment.participant_id == participant_id)
        .order_by(Enrollment.enrolled_on, Enrollment.id)
    ).all()
    here = next((e for e in memberships if e.group_id == group_id), None)
    if here is None:
        raise NotFound("He is not a member of that group.")
    if on >= here.enrolled_on:
        return _row(session, here)
    for other in memberships:
        overlaps = other.enrolled_on < here.enrolled_on and (
            other.ended_on is None or other.ended_on > on
        )
        if other.group_id != group_id and overlaps:
            until = f" until {other.ended_on:%d/%m/%Y}" if other.ended_on else ""
            raise UserError(
                f"He was a member of {other.group.code}{until}: he cannot have joined "
                f"{here.group.code} before."
            )
    before = audit.snapshot(here, FIELDS)
    here.enrolled_on = on
    session.flush()
    audit.record(
        session, actor, "update", "enrollment", here.id,
        before=before, after=audit.snapshot(here, FIELDS),
        summary=f"Joining date in {here.group.code} moved back to {on:%d/%m/%Y}",
    )  # fmt: skip
    return _row(session, here)


def drop(
    session: Session, actor: Actor, enrollment_id: int, on: date | None, reason: str
) -> EnrollmentRow:
    """Mark a member as dropped out, with the date and the reason (both required)."""
    require(actor, "register")
    enrollment = _enrollment(session, enrollment_id)
    errors = {}
    if enrollment.status != "active":
        raise UserError(f"Only an active member can drop out (this one is {enrollment.status}).")
    if on is None:
        errors["date"] = "Say when he stopped coming."
    elif on < enrollment.enrolled_on:
        errors["date"] = "He cannot drop out before he joined."
    elif on > date.today():
        errors["date"] = "The date cannot be in the future."
    if not tidy(reason):
        errors["reason"] = "Give the reason, even 'unknown'."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(enrollment, FIELDS)
    enrollment.status, enrollment.ended_on, enrollment.reason = "dropped", on, tidy(reason)
    session.flush()
    audit.record(
        session, actor, "update", "enrollment", enrollment.id,
        before=before, after=audit.snapshot(enrollment, FIELDS),
        summary=f"{enrollment.participant.full_name} dropped out of {enrollment.group.code}",
    )  # fmt: skip
    return _row(session, enrollment)


def bring_back(session: Session, actor: Actor, enrollment_id: int) -> EnrollmentRow:
    """Make a dropped member active again; the audit trail keeps the drop-out."""
    require(actor, "register")
    enrollment = _enrollment(session, enrollment_id)
    if enrollment.status != "dropped":
        raise UserError("Only a member who dropped out can be brought back.")
    other = active_enrollment(session, enrollment.participant_id)
    if other is not None:
        raise UserError(
            f"{enrollment.participant.full_name} is now active in group {other.group.code}."
        )
    if enrollment.group.status == "closed":
        raise UserError(f"Group {enrollment.group.code} is closed; reopen it first.")
    before = audit.snapshot(enrollment, FIELDS)
    enrollment.status, enrollment.ended_on, enrollment.reason = "active", None, ""
    session.flush()
    audit.record(
        session, actor, "update", "enrollment", enrollment.id,
        before=before, after=audit.snapshot(enrollment, FIELDS),
        summary=f"{enrollment.participant.full_name} back in {enrollment.group.code}",
    )  # fmt: skip
    return _row(session, enrollment)


def history(session: Session, actor: Actor, participant_id: int) -> list[EnrollmentRow]:
    """Every membership he has had, oldest first."""
    scope.require_participant(session, actor, participant_id)
    ids = session.scalars(
        select(Enrollment.id)
        .where(Enrollment.participant_id == participant_id)
        .order_by(Enrollment.enrolled_on, Enrollment.id)
    )
    return [_row(session, session.get(Enrollment, i)) for i in ids]


def _row(session: Session, e: Enrollment) -> EnrollmentRow:
    return EnrollmentRow(
        e.id, e.participant_id, e.group_id, e.group.code, e.enrolled_on, e.ended_on, e.status,
        e.reason or "", e.transferred_to.code if e.transferred_to else "",
    )  # fmt: skip
