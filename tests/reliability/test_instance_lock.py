"""Two programs on one database file: the second is told who has it open and may read only."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from mwp_desktop.models import Participant
from mwp_desktop.services.admin import instance_lock
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.admin.integrity import database_problems
from tests.builders.small_office import add_small_office

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.sqlite_only

HOLDER = """
import sys
from pathlib import Path
from mwp_desktop.services.admin.instance_lock import acquire
lock = acquire(Path(sys.argv[1]), "fatmata")
print("held", flush=True)
sys.stdin.read()  # hold until told to stop, or killed
lock.release()
"""


def _start_holder(path: Path) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert child.stdout.readline() == "held\n"
    return child


def test_second_program_is_told_who_has_the_file_open(data_dir):
    path = data_dir / "office.sqlite3"
    open_for_use(str(path)).close()
    other = _start_holder(path)
    try:
        with pytest.raises(instance_lock.DatabaseInUse) as in_use:
            instance_lock.acquire(path, "musa")
        holder = in_use.value.holder
        assert (holder.user, holder.pid) == ("fatmata", other.pid)
        assert str(in_use.value).startswith(
            "office.sqlite3 is already open by fatmata on this computer (since "
        )
    finally:
        other.stdin.close()
        other.wait(10)
    # Closed normally: the file is free again.
    instance_lock.acquire(path, "musa").release()


def test_a_killed_program_leaves_no_lock_behind(data_dir):
    path = data_dir / "office.sqlite3"
    open_for_use(str(path)).close()
    other = _start_holder(path)
    other.send_signal(signal.SIGKILL if os.name != "nt" else signal.SIGTERM)
    other.wait(10)
    assert instance_lock.lock_path(path).exists()  # the note is still there …
    lock = instance_lock.acquire(path, "musa")  # … but nobody holds it
    assert instance_lock.read_holder(path).user == "musa"
    lock.release()


def test_read_only_copy_reads_but_cannot_write_and_nothing_is_corrupted(data_dir):
    path = data_dir / "office.sqlite3"
    writer = open_for_use(str(path))
    with writer.session() as s:
        add_small_office(s)
    lock = instance_lock.acquire(path, "fatmata")
    reader = open_for_use(str(path))
    with pytest.raises(instance_lock.DatabaseInUse):
        instance_lock.acquire(path, "musa")
    instance_lock.make_read_only(reader)
    with reader.session() as s:
        assert s.scalar(select(func.count(Participant.id))) == 12
    with pytest.raises(OperationalError, match="readonly"), reader.session() as s:
        s.scalars(select(Participant)).first().notes = "changed from the second PC"
    # The first program goes on writing; the second sees its changes.
    with writer.session() as s:
        s.scalars(select(Participant)).first().notes = "changed from the first PC"
    with reader.session() as s:
        assert s.scalars(select(Participant.notes)).first() == "changed from the first PC"
    assert database_problems(writer) == []
    lock.release()
    reader.close()
    writer.close()
