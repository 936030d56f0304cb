"""An operating-system lock on an open file, released when the file is closed or the program
ends in any way (killed, power cut): the instance lock and the private working files use it.

Apart from instance_lock.py, which imports the database layer, so that the clean-up every start
runs before the window (private_temp.remove_leftovers) does not import SQLAlchemy on the way.
"""

from __future__ import annotations

import os

# Windows locks byte ranges; lock one byte far past the text so the text stays readable.
_LOCK_OFFSET = 1 << 20

if os.name == "nt":
    import msvcrt

    def lock_file(f) -> None:
        """Lock `f` for this process, or raise OSError when another holds it."""
        f.seek(_LOCK_OFFSET)
        msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)

    def unlock_file(f) -> None:
        f.seek(_LOCK_OFFSET)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def lock_file(f) -> None:
        """Lock `f` for this process, or raise OSError when another holds it."""
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unlock_file(f) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
