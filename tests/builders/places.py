"""Where groups meet and who leads them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mwp_desktop.models import Community, Facilitator


def add_community(
    session: Session,
    name: str = "Waterloo",
    *,
    chiefdom: str = "Mountain Rural",
    district: str = "Western Rural",
) -> Community:
    """The community of that name, chiefdom and district: a place exists once (the database
    holds the three unique), so asking twice gives the same row."""
    found = session.scalars(
        select(Community).where(
            Community.name == name, Community.chiefdom == chiefdom, Community.district == district
        )
    ).first()
    if found is not None:
        return found
    row = Community(name=name, chiefdom=chiefdom, district=district)
    session.add(row)
    session.flush()
    return row


def add_facilitator(
    session: Session, name: str = "Abu Kamara", *, sex: str = "M", phone: str = "+23276123456"
) -> Facilitator:
    row = Facilitator(name=name, sex=sex, phone=phone)
    session.add(row)
    session.flush()
    return row
