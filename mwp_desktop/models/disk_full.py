"""Knowing a full disk when the database reports one, and saying it in words.

SQLite says "database or disk is full" (SQLITE_FULL), PostgreSQL raises disk_full (SQLSTATE
53100), and writing a file fails with ENOSPC. Each reaches the user as `DiskFull`, one sentence,
instead of a raw error carrying SQL. Opening is different: SQLite cannot create its journal
files on a full disk and reports only "disk I/O error", so there the free space is looked at.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from ..errors import UserError

DISK_FULL = (
    "The disk is full; nothing was saved. Free some space (delete old files, empty the "
    "recycle bin) and try again."
)
SQLITE_FULL = 13
SQLITE_IOERR = 10
SQLITE_CANTOPEN = 14
POSTGRES_DISK_FULL = "53100"
NEARLY_FULL_BYTES = 1024 * 1024  # less than this free and SQLite cannot open its journal


class DiskFull(UserError):
    """Nothing was saved because the disk (or the server's disk) is full."""

    def __init__(self) -> None:
        super().__init__(DISK_FULL)


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` (a SQLAlchemy error, a driver's error or an OSError) means a full disk."""
    error = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    if getattr(error, "sqlite_errorcode", None) == SQLITE_FULL:
        return True
    return POSTGRES_DISK_FULL in (getattr(error, "sqlstate", None), getattr(error, "pgcode", None))


def is_full_on_opening(exc: BaseException, folder: Path | None) -> bool:
    """`is_disk_full`, or an I/O error opening a SQLite file in a folder with no room left."""
    if is_disk_full(exc):
        return True
    error = getattr(exc, "orig", None) or exc
    code = getattr(error, "sqlite_errorcode", None)
    if folder is None or code is None or code & 0xFF not in (SQLITE_IOERR, SQLITE_CANTOPEN):
        return False
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False
