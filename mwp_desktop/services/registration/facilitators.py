"""Facilitators: the people who lead the group sessions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound
from ...models import Facilitator
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .validation import FieldErrors, clean_name, clean_phone, clean_sex

FIELDS = ("name", "sex", "phone", "active")


@dataclass(frozen=True)
class FacilitatorRow:
    id: int
    name: str
    sex: str
    phone: str | None
    active: bool


@dataclass(frozen=True)
class FacilitatorInput:
    name: str
    sex: str
    phone: str = ""
    active: bool = True


def _row(f: Facilitator) -> FacilitatorRow:
    return FacilitatorRow(f.id, f.name, f.sex, f.phone, f.active)


def list_facilitators(session: Session, active_only: bool = False) -> list[FacilitatorRow]:
    query = select(Facilitator).order_by(Facilitator.name)
    if active_only:
        query = query.where(Facilitator.active.is_(True))
    return [_row(f) for f in session.scalars(query)]


def _clean(data: FacilitatorInput) -> tuple[str, str, str | None]:
    errors = FieldErrors()
    name = errors.check("name", clean_name, data.name, "Name")
    sex = errors.check("sex", clean_sex, data.sex)
    phone = errors.check("phone", clean_phone, data.phone)
    errors.raise_if_any()
    return name, sex, phone


def create_facilitator(session: Session, actor: Actor, data: FacilitatorInput) -> FacilitatorRow:
    require(actor, "register")
    name, sex, phone = _clean(data)
    facilitator = Facilitator(name=name, sex=sex, phone=phone, active=data.active)
    session.add(facilitator)
    session.flush()
    audit.record(
        session, actor, "create", "facilitator", facilitator.id,
        after=audit.snapshot(facilitator, FIELDS), summary=f"Facilitator {name} added",
    )  # fmt: skip
    return _row(facilitator)


def update_facilitator(
    session: Session, actor: Actor, facilitator_id: int, data: FacilitatorInput
) -> FacilitatorRow:
    require(actor, "register")
    facilitator = session.get(Facilitator, facilitator_id)
    if facilitator is None:
        raise NotFound("That facilitator no longer exists.")
    name, sex, phone = _clean(data)
    before = audit.snapshot(facilitator, FIELDS)
    facilitator.name, facilitator.sex, facilitator.phone = name, sex, phone
    facilitator.active = data.active
    session.flush()
    audit.record(
        session, actor, "update", "facilitator", facilitator.id,
        before=before, after=audit.snapshot(facilitator, FIELDS),
        summary=f"Facilitator {name} changed",
    )  # fmt: skip
    return _row(facilitator)
