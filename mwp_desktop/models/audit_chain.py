"""The audit trail as a hash chain: each event's chain_hash is the sha256 of the hash before it
and the event's own content, so an event edited, deleted or moved in the file breaks the chain
from that event on, and `mwp-desktop check` and the audit viewer say where.

The hash is filled in as events are flushed (a before_flush listener on every Session), in the
order the events were added, after the previous hash is read under a lock that serialises every
writer of the trail: on PostgreSQL a transaction-scoped advisory lock, on SQLite the database's
write lock, taken by a write that changes nothing. Two PCs writing events at once therefore wait
for each other instead of both chaining onto the same event.

What the chain cannot do: anyone who can write the database file can recompute every hash after
an edit (there is no secret outside the database); it shows changes made by hand, not by someone
who knows this module. Removing the newest events leaves a shorter chain that is still whole.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from sqlalchemy import event, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from .admin import AuditEvent

# Any constant: the one key every writer of the trail locks on PostgreSQL.
POSTGRES_LOCK_KEY = 7_141_403_001
CONTENT = ("at", "username", "action", "entity", "entity_id", "before", "after", "summary")
TEXT = ("username", "before", "after", "summary")


def chain_hash(previous: str, values: dict) -> str:
    """The hash of one event, given the hash of the event before it ("" for the first).

    user_id is left out: it is set to NULL when an account is removed, and the username kept
    beside it already names the person.
    """
    content = [previous]
    for name in CONTENT:
        value = values[name]
        if isinstance(value, datetime):
            value = value.isoformat(timespec="microseconds")
        elif value is None and name in TEXT:
            value = ""  # as the column's default stores it
        content.append(value)
    encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def now() -> datetime:
    """When an event happens, as the database itself stamped it before chaining: UTC, to the
    second (the hash needs the time before the row is written)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def lock_the_trail(conn: Connection) -> None:
    """Hold every other writer of the trail off until this transaction ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        conn.execute(text("UPDATE audit_events SET chain_hash = chain_hash WHERE 0"))


def last_hash(conn: Connection) -> str:
    newest = select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1)
    return conn.execute(newest).scalar() or ""


def chain(conn: Connection, events: list[dict]) -> None:
    """Give each new event (its column values, in the order written) its time if it has none, and
    its chain_hash, following the newest event already in the trail. Call it in the transaction
    that inserts them: the trail stays locked until that transaction ends."""
    lock_the_trail(conn)
    previous = last_hash(conn)
    for values in events:
        if values.get("at") is None:
            values["at"] = now()
        for name in TEXT:
            if values.get(name) is None:
                values[name] = ""  # stored as the column's default, and hashed so
        previous = values["chain_hash"] = chain_hash(previous, values)


@event.listens_for(Session, "before_flush")
def _chain_new_events(session: Session, _context, _instances) -> None:
    if any(isinstance(row, AuditEvent) for row in session.dirty if session.is_modified(row)):
        raise ValueError("audit events are never changed once written")
    added = [row for row in session.new if isinstance(row, AuditEvent)]
    if not added:
        return
    added.sort(key=lambda row: inspect(row).insert_order)
    events = [{name: getattr(row, name) for name in CONTENT} for row in added]
    chain(session.connection(), events)
    for row, values in zip(added, events, strict=True):
        for name, value in values.items():
            setattr(row, name, value)


def first_broken_event(conn: Connection) -> int | None:
    """The id of the first event whose hash does not follow from the events before it, or None
    when the whole trail is as it was written."""
    rows = conn.execute(
        select(AuditEvent.id, AuditEvent.chain_hash, *(getattr(AuditEvent, k) for k in CONTENT))
        .order_by(AuditEvent.id)
        .execution_options(yield_per=2000)
    )
    previous = ""
    for row in rows:
        values = row._mapping
        if chain_hash(previous, values) != values["chain_hash"]:
            return values["id"]
        previous = values["chain_hash"]
    return None
