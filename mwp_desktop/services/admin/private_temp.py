"""Where decrypted or not-yet-encrypted copies of the records live while a backup or restore
works on them: a folder inside the data folder that only the user may open, never the target
folder (a USB stick that leaves the office) nor the system temporary folder (readable by others
on some PCs).

Each working file is held with an operating-system lock while in use, so the clean-up at the next
start removes what a killed program left behind and never a file another running copy is using.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ...paths import data_dir
from .instance_lock import _lock, _unlock

FOLDER_NAME = "working"
_JOURNALS = ("-journal", "-wal", "-shm")


def folder() -> Path:
    path = data_dir() / FOLDER_NAME
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)  # also when an older copy made it with the default rights
    return path


@contextlib.contextmanager
def private_file(suffix: str) -> Iterator[Path]:
    """A new empty file readable by the user alone, deleted (with any SQLite journal beside it)
    when the block ends, however it ends."""
    fd, name = tempfile.mkstemp(prefix="mwp-", suffix=suffix, dir=folder())  # mode 0600
    path = Path(name)
    holder = os.fdopen(fd, "r+b")
    try:
        _lock(holder)
        yield path
    finally:
        holder.close()  # first: Windows deletes no file that is open
        for leftover in with_journals(path):
            with contextlib.suppress(OSError):
                leftover.unlink()


def remove_leftovers() -> None:
    """Delete working files left by a program that was killed; called at every start."""
    path = data_dir() / FOLDER_NAME
    if not path.is_dir():
        return
    for leftover in path.iterdir():
        with contextlib.suppress(OSError):
            if not leftover.name.endswith(_JOURNALS):
                _remove_unless_in_use(leftover)
            elif not leftover.with_name(leftover.name.rsplit("-", 1)[0]).exists():
                leftover.unlink()  # its file is gone; else removed with it


def _remove_unless_in_use(path: Path) -> None:
    with path.open("r+b") as f:
        _lock(f)  # OSError: another running copy of the program is using it
        try:
            for leftover in with_journals(path):
                leftover.unlink(missing_ok=True)
        finally:
            _unlock(f)


def with_journals(path: Path) -> list[Path]:
    """A SQLite file and the working files SQLite may leave beside it when interrupted."""
    return [path] + [path.with_name(path.name + s) for s in _JOURNALS]
