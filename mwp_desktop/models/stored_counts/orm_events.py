"""Counts kept on one row as the rows it counts come, change and go: the ORM events the stepped
counts share (marks on each meeting, meeting_marks.py; members on each group, group_members.py),
and those of the counts recounted for their owner instead (sessions held, held marks).

Each counted row belongs to an owner (its meeting, its group) and has a status; `add` is called
with (connection, owner id, status, +1 or -1) inside the flush, so the count is written in the
same transaction as the change it follows. The tables kept per group (session totals, attitude
totals) gather the groups a flush touches instead, and recount each once at its end
(GroupsToRecount).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

AddStep = Callable[[Connection, "int | None", "str | None", int], None]
Recount = Callable[[Connection, int], None]
GroupRecount = Callable[[Connection, set[int]], None]


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


class GroupsToRecount:
    """The groups whose kept rows a flush touches, gathered as it runs and recounted once at its
    end, in its transaction (group_sessions.py, attitude_totals.py): named directly, or through
    rows of `through` (a table with an id and a group_id: a meeting, a survey round), whose
    groups are looked up then."""

    def __init__(self, name: str, through: Table, recount: GroupRecount):
        self.key = f"{name}_due"  # on the flush's connection: (groups, rows of `through`)
        self.through = through
        self.recount = recount
        event.listen(Session, "after_flush", self._recount_due)

    def add(self, connection: Connection, *, groups: Iterable = (), rows: Iterable = ()) -> None:
        due_groups, due_rows = connection.info.setdefault(self.key, (set(), set()))
        due_groups.update(g for g in groups if g is not None)
        due_rows.update(r for r in rows if r is not None)

    def follow(
        self, model: type, owner: str, keys: tuple[str, ...], *, through: bool = False,
        counts: Callable[[object], bool] = lambda row: True,
    ) -> None:  # fmt: skip
        """Add the owner of a row of `model` (its group, or with `through` its row of that
        table) inserted (when it `counts`) or deleted, and its old and new owner when the owner
        or one of `keys` changes."""
        kind = "rows" if through else "groups"

        @event.listens_for(model, "after_insert")
        def added(_mapper, connection: Connection, target) -> None:
            if counts(target):
                self.add(connection, **{kind: [getattr(target, owner)]})

        @event.listens_for(model, "after_update")
        def changed(_mapper, connection: Connection, target) -> None:
            if any(before_flush_value(target, key) != getattr(target, key) for key in keys):
                was, now = before_flush_value(target, owner), getattr(target, owner)
                self.add(connection, **{kind: [was, now]})

        @event.listens_for(model, "after_delete")
        def removed(_mapper, connection: Connection, target) -> None:
            self.add(connection, **{kind: [before_flush_value(target, owner)]})

    def _recount_due(self, session: Session, _context) -> None:
        connection = session.connection()
        due = connection.info.pop(self.key, None)
        if not due:
            return
        groups, rows = set(due[0]), due[1]
        if rows:
            ids = self.through.c.id.in_(sorted(rows))
            groups.update(connection.execute(select(self.through.c.group_id).where(ids)).scalars())
        self.recount(connection, groups)
