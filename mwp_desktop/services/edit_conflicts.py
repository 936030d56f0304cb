"""Two people editing one record on two PCs: the second save is refused, and told what changed.

A form reads a record with its version (models/base.py EditVersion) and hands that version back
with its save. When the record has been saved since, the save is refused with who changed which
fields and when, read from the audit trail (the values are not repeated: the person opens the
record again to see them). A save racing another between this check and the write is caught by
the ORM's own version check and refused the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ChangedMeanwhile
from ..models import AuditEvent

AGAIN = "Your changes were not saved: close this window and open the {noun} again to see theirs."


def refuse_if_changed(
    session: Session, record, loaded_version: int | None, entity: str, noun: str
) -> None:
    """Refuse to save over `record` if it was saved after the form read `loaded_version`
    (None: the caller read it in this same transaction, nothing to compare)."""
    if loaded_version is None or record.version == loaded_version:
        return
    saves = max(record.version - loaded_version, 1)
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == record.id)
        .where(AuditEvent.action.in_(("update", "override")))
        .order_by(AuditEvent.id.desc())
        .limit(saves)
    ).all()
    raise ChangedMeanwhile(_sentence(events, noun))


def _sentence(events: list[AuditEvent], noun: str) -> str:
    if not events:
        return f"Someone else changed this {noun} while you had it open. " + AGAIN.format(noun=noun)
    who = sorted({e.username or "someone" for e in events})
    fields: list[str] = []
    for event in reversed(events):
        for text in (event.before, event.after):
            for label in (name.replace("_", " ") for name in _keys(text)):
                if label not in fields:
                    fields.append(label)
    what = f" ({', '.join(fields)})" if fields else ""
    when = events[0].at.strftime("%d/%m/%Y %H:%M") if events[0].at else ""
    return (
        f"{' and '.join(who)} changed this {noun}{what} at {when} while you had it open. "
        + AGAIN.format(noun=noun)
    )


def _keys(text: str) -> list[str]:
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        return []
    return list(values) if isinstance(values, dict) else []


@contextmanager
def refused_if_saved_meanwhile(noun: str) -> Iterator[None]:
    """Turn the ORM's refusal (another save between reading and writing) into the same sentence."""
    try:
        yield
    except StaleDataError:
        raise ChangedMeanwhile(
            f"Someone else changed this {noun} as you saved it. " + AGAIN.format(noun=noun)
        ) from None
