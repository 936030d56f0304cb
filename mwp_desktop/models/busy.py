"""Knowing when the database stayed busy with someone else's save for longer than we wait.

SQLite lets one writer at a time and waits `BUSY_TIMEOUT_MS` for the file; PostgreSQL waits for
row locks until `lock_timeout`, if the office set one. A save that still could not start (a
large import running on another PC) is refused in words, as `Busy`, rather than as a raw
"database is locked".
"""

from __future__ import annotations

from ..errors import UserError

BUSY = (
    "Another computer or window was saving a large change, so nothing was saved. "
    "Try again in a minute."
)
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
POSTGRES_LOCK_NOT_AVAILABLE = "55P03"


class Busy(UserError):
    """Nothing was saved because the database stayed busy with another save."""

    def __init__(self) -> None:
        super().__init__(BUSY)


def is_busy(exc: BaseException) -> bool:
    error = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED):
        return True
    return getattr(error, "sqlstate", None) == POSTGRES_LOCK_NOT_AVAILABLE
