"""Reading the audit trail: who changed what, when, with the values before and after.

For the audit viewer (supervisors and administrators): filter by user, by date and by record, so
"who changed this attendance, and when?" is one search.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session

from ...models import AuditEvent
from ...models.audit_chain import first_broken_event
from ..actor import Actor
from ..permissions import require
from ..registration.validation import without_lone_surrogates

PAGE_SIZE = 500


@dataclass(frozen=True)
class AuditFilter:
    username: str = ""  # "" = everyone
    start: date | None = None  # inclusive
    end: date | None = None  # inclusive
    entity: str = ""  # "" = every kind of record
    entity_id: int | None = None
    action: str = ""
    text: str = ""  # words in the summary or the values


@dataclass(frozen=True)
class Change:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    changes: tuple[Change, ...]

    def describe_changes(self) -> str:
        if all(c.before is None for c in self.changes):  # a new record: just its values
            return "; ".join(f"{c.field}: {_show(c.after)}" for c in self.changes)
        return "; ".join(f"{c.field}: {_show(c.before)} → {_show(c.after)}" for c in self.changes)


def _show(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def _values(text: str) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"value": text}
    return value if isinstance(value, dict) else {"value": value}


def _row(event: AuditEvent) -> AuditRow:
    before, after = _values(event.before), _values(event.after)
    changes = tuple(
        Change(k, before.get(k), after.get(k)) for k in sorted(set(before) | set(after), key=str)
    )
    return AuditRow(
        event.id,
        event.at,
        event.username,
        event.action,
        event.entity,
        event.entity_id,
        event.summary,
        changes,
    )


def _where(query, f: AuditFilter):
    names = f.username + f.entity + f.action
    if "\x00" in names or without_lone_surrogates(names) != names:
        # No stored name holds NUL or half a character (the databases cannot even compare them).
        return query.where(false())
    if f.username:
        query = query.where(AuditEvent.username == f.username)
    if f.start:
        query = query.where(AuditEvent.at >= datetime.combine(f.start, time.min))
    if f.end:
        query = query.where(AuditEvent.at < datetime.combine(f.end + timedelta(days=1), time.min))
    if f.entity:
        query = query.where(AuditEvent.entity == f.entity)
    if f.entity_id is not None:
        query = query.where(AuditEvent.entity_id == f.entity_id)
    if f.action:
        query = query.where(AuditEvent.action == f.action)
    text = without_lone_surrogates(f.text.replace("\x00", ""))
    if text.strip():
        # LIKE wildcards in the user's words are matched literally.
        words = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{words}%"
        query = query.where(
            or_(
                AuditEvent.summary.ilike(pattern, escape="\\"),
                AuditEvent.before.ilike(pattern, escape="\\"),
                AuditEvent.after.ilike(pattern, escape="\\"),
            )
        )
    return query


def query_audit(
    session: Session,
    actor: Actor,
    f: AuditFilter = AuditFilter(),
    *,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> list[AuditRow]:
    """Matching events, newest first."""
    require(actor, "audit_view")
    query = _where(select(AuditEvent), f).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return [_row(e) for e in session.scalars(query.limit(limit).offset(offset))]


def count_audit(session: Session, actor: Actor, f: AuditFilter = AuditFilter()) -> int:
    require(actor, "audit_view")
    return session.scalar(_where(select(func.count(AuditEvent.id)), f)) or 0


def audit_choices(session: Session, actor: Actor) -> tuple[list[str], list[str]]:
    """The usernames and kinds of record that appear in the trail, for the filter lists."""
    require(actor, "audit_view")
    names = session.scalars(select(AuditEvent.username).distinct().order_by(AuditEvent.username))
    kinds = session.scalars(select(AuditEvent.entity).distinct().order_by(AuditEvent.entity))
    return list(names), list(kinds)


def broken_chain_warning(session: Session, actor: Actor) -> str:
    """Empty when every event is as it was written; otherwise one sentence saying from which
    event on the trail cannot be trusted (one was edited, deleted or moved outside the program)."""
    require(actor, "audit_view")
    broken = first_broken_event(session.connection())
    return "" if broken is None else chain_broken_sentence(broken)


def chain_broken_sentence(event_id: int) -> str:
    return (
        f"The audit trail has been tampered with: event {event_id} or one just before it was "
        "edited, deleted or moved outside the program."
    )
