"""The office's versions of its survey instruments, edited in Settings by an administrator.

Offices adapt the GEM Scale (India used 15 statements; statements are dropped or reworded), so
a version's statements, subscales, reverse scoring and bands can be changed, until men have
answered it: from then on it is frozen, as their scores depend on it, and a change is made in a
new version ("Start a new version" copies one). New rounds are answered with the version made
last."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import SurveyAnswer, SurveyInstrument, SurveyResponse, SurveyRound
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .instruments import (
    Instrument,
    definition_of,
    instrument_from_definition,
    shipped_instrument,
)
from .rounds import instrument_in_use

FROZEN = "Men have answered this version, so it cannot change: start a new version instead."
SHIPPED = (
    "This is the published scale as shipped, kept as published: start a new version to adapt it."
)


@dataclass(frozen=True)
class InstrumentVersion:
    id: int
    name: str
    version: int
    statements: int
    frozen: bool  # men have answered it
    in_use: bool  # new rounds are answered with it
    shipped: bool = False  # the published scale as shipped: never edited

    @property
    def editable(self) -> bool:
        return not (self.frozen or self.shipped)

    @property
    def label(self) -> str:
        notes = [f"{self.statements} statements"]
        if self.in_use:
            notes.append("in use")
        if self.frozen:
            notes.append("answered: frozen")
        elif self.shipped:
            notes.append("as published")
        return f"{self.name} version {self.version} ({', '.join(notes)})"


def _has_answers(session: Session, instrument_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists()
                .where(SurveyAnswer.response_id == SurveyResponse.id)
                .where(SurveyResponse.round_id == SurveyRound.id)
                .where(SurveyRound.instrument_id == instrument_id)
            )
        )
    )


def list_versions(session: Session) -> list[InstrumentVersion]:
    in_use = instrument_in_use(session)
    published = shipped_instrument()
    rows = session.execute(
        select(SurveyInstrument.id, SurveyInstrument.name, SurveyInstrument.version,
               SurveyInstrument.definition)
        .order_by(SurveyInstrument.name, SurveyInstrument.version)
    ).all()  # fmt: skip
    return [
        InstrumentVersion(i, name, version, len(json.loads(text).get("items", [])),
                          _has_answers(session, i), i == in_use,
                          (name, version) == (published.name, published.version))
        for i, name, version, text in rows
    ]  # fmt: skip


def version_detail(session: Session, instrument_id: int) -> tuple[InstrumentVersion, Instrument]:
    found = next((v for v in list_versions(session) if v.id == instrument_id), None)
    if found is None:
        raise NotFound("That instrument version no longer exists.")
    row = session.get(SurveyInstrument, instrument_id)
    return found, instrument_from_definition(json.loads(row.definition))


def start_new_version(session: Session, actor: Actor, instrument_id: int) -> int:
    """A copy of the version, numbered after the last of its name, to edit; returns its id."""
    require(actor, "survey_instruments")
    source = session.get(SurveyInstrument, instrument_id)
    if source is None:
        raise NotFound("That instrument version no longer exists.")
    number = 1 + session.scalar(
        select(func.max(SurveyInstrument.version)).where(SurveyInstrument.name == source.name)
    )
    definition = json.loads(source.definition)
    definition["version"] = number
    copy = SurveyInstrument(name=source.name, version=number,
                            definition=json.dumps(definition, ensure_ascii=False))  # fmt: skip
    session.add(copy)
    session.flush()
    audit.record(session, actor, "create", "survey_instrument", copy.id,
                 after={"name": source.name, "version": number},
                 summary=f"{source.name} version {number} started from version "
                         f"{source.version}")  # fmt: skip
    return copy.id


def save_version(session: Session, actor: Actor, instrument_id: int, changed: Instrument) -> None:
    """Save a version's statements and bands (its name and number stay), unless it is frozen."""
    require(actor, "survey_instruments")
    row = session.get(SurveyInstrument, instrument_id)
    if row is None:
        raise NotFound("That instrument version no longer exists.")
    if _has_answers(session, instrument_id):
        raise ValidationError({"version": FROZEN})
    published = shipped_instrument()
    if (row.name, row.version) == (published.name, published.version):
        raise ValidationError({"version": SHIPPED})
    definition = definition_of(changed)
    definition.update(name=row.name, version=row.version)
    checked = instrument_from_definition(definition)  # refuses a broken definition
    before = json.loads(row.definition)
    row.definition = json.dumps(definition_of(checked), ensure_ascii=False)
    session.flush()
    audit.record(session, actor, "update", "survey_instrument", row.id,
                 before={"statements": len(before.get("items", [])),
                         "bands": before.get("bands", [])},
                 after={"statements": len(checked.items),
                        "bands": definition_of(checked)["bands"]},
                 summary=f"{row.name} version {row.version} changed")  # fmt: skip
