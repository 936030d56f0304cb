"""Communities: where groups meet and participants live, each in a chiefdom and district."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import Community, Group, Participant
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .validation import FieldErrors, clean_name, tidy

FIELDS = ("name", "chiefdom", "district")


@dataclass(frozen=True)
class CommunityRow:
    id: int
    name: str
    chiefdom: str
    district: str
    groups: int = 0
    participants: int = 0

    @property
    def label(self) -> str:
        """ "Tombo (Koya, Western Rural)": a name with where it is, for lists."""
        place = ", ".join(p for p in (self.chiefdom, self.district) if p)
        return f"{self.name} ({place})" if place else self.name


@dataclass(frozen=True)
class CommunityInput:
    name: str
    chiefdom: str = ""
    district: str = ""


def _row(c: Community, groups: int = 0, participants: int = 0) -> CommunityRow:
    return CommunityRow(c.id, c.name, c.chiefdom, c.district, groups, participants)


def list_communities(session: Session, with_counts: bool = False) -> list[CommunityRow]:
    communities = session.scalars(
        select(Community).order_by(Community.name, Community.chiefdom, Community.district)
    ).all()
    if not with_counts:
        return [_row(c) for c in communities]
    groups = dict(
        session.execute(select(Group.community_id, func.count()).group_by(Group.community_id)).all()
    )
    people = dict(
        session.execute(
            select(Participant.community_id, func.count()).group_by(Participant.community_id)
        ).all()
    )
    return [_row(c, groups.get(c.id, 0), people.get(c.id, 0)) for c in communities]


def _clean(session: Session, data: CommunityInput, exclude_id: int | None) -> CommunityInput:
    errors = FieldErrors()
    name = errors.check("name", clean_name, data.name, "Community name")
    chiefdom, district = tidy(data.chiefdom), tidy(data.district)
    if name:
        same = select(Community.id).where(
            func.lower(Community.name) == name.lower(),
            func.lower(Community.chiefdom) == chiefdom.lower(),
            func.lower(Community.district) == district.lower(),
        )
        if exclude_id is not None:
            same = same.where(Community.id != exclude_id)
        if session.scalar(same) is not None:
            errors.add("name", f"{name} in this chiefdom and district is already in the list.")
    errors.raise_if_any()
    return CommunityInput(name, chiefdom, district)


def create_community(session: Session, actor: Actor, data: CommunityInput) -> CommunityRow:
    require(actor, "register")
    clean = _clean(session, data, None)
    community = Community(name=clean.name, chiefdom=clean.chiefdom, district=clean.district)
    session.add(community)
    session.flush()
    audit.record(
        session, actor, "create", "community", community.id,
        after=audit.snapshot(community, FIELDS), summary=f"Community {community.name} added",
    )  # fmt: skip
    return _row(community)


def update_community(
    session: Session, actor: Actor, community_id: int, data: CommunityInput
) -> CommunityRow:
    require(actor, "register")
    community = session.get(Community, community_id)
    if community is None:
        raise NotFound("That community no longer exists.")
    clean = _clean(session, data, community_id)
    before = audit.snapshot(community, FIELDS)
    community.name, community.chiefdom, community.district = (
        clean.name,
        clean.chiefdom,
        clean.district,
    )
    session.flush()
    audit.record(
        session, actor, "update", "community", community.id,
        before=before, after=audit.snapshot(community, FIELDS),
        summary=f"Community {community.name} changed",
    )  # fmt: skip
    return _row(community)


def delete_community(session: Session, actor: Actor, community_id: int) -> None:
    """Only a community nothing refers to can go; otherwise the records would lose their place."""
    require(actor, "register")
    community = session.get(Community, community_id)
    if community is None:
        raise NotFound("That community no longer exists.")
    used = session.scalar(
        select(func.count()).select_from(Group).where(Group.community_id == community_id)
    )
    used += session.scalar(
        select(func.count())
        .select_from(Participant)
        .where(Participant.community_id == community_id)
    )
    if used:
        raise ValidationError(
            {"name": f"{community.name} has groups or participants; it cannot be removed."}
        )
    audit.record(
        session, actor, "delete", "community", community.id,
        before=audit.snapshot(community, FIELDS), summary=f"Community {community.name} removed",
    )  # fmt: skip
    session.delete(community)
    session.flush()
