"""Which groups and participants an actor may see: every group for the office's accounts, only
the groups they lead (as facilitator or co-facilitator) and those groups' members for a
facilitator's account.

Read services narrow their queries with these conditions and refuse a named group, meeting or
participant outside them, so a facilitator of a men's group never reaches a women's group's
members whichever way a service is called. The led groups are looked up once (a facilitator
leads a handful) and the conditions are then ranges on indexed group ids."""

from __future__ import annotations

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from ..errors import NotFound, PermissionDenied
from ..models import Enrollment, Group, Meeting
from .actor import Actor

OUTSIDE_GROUPS = "Facilitator accounts can only use the groups they lead."
OUTSIDE_MEMBERS = "Facilitator accounts can only see the members of the groups they lead."


def sees_every_group(actor: Actor) -> bool:
    return actor.role != "facilitator"


def led_group_ids(session: Session, actor: Actor) -> list[int]:
    """The groups a facilitator's account leads; an account not linked to a facilitator
    record leads none."""
    if actor.facilitator_id is None:
        return []
    lead = actor.facilitator_id
    return list(
        session.scalars(
            select(Group.id).where(
                or_(Group.facilitator_id == lead, Group.co_facilitator_id == lead)
            )
        )
    )


def groups_condition(session: Session, actor: Actor, group_id_column):
    """A WHERE condition keeping rows of the actor's groups, or None for every group."""
    if sees_every_group(actor):
        return None
    ids = led_group_ids(session, actor)
    return group_id_column.in_(ids) if ids else false()


def participants_condition(session: Session, actor: Actor, participant_id_column):
    """A WHERE condition keeping participants ever enrolled in the actor's groups, or None."""
    if sees_every_group(actor):
        return None
    ids = led_group_ids(session, actor)
    if not ids:
        return false()
    return participant_id_column.in_(
        select(Enrollment.participant_id).where(Enrollment.group_id.in_(ids))
    )


def require_group(session: Session, actor: Actor, group_id: int) -> None:
    if not sees_every_group(actor) and group_id not in led_group_ids(session, actor):
        raise PermissionDenied(OUTSIDE_GROUPS)


def require_meeting(session: Session, actor: Actor, meeting_id: int) -> None:
    if sees_every_group(actor):
        return
    group_id = session.scalar(select(Meeting.group_id).where(Meeting.id == meeting_id))
    if group_id is None:
        raise NotFound("That meeting no longer exists.")
    require_group(session, actor, group_id)


def require_participant(session: Session, actor: Actor, participant_id: int) -> None:
    if sees_every_group(actor):
        return
    ids = led_group_ids(session, actor)
    found = ids and session.scalar(
        select(Enrollment.id)
        .where(Enrollment.participant_id == participant_id, Enrollment.group_id.in_(ids))
        .limit(1)
    )
    if not found:
        raise PermissionDenied(OUTSIDE_MEMBERS)
