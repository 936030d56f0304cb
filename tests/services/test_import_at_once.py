"""The same list imported twice at the same moment (two PCs, or a double click): one run saves
it, the other finds everyone already registered, as if they had run one after the other."""

import sqlite3
import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from mwp_desktop.errors import UserError
from mwp_desktop.models import Community, Participant
from mwp_desktop.models import database as database_module
from mwp_desktop.models.busy import BUSY
from mwp_desktop.models.database import open_database
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.participant_import import (
    load_source,
    plan_import,
    run_import,
)
from mwp_desktop.services.registration.participants import ParticipantInput, register_participant
from tests.builders.people import numbered_surname

MEN = 40


def a_list(tmp_path):
    path = tmp_path / "list.csv"
    rows = [
        f"Man{chr(65 + n % 26)} {numbered_surname(n)},M,{20 + n % 40},Tombo{n % 3},Koya"
        for n in range(MEN)
    ]
    path.write_text("Name,Sex,Age,Community,Chiefdom\n" + "\n".join(rows) + "\n")
    return path


def at_once(work, runs=2):
    """Run `work(barrier)` on `runs` threads; returns what each returned or raised."""
    barrier = threading.Barrier(runs, timeout=30)
    outcomes = [None] * runs

    def run(i):
        try:
            outcomes[i] = work(barrier)
        except BaseException as exc:  # the outcome to check, whatever it is
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(runs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def test_the_same_list_imported_twice_at_once_is_saved_once(db, tmp_path):
    path = a_list(tmp_path)

    def import_it(barrier):
        with db.session() as s:
            plan = plan_import(s, load_source(path), today=date(2026, 3, 2))
            barrier.wait()  # both have checked the list before either saves
            return run_import(s, SYSTEM, plan, today=date(2026, 3, 2))

    outcomes = at_once(import_it)
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    assert sorted(o.imported for o in outcomes) == [0, MEN]
    assert sorted(o.already_registered for o in outcomes) == [0, MEN]
    with db.session() as s:
        assert s.scalar(select(func.count(Participant.id))) == MEN
        assert s.scalar(select(func.count(func.distinct(Participant.code)))) == MEN
        assert s.scalar(select(func.count(Community.id))) == 3


def test_two_people_registered_at_once_get_different_codes(db):
    def register(barrier):
        with db.session() as s:
            barrier.wait()
            surname = numbered_surname(threading.get_ident() % 7919)
            return register_participant(s, SYSTEM, ParticipantInput("Abu", surname, "M")).code

    codes = at_once(register, runs=4)
    assert not [c for c in codes if isinstance(c, BaseException)], codes
    assert len(set(codes)) == 4


@pytest.mark.sqlite_only
def test_a_save_that_waits_too_long_for_another_says_so(db, monkeypatch):
    """A large import on another PC holds the file longer than a save waits: the save is
    refused in words, not with "database is locked"."""
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 200)
    impatient = open_database(db.target())
    other_pc = sqlite3.connect(db.path, timeout=0)
    try:
        other_pc.execute("BEGIN IMMEDIATE")  # the other import's write, not yet committed
        with pytest.raises(UserError) as refused, impatient.session() as s:
            register_participant(s, SYSTEM, ParticipantInput("Abu", "Kamara", "M"))
        assert str(refused.value) == BUSY
    finally:
        other_pc.rollback()
        other_pc.close()
        impatient.close()
