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
from collections.abc import Iterator
from pathlib import Path

from ...paths import data_dir
from .file_locks import lock_file

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
    import tempfile  # not at the top: remove_leftovers runs at every start, before the window

    fd, name = tempfile.mkstemp(prefix="mwp-", suffix=suffix, dir=folder())  # mode 0600
    path = Path(name)
    try:
        with held(fd):
            yield path
    finally:  # after held closed the file: Windows deletes no file that is open
        for leftover in with_journals(path):
            with contextlib.suppress(OSError):
                leftover.unlink()


@contextlib.contextmanager
def held(fd: int) -> Iterator[None]:
    """Mark an open working file as in use until the block ends, so that remove_unless_in_use in
    another running copy leaves it alone. On Windows the open handle itself is the mark (Windows
    deletes no open file); a byte-range lock there would stop SQLite writing the file through its
    own handle. The file is closed when the block ends, before anyone renames or deletes it."""
    holder = os.fdopen(fd, "r+b")
    try:
        if os.name != "nt":
            lock_file(holder)
        yield
    finally:
        holder.close()


def remove_leftovers() -> None:
    """Delete working files left by a program that was killed; called at every start."""
    path = data_dir() / FOLDER_NAME
    if not path.is_dir():
        return
    for leftover in path.iterdir():
        with contextlib.suppress(OSError):
            if not leftover.name.endswith(_JOURNALS):
                remove_unless_in_use(leftover)
            elif not leftover.with_name(leftover.name.rsplit("-", 1)[0]).exists():
                leftover.unlink()  # its file is gone; else removed with it


def remove_unless_in_use(path: Path) -> None:
    """Delete a working file (and its journals) unless a running copy of the program holds it
    (see held); raises OSError when it does."""
    if os.name == "nt":
        path.unlink()  # PermissionError while another program holds it open
    else:
        with path.open("r+b") as f:
            lock_file(f)  # OSError: another running copy is using it; released on close
            path.unlink()
    for journal in with_journals(path)[1:]:
        journal.unlink(missing_ok=True)


def with_journals(path: Path) -> list[Path]:
    """A SQLite file and the working files SQLite may leave beside it when interrupted."""
    return [path] + [path.with_name(path.name + s) for s in _JOURNALS]
