"""Power cuts mid-entry: a real process recording attendance is killed with SIGKILL at random
moments, again and again. After each kill the database passes `mwp-desktop check` and holds every
mark the process reported as saved."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mwp_desktop.services.admin.database import open_for_use
from tests.builders.small_office import add_small_office

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is a POSIX signal"),
]


def _read_lines(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line)


def _wait_for(condition, child: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.005)


def test_marks_shown_as_saved_survive_sigkill(data_dir):
    path = data_dir / "crash.sqlite3"
    db = open_for_use(str(path))
    with db.session() as s:
        add_small_office(s, participants=20, meetings=1)
    db.close()
    rng = random.Random(20260504)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    reported: set[int] = set()
    kills_after_marks = 0
    for attempt in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", str(path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: list[str] = []
        reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        # Most kills land while marks are being written; some while the program starts up,
        # some just as it is ready. Waiting on its output (not on a clock) keeps this true
        # however slow or busy the machine is.
        mode = rng.random()
        if mode < 0.1:
            time.sleep(rng.uniform(0.0, 0.5))
        else:
            _wait_for(lambda out=lines: "ready\n" in out, child)
            if mode >= 0.2:
                _wait_for(lambda out=lines: any(x.strip().isdigit() for x in out), child)
                time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join(5)
        child.stderr.close()
        assert child.returncode == -signal.SIGKILL, child.stderr
        # A line cut off by the kill was never fully shown: count only whole lines.
        marks = {int(line) for line in lines if line.endswith("\n") and line.strip().isdigit()}
        kills_after_marks += bool(marks)
        reported |= marks

        check = subprocess.run(
            [sys.executable, "-m", "mwp_desktop", "check", "--db", str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, f"after kill {attempt + 1}: {check.stdout}{check.stderr}"
        conn = sqlite3.connect(path)
        present = {row[0] for row in conn.execute("SELECT id FROM attendance")}
        conn.close()
        lost = reported - present
        assert not lost, f"after kill {attempt + 1}, marks shown as saved are gone: {sorted(lost)}"
    print(f"{KILLS} kills, {kills_after_marks} after marks were saved, {len(reported)} marks kept")
    assert len(reported) > KILLS  # the test really wrote between kills
    assert kills_after_marks >= KILLS * 7 // 10
