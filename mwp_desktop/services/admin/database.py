"""Opening the office database for use: schema up to date and the shipped curricula present."""

from __future__ import annotations

from ...models.database import Database, open_database
from ...paths import data_dir, database_target, default_database_path
from ..sessions.curricula import ensure_default_curricula


def open_for_use(explicit: str | None = None, *, create: bool = True) -> Database:
    """Open the database the user chose (`--db`, MWP_DB or the default file), ready to use."""
    target = database_target(explicit)
    if target == str(default_database_path()):
        data_dir().mkdir(parents=True, exist_ok=True)  # our own folder: made on first start
    db = open_database(target, create=create)
    if db.created:
        with db.session() as session:
            ensure_default_curricula(session)
    return db


def open_existing(explicit: str | None = None) -> Database:
    """Open a database that must already exist (for commands that read or check it)."""
    return open_for_use(explicit, create=False)
