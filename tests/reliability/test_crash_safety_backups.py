"""Power cuts mid-backup and mid-restore: `mwp-desktop backup` (encrypted, onto a "stick") and
`mwp-desktop restore` (of an encrypted backup) are killed with SIGKILL at random moments. After
each kill no plaintext copy of the records is on the stick or in the system temporary folder, the
next start removes the plaintext working files from the data folder, the next backup removes the
half-written encrypted parts from the stick, and the live database passes
`mwp-desktop check` holding either all its old records or all the backup's, never a mix."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from mwp_desktop.cli import main
from mwp_desktop.services.admin import private_temp, users
from mwp_desktop.services.admin.backup_crypto import decrypt_file
from mwp_desktop.services.admin.backups import backup_database
from mwp_desktop.services.admin.database import open_for_use
from tests.all_records import participant_codes_in
from tests.builders.accounts import ACCOUNTS, add_user_accounts
from tests.builders.small_office import add_small_office

ROOT = Path(__file__).resolve().parents[2]
KILLS = 15
SQLITE_MAGIC = b"SQLite format 3\0"
PASSPHRASE = "long stick phrase"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is a POSIX signal"),
]


@pytest.fixture
def office(data_dir, tmp_path, monkeypatch):
    """The live database with an administrator, the passphrase file, and the environment a
    command run by a script has: signed in, this data folder, its own system temp folder."""
    monkeypatch.setattr(users, "SCRYPT_N", 2**10)  # the hash keeps its cost: children sign in fast
    path = data_dir / "office.sqlite3"
    db = open_for_use(str(path))
    with db.session() as s:
        add_small_office(s, participants=60, meetings=8)
        add_user_accounts(s, roles=())
    db.close()
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    username, _full_name, password = ACCOUNTS["admin"]
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        MWP_DATA_DIR=str(data_dir),
        MWP_USER=username,
        MWP_PASSWORD=password,
        TMPDIR=str(system_temp),
    )
    return path, secret, system_temp, env


def _start(command: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mwp_desktop", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _holds_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def _at_work(data_dir: Path) -> bool:
    """The command has made its first working file: it is past start-up, handling records."""
    return _holds_files(data_dir / private_temp.FOLDER_NAME)


def _keeping_the_old_records(data_dir: Path) -> bool:
    """A restore has begun its last steps: the before-restore copy, then the swap."""
    return _holds_files(data_dir / "backups")


def _wait_until(landmark, child: subprocess.Popen, data_dir: Path, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while child.poll() is None and time.monotonic() < deadline:
        if landmark(data_dir):
            return True
        time.sleep(0.002)
    return False


def _finish(child: subprocess.Popen) -> bytes:
    try:
        return child.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise


def _time_the_work(command: list[str], env: dict, data_dir: Path) -> float:
    """How long the command works on the records when nobody kills it: the span the kills are
    spread over."""
    child = _start(command, env)
    assert _wait_until(_at_work, child, data_dir), "the command never made its working file"
    began = time.monotonic()
    err = _finish(child)
    assert child.returncode == 0, err
    return time.monotonic() - began


def _run_and_kill(
    command, env, data_dir: Path, rng: random.Random, span: float, late_landmark=None
) -> bool:
    """Run the command and SIGKILL it at a random moment: most often while it works on the
    records (half of those, when a late landmark is given, once it has reached it), sometimes
    during start-up. True when the kill landed mid-work."""
    child = _start(command, env)
    at_work = False
    try:
        mode = rng.random()
        if mode < 0.2:
            time.sleep(rng.uniform(0.0, 0.8))
        elif late_landmark is not None and mode >= 0.6:
            at_work = _wait_until(late_landmark, child, data_dir)
            time.sleep(rng.uniform(0.0, span / 3))
        else:
            at_work = _wait_until(_at_work, child, data_dir)
            time.sleep(rng.uniform(0.0, span))
        at_work = at_work and child.poll() is None
        child.send_signal(signal.SIGKILL)
    finally:
        err = _finish(child)
    assert child.returncode in (0, -signal.SIGKILL), err
    return at_work and child.returncode == -signal.SIGKILL


def _plaintext_files(folder: Path) -> list[str]:
    """Every file under `folder`, hidden ones included, that holds a SQLite database's bytes."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and SQLITE_MAGIC in path.read_bytes():
            found.append(path.name)
    return found


def _program_files(system_temp: Path) -> list[str]:
    """Anything the program left in the system temp folder (mwp-restore-*, mwp-*): it must use
    its private working folder instead, whatever it holds."""
    return [p.name for p in system_temp.rglob("*") if "mwp" in p.name.lower()]


def _next_start_checks(path: Path, capsys) -> None:
    """What the next start of the program does (its clean-up), then `mwp-desktop check`."""
    capsys.readouterr()
    result = main(["check", "--db", str(path)])
    shown = capsys.readouterr()
    assert result == 0, shown.out + shown.err


def test_killed_encrypted_backups_leave_no_plaintext(office, data_dir, tmp_path, capsys):
    path, secret, system_temp, env = office
    stick = tmp_path / "stick"
    stick.mkdir()
    command = [
        "backup",
        *("--db", str(path), "--out", str(stick / "night.mwpbackup")),
        *("--passphrase-file", str(secret)),
    ]
    span = _time_the_work(command, env, data_dir)
    rng = random.Random(20261206)
    mid_work = 0
    for attempt in range(KILLS):
        mid_work += _run_and_kill(command, env, data_dir, rng, span)
        after = f"after kill {attempt + 1}"
        assert not _plaintext_files(stick), f"{after}, plaintext on the stick"
        assert not _plaintext_files(system_temp), f"{after}, plaintext in the system temp folder"
        assert not _program_files(system_temp), after
        _next_start_checks(path, capsys)
        working = data_dir / private_temp.FOLDER_NAME
        assert not working.exists() or not list(working.iterdir()), f"{after}: left working files"
    print(f"{KILLS} backups killed, {mid_work} while working on the records")
    assert mid_work >= KILLS // 2
    # The next backup that runs to its end leaves only itself: no half-written copy of the
    # records (encrypted or not) stays on a stick that leaves the office.
    finished = _start(command, env)
    assert _finish(finished) is not None and finished.returncode == 0
    assert [p.name for p in stick.iterdir()] == ["night.mwpbackup"]


def test_killed_restores_lose_nothing_and_leave_no_plaintext(office, data_dir, tmp_path, capsys):
    path, secret, system_temp, env = office
    backup = tmp_path / "stick.mwpbackup"
    db = open_for_use(str(path))
    backup_database(db, backup, PASSPHRASE)
    # The live records move on after the backup: a restore must bring back the backup's codes.
    with db.session() as s:
        s.execute(text("UPDATE participants SET code = code || 'N'"))
    db.close()
    old_codes, backup_codes = participant_codes_in(path), _codes_of_backup(backup, tmp_path)
    assert old_codes and backup_codes and not old_codes & backup_codes
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copyfile(path, pristine)
    command = ["restore", str(backup), "--db", str(path), "--passphrase-file", str(secret)]
    backups = data_dir / "backups"

    def start_again() -> None:
        for leftover in private_temp.with_journals(path):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(pristine, path)
        shutil.rmtree(backups, ignore_errors=True)

    span = _time_the_work(command, env, data_dir)
    rng = random.Random(20261207)
    swapped = mid_work = 0
    for attempt in range(KILLS):
        start_again()
        mid_work += _run_and_kill(
            command, env, data_dir, rng, span, late_landmark=_keeping_the_old_records
        )
        after = f"after kill {attempt + 1}"
        assert not _plaintext_files(system_temp), f"{after}, plaintext in the system temp folder"
        assert not _program_files(system_temp), after
        _next_start_checks(path, capsys)
        working = data_dir / private_temp.FOLDER_NAME
        assert not working.exists() or not list(working.iterdir()), f"{after}: left working files"
        live = participant_codes_in(path)
        assert live in (old_codes, backup_codes), f"{after}, the records are a mix or lost"
        if live == backup_codes:
            swapped += 1
            kept = list(backups.glob("*-before-restore-*.sqlite3"))
            assert len(kept) == 1, f"{after}, the records replaced were not kept"
            assert participant_codes_in(kept[0]) == old_codes, (
                f"{after}, the kept copy is not the old records"
            )
    print(f"{KILLS} restores killed, {mid_work} while working, {swapped} after the swap")
    assert mid_work >= KILLS // 2
    assert 0 < swapped < KILLS  # kills landed both before and after the swap


def _codes_of_backup(backup: Path, tmp_path: Path) -> set[str]:
    plain = tmp_path / "backup-read.sqlite3"
    decrypt_file(backup, plain, PASSPHRASE)
    try:
        return participant_codes_in(plain)
    finally:
        plain.unlink()
