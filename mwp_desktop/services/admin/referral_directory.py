"""The referral directory: the services the office refers safeguarding concerns to (the police
Family Support Unit, a sexual assault referral centre, health, social welfare), with the names
and phones the office fills in. Kept in Settings by supervisors and administrators; offered to
whoever records a concern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import ReferralService
from ..actor import Actor
from ..permissions import require
from ..registration.validation import FieldErrors, clean_name, tidy
from . import audit

FIELDS = ("name", "kind", "phone", "place", "active")
KIND_TITLES = {
    "police": "Police (Family Support Unit)",
    "sexual_assault_centre": "Sexual assault referral centre",
    "health": "Health",
    "social_welfare": "Social welfare",
    "legal": "Legal aid",
    "other": "Other",
}
# Short numbers (116, a hotline) are as valid here as a mobile: only the characters are checked.
_PHONE = re.compile(r"^[\d\s+\-/()]*$")
PHONE_LENGTH = 40


@dataclass(frozen=True)
class ReferralServiceRow:
    id: int
    name: str
    kind: str
    phone: str
    place: str
    active: bool

    @property
    def kind_title(self) -> str:
        return KIND_TITLES[self.kind]

    @property
    def label(self) -> str:
        """How a concern form offers it: the name and the number to call."""
        return f"{self.name} ({self.phone})" if self.phone else self.name


@dataclass(frozen=True)
class ReferralServiceInput:
    name: str
    kind: str
    phone: str = ""
    place: str = ""
    active: bool = True


def _row(service: ReferralService) -> ReferralServiceRow:
    return ReferralServiceRow(
        service.id, service.name, service.kind, service.phone, service.place, service.active
    )


def list_services(
    session: Session, actor: Actor, *, active_only: bool = False
) -> list[ReferralServiceRow]:
    require(actor, "concerns")
    query = select(ReferralService).order_by(ReferralService.name)
    if active_only:
        query = query.where(ReferralService.active.is_(True))
    return [_row(service) for service in session.scalars(query)]


def _clean_phone(text: str) -> str:
    phone = tidy(text)
    if not _PHONE.match(phone):
        raise ValueError("A phone number has only digits, spaces and + - / ( ).")
    if len(phone) > PHONE_LENGTH:
        raise ValueError(f"The phone is too long (at most {PHONE_LENGTH} characters).")
    return phone


def _clean_kind(kind: str) -> str:
    if kind not in KIND_TITLES:
        raise ValueError("Choose what kind of service it is.")
    return kind


def _clean(
    session: Session, data: ReferralServiceInput, service_id: int | None
) -> ReferralServiceInput:
    errors = FieldErrors()
    name = errors.check("name", clean_name, data.name, "Name")
    kind = errors.check("kind", _clean_kind, data.kind)
    phone = errors.check("phone", _clean_phone, data.phone)
    place = errors.check("place", clean_name, data.place, "Place", required=False)
    errors.raise_if_any()
    same_name = session.scalar(
        select(ReferralService.id).where(
            ReferralService.name == name, ReferralService.id != (service_id or 0)
        )
    )
    if same_name is not None:
        raise ValidationError({"name": "A service of that name is already in the directory."})
    return ReferralServiceInput(name, kind, phone, place, data.active)


def create_service(
    session: Session, actor: Actor, data: ReferralServiceInput
) -> ReferralServiceRow:
    require(actor, "settings")
    clean = _clean(session, data, None)
    service = ReferralService(
        name=clean.name, kind=clean.kind, phone=clean.phone, place=clean.place,
        active=clean.active,
    )  # fmt: skip
    session.add(service)
    session.flush()
    audit.record(
        session, actor, "create", "referral_service", service.id,
        after=audit.snapshot(service, FIELDS), summary=f"Referral service {clean.name} added",
    )  # fmt: skip
    return _row(service)


def update_service(
    session: Session, actor: Actor, service_id: int, data: ReferralServiceInput
) -> ReferralServiceRow:
    require(actor, "settings")
    service = session.get(ReferralService, service_id)
    if service is None:
        raise NotFound("That referral service is no longer in the directory.")
    clean = _clean(session, data, service_id)
    before = audit.snapshot(service, FIELDS)
    service.name, service.kind, service.phone = clean.name, clean.kind, clean.phone
    service.place, service.active = clean.place, clean.active
    session.flush()
    audit.record(
        session, actor, "update", "referral_service", service.id,
        before=before, after=audit.snapshot(service, FIELDS),
        summary=f"Referral service {clean.name} changed",
    )  # fmt: skip
    return _row(service)
