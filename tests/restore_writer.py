"""The process that saves while a restore runs: registers a participant every 10 ms, each in its
own short transaction as the registration screen saves one, and prints each code once committed.
A save that fails (the database busy for too long) is not printed: it was not committed.

    python -m tests.restore_writer DATABASE SECONDS
"""

from __future__ import annotations

import sys
import time

from mwp_desktop.models import Participant
from mwp_desktop.models.database import open_database


def main(path: str, seconds: float) -> None:
    db = open_database(path, create=False)
    print("ready", flush=True)
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
        code = f"W-{n:05d}"
        try:
            with db.session() as s:
                s.add(Participant(code=code, first_name="Writer", name_key="writer", sex="M"))
        except Exception:  # noqa: BLE001 - a failed save is simply not reported as committed
            continue
        print(code, flush=True)
        time.sleep(0.01)
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
