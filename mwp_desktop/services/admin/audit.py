"""The audit trail: who changed what, when, with the values before and after.

Services call `record` inside the same Session as the change, so the change and its record are
committed together or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from ...models import AuditEvent
from ..actor import Actor


def _plain(value: object) -> object:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def snapshot(row: object, fields: tuple[str, ...]) -> dict[str, object]:
    """The named fields of an ORM row, as JSON-ready values."""
    return {name: _plain(getattr(row, name)) for name in fields}


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
    summary: str = "",
) -> AuditEvent:
    if before is not None and after is not None:
        # Keep only what changed, so the trail reads as a list of edits.
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    event = AuditEvent(
        user_id=actor.user_id,
        username=actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=json.dumps(before, default=str, ensure_ascii=False) if before else "",
        after=json.dumps(after, default=str, ensure_ascii=False) if after else "",
        summary=summary,
    )
    session.add(event)
    return event
