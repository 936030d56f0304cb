"""Reading plain rows through the tables, for lists a panel shows as soon as it opens.

A select of the ORM classes' attributes sets up every ORM class on first use (SQLAlchemy's
mapper configuration, ~0.1 s on the office's PCs) and runs each row through the ORM's row
handling. The Groups panel, built just after the main window first paints, reads thousands of
rows and needs neither: its reads go through the tables (`Group.__table__`) on the session's
connection. What the session holds but has not written yet is written first, as the ORM's
autoflush would, so a read in the middle of a change sees that change.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.orm import Session


def plain_connection(session: Session) -> Connection:
    session.flush()
    return session.connection()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while thousands of rows are made. Rows are plain data
    (tuples, frozen dataclasses) and hold no cycles, yet every few hundred new objects start a
    collection, and the older generations' ones go through every object the window holds: the
    16,000 groups of the Groups panel at 4x national took 117-182 ms to read with them, 82 ms
    without. Process-wide, so it is only switched back on by whoever switched it off. Also a
    decorator: `@no_cycle_collection()`."""
    switched_off = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if switched_off:
            gc.enable()
