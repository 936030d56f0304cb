"""A checksum carried inside every plain backup file, so that a byte changed on a stick (a bad
sector, a hand with a hex editor) is found before the file is restored.

The file stays an ordinary SQLite file: the checksum takes the two 4-byte header fields SQLite
leaves to the application (user_version at offset 60, application_id at 68), and is the first
8 bytes of the SHA-256 of the whole file with those two fields zeroed. It guards against damage,
not against someone who recomputes it; encrypted backups are authenticated besides.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

_FIELDS = (60, 68)
_HEADER = 100


def _digest(path: Path) -> bytes:
    sha = hashlib.sha256()
    with Path(path).open("rb") as f:
        header = bytearray(f.read(_HEADER))
        for offset in _FIELDS:
            header[offset : offset + 4] = bytes(4)
        sha.update(header)
        while chunk := f.read(1024 * 1024):
            sha.update(chunk)
    return sha.digest()[:8]


def _stored(path: Path) -> bytes:
    with Path(path).open("rb") as f:
        header = f.read(_HEADER)
    if len(header) < _HEADER:
        return bytes(8)
    return b"".join(header[offset : offset + 4] for offset in _FIELDS)


def seal(path: Path) -> None:
    """Write the checksum into a finished backup file (no SQLite connection may have it open)."""
    digest = _digest(path)
    with Path(path).open("r+b") as f:
        for index, offset in enumerate(_FIELDS):
            f.seek(offset)
            f.write(digest[4 * index : 4 * index + 4])
        f.flush()
        os.fsync(f.fileno())


def matches(path: Path) -> bool | None:
    """True when the file is as it was sealed, False when it changed, None for a backup made
    before backups carried a checksum."""
    stored = _stored(path)
    if stored == bytes(8):
        return None
    return stored == _digest(path)


def clear(path: Path) -> None:
    """Zero the checksum fields of a working copy about to be changed (migrated, restored)."""
    with Path(path).open("r+b") as f:
        for offset in _FIELDS:
            f.seek(offset)
            f.write(bytes(4))
