"""Each participant's name, kept from each of its later words on for the search box, follows every
way a name is written: registered, edited, imported, built as demo data, deleted; and
`mwp-desktop check` names a participant whose words are wrong, by id only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, text

from mwp_desktop.models import NameWord, Participant
from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.admin.integrity import database_problems
from mwp_desktop.services.demo.builder import build_demo
from mwp_desktop.services.registration.participant_import import (
    load_source,
    plan_import,
    run_import,
)
from mwp_desktop.services.registration.participants import (
    ParticipantInput,
    register_participant,
    update_participant,
)
from tests.builders.people import add_participant
from tests.builders.places import add_community

TODAY = date(2026, 3, 2)


def kept(db) -> dict[int, set[str]]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(NameWord.participant_id, NameWord.from_word)).all()
    words: dict[int, set[str]] = {}
    for participant_id, from_word in rows:
        words.setdefault(participant_id, set()).add(from_word)
    return words


def register(db, first, last, place):
    with db.session() as s:
        data = ParticipantInput(first, last, "M", "30", None, place)
        return register_participant(s, SYSTEM, data, today=TODAY).id


def test_a_name_is_kept_from_each_word_on_as_it_is_registered_and_edited(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    abu = register(db, "Abu Bakarr", "Kámara-Sesay", place)
    musa = register(db, "Musa", "Musa", place)
    assert kept(db) == {
        abu: {"bakarr kamara-sesay", "kamara-sesay"},
        musa: {"musa"},
    }

    with db.session() as s:
        update_participant(
            s, SYSTEM, abu, ParticipantInput("Abu", "Koroma", "M", "30", None, place), today=TODAY
        )
    assert kept(db)[abu] == {"koroma"}

    with db.session() as s:  # an edit that leaves the name alone leaves its words alone
        update_participant(
            s, SYSTEM, abu, ParticipantInput("Abu", "Koroma", "M", "41", None, place), today=TODAY
        )
    assert kept(db)[abu] == {"koroma"}

    with db.session() as s:
        s.execute(delete(Participant).where(Participant.id == musa))
    assert set(kept(db)) == {abu}
    with db.session() as s:  # as an older list might have left him, without a surname
        one_word = add_participant(s, "Kadiatu", "", community=place).id
    assert set(kept(db)) == {abu} and one_word  # a one-word name has no later words
    assert database_problems(db) == []


def test_an_imported_list_keeps_each_mans_words(db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "Full Name,Sex,Age,Community\nMohamed Kamara,M,34,Tombo\nÉmile Sorie Koné,M,40,Tombo\n",
        encoding="utf-8",
    )
    with db.session() as s:
        plan = plan_import(s, load_source(path), today=TODAY)
        run_import(s, SYSTEM, plan, today=TODAY)
    with db.session() as s:
        ids = dict(s.execute(select(Participant.name_key, Participant.id)).all())
    assert kept(db) == {
        ids["mohamed kamara"]: {"kamara"},
        ids["emile sorie kone"]: {"sorie kone", "kone"},
    }


def test_a_demo_database_keeps_every_mans_words_and_check_finds_them_right(db):
    build_demo(db, "small", 1, today=date(2026, 6, 1))
    with db.session() as s:
        names = dict(s.execute(select(Participant.id, Participant.name_key)).all())
    words = kept(db)
    assert len(names) > 50 and set(words) == set(names)
    for participant_id, name_key in names.items():
        parts = name_key.split(" ")
        assert words[participant_id] == {" ".join(parts[i:]) for i in range(1, len(parts))}
    assert database_problems(db) == []


def test_check_names_a_participant_whose_words_are_wrong_by_id_only(db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    kamara = register(db, "Mohamed", "Kamara", place)
    sesay = register(db, "Ibrahim", "Sesay", place)
    turay = register(db, "Sorie", "Turay", place)
    with db.engine.begin() as conn:  # as another program writing past the ORM might
        conn.execute(text("UPDATE name_words SET from_word = 'kamaraa' WHERE from_word = 'kamara'"))
        conn.execute(text(f"INSERT INTO name_words VALUES ({sesay}, 'ibrahim sesay')"))
        conn.execute(delete(NameWord).where(NameWord.participant_id == turay))
    problems = database_problems(db)
    assert problems == [
        f"name_words of participant id {kamara} differ from the name split afresh",
        f"name_words of participant id {sesay} differ from the name split afresh",
        f"name_words of participant id {turay} differ from the name split afresh",
    ]
    assert not any(word in " ".join(problems).lower() for word in ("mohamed", "kamara", "sorie"))
