"""Counts kept on one row as the rows it counts come, change and go: the ORM events the stepped
counts share (marks on each meeting, meeting_marks.py; members on each group, group_members.py),
and those of the counts recounted for their owner instead (sessions held, held marks).

Each counted row belongs to an owner (its meeting, its group) and has a status; `add` is called
with (connection, owner id, status, +1 or -1) inside the flush, so the count is written in the
same transaction as the change it follows.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection

AddStep = Callable[[Connection, "int | None", "str | None", int], None]
Recount = Callable[[Connection, int], None]


def before_flush_value(target, key: str):
    """The value of `target.key` as it was in the database before this flush."""
    history = inspect(target).attrs[key].history
    return history.deleted[0] if history.deleted else getattr(target, key)


def keep_count(model: type, owner_key: str, add: AddStep) -> None:
    """Call `add` as rows of `model` are inserted, move owner or status, or are deleted."""

    def old(target) -> tuple:
        return before_flush_value(target, owner_key), before_flush_value(target, "status")

    @event.listens_for(model, "after_insert")
    def added(_mapper, connection: Connection, target) -> None:
        add(connection, getattr(target, owner_key), target.status, 1)

    @event.listens_for(model, "after_update")
    def changed(_mapper, connection: Connection, target) -> None:
        before, after = old(target), (getattr(target, owner_key), target.status)
        if before != after:
            add(connection, *before, -1)
            add(connection, *after, 1)

    @event.listens_for(model, "after_delete")
    def removed(_mapper, connection: Connection, target) -> None:
        add(connection, *old(target), -1)


def recount_on_change(
    model: type, owner_key: str, counted_status: str, watched: tuple[str, ...], recount: Recount
) -> None:
    """Call `recount` for the owner of a row of `model` inserted or deleted with the counted
    status, and for its old and new owner when its owner or a `watched` column changes."""

    def each(connection: Connection, *owners: int | None) -> None:
        for owner in {o for o in owners if o is not None}:
            recount(connection, owner)

    @event.listens_for(model, "after_insert")
    def added(_mapper, connection: Connection, target) -> None:
        if target.status == counted_status:
            each(connection, getattr(target, owner_key))

    @event.listens_for(model, "after_update")
    def changed(_mapper, connection: Connection, target) -> None:
        keys = (owner_key, *watched)
        if any(before_flush_value(target, key) != getattr(target, key) for key in keys):
            each(connection, before_flush_value(target, owner_key), getattr(target, owner_key))

    @event.listens_for(model, "after_delete")
    def removed(_mapper, connection: Connection, target) -> None:
        if before_flush_value(target, "status") == counted_status:
            each(connection, before_flush_value(target, owner_key))
