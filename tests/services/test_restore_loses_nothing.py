"""A restore while another computer keeps saving (issue 14, item 2), on SQLite and on the office
server alike: every participant the other computer saved is either in the restored records (saved
after the restore) or in the copy of the old records the restore kept (saved before it), never in
neither."""

import threading
import time
from datetime import date

from sqlalchemy import select

from mwp_desktop.models import Participant
from mwp_desktop.models.database import open_database
from mwp_desktop.services.admin import backups, restore
from mwp_desktop.services.registration.participants import (
    ParticipantInput,
    add_participant_row,
    clean_participant,
)
from tests.all_records import participant_codes_in
from tests.builders.accounts import add_user_accounts
from tests.builders.small_office import add_small_office


class OtherComputer(threading.Thread):
    """Registers a participant every 10 ms, each in its own transaction as the registration
    screen saves one, through its own connection to the database; keeps the codes committed."""

    def __init__(self, url: str, actor) -> None:
        super().__init__(daemon=True)
        self.db = open_database(url, create=False)
        self.actor = actor
        self.clean = clean_participant(ParticipantInput("Writer", "Kamara", "M"), date.today())
        self.committed: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                with self.db.session() as s:
                    add_participant_row(s, self.actor, self.clean, f"W-{n:05d}")
            except Exception:  # noqa: BLE001 - a save that failed was not committed
                continue
            self.committed.append(f"W-{n:05d}")
            time.sleep(0.01)
        self.db.close()

    def wait_for_saves(self, count: int, timeout_s: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout_s
        while len(self.committed) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return len(self.committed) >= count


def test_saves_from_another_computer_during_a_restore_are_never_lost(
    db, db_url, tmp_path, fast_hashing
):
    with db.session() as s:
        add_small_office(s)
        staff = add_user_accounts(s, roles=("staff",))
    backup = backups.backup_database(db, tmp_path / "night.sqlite3")
    other = OtherComputer(db_url, staff["staff"])
    other.start()
    try:
        # Counted saves, not a fixed sleep: a busy machine saves fewer in the same time.
        assert other.wait_for_saves(20), "the other computer should have saved before the restore"
        result = restore.restore_database(db, backup, staff["admin"])
        saved_by_then = len(other.committed)
        assert other.wait_for_saves(saved_by_then + 20), "and after it"
    finally:
        other.stop.set()
        other.join(timeout=60)
    with db.session() as s:
        live = set(s.scalars(select(Participant.code)))
    committed = set(other.committed)
    assert committed - (live | participant_codes_in(result.kept_copy)) == set()
    assert committed & live, "saves after the restore landed in the restored records"
