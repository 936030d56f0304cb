"""One program at a time on a database file.

A lock file beside the database (`mwp.sqlite3.lock`) says who has it open: user, computer, process
and since when. The lock itself is an operating-system lock on that file, held for as long as the
program runs, so it goes away by itself when the program ends in any way, even killed or in a power
cut: a lock file left behind with no live holder never stops anyone. A second program on the same
file is told who has it open and may open it read-only. SQLite still keeps the file safe if two
programs do write; the lock only keeps people from editing the same records unawares.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import event

from ...errors import UserError
from ...models.database import Database
from .file_locks import lock_file, unlock_file


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        where = "this computer" if self.host == socket.gethostname() else self.host
        since = self.since
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(self.since).strftime("%d/%m/%Y %H:%M")
        return f"{self.user} on {where} (since {since})"


class DatabaseInUse(UserError):
    def __init__(self, path: Path, holder: LockHolder | None):
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "another copy of the program"
        super().__init__(f"{path.name} is already open by {who}.")


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    """Held while this program has the database open; `release()` (or process exit) ends it."""

    def __init__(self, database: Path, user: str):
        self.path = lock_path(database)
        self._file = open(self.path, "a+b")  # noqa: SIM115 - held open for the program's life
        try:
            lock_file(self._file)
        except OSError:
            self._file.close()
            raise DatabaseInUse(database, read_holder(database)) from None
        self.set_user(user)

    def set_user(self, user: str) -> None:
        """Record who is working (after sign-in the account name replaces the OS user)."""
        info = {
            "user": user,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        self._file.seek(0)
        self._file.truncate()
        self._file.write(json.dumps(info).encode("utf-8"))
        self._file.flush()

    def release(self) -> None:
        if self._file.closed:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
            unlock_file(self._file)
        finally:
            self._file.close()


def acquire(database: Path, user: str | None = None) -> InstanceLock:
    return InstanceLock(database, user or _os_user())


def read_holder(database: Path) -> LockHolder | None:
    try:
        info = json.loads(lock_path(database).read_text("utf-8") or "null")
        return LockHolder(
            str(info["user"]), str(info["host"]), int(info["pid"]), str(info["since"])
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None


def is_open(database: Path) -> bool:
    """Whether some program (this one included) holds the instance lock of `database` now."""
    try:
        f = open(lock_path(database), "r+b")  # noqa: SIM115 - closed below in every case
    except OSError:
        return False  # no lock file: never opened by MWP Desktop, or not a database at all
    try:
        lock_file(f)
    except OSError:
        return True
    else:
        unlock_file(f)
        return False
    finally:
        f.close()


def make_read_only(db: Database) -> None:
    """From now on every connection to this SQLite database refuses to write."""

    def query_only(dbapi_connection, _record) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    event.listen(db.engine, "connect", query_only)
    db.engine.dispose()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: not worth failing for
        return "someone"
