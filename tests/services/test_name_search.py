"""The search box finds exactly the men it always found, in the same order, whichever way a name
is matched: read from the name words (few matches) or tested on each name as the name index is
walked (many). Names chosen to trip a word match: a first name that is also a surname, a double
surname with a hyphen, the same word twice, accents and capitals, apostrophes, a dot, letters
outside Latin, and two men of the same name."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from mwp_desktop.services.actor import SYSTEM, Actor
from mwp_desktop.services.registration import participant_search
from mwp_desktop.services.registration.enrollments import enrol
from mwp_desktop.services.registration.participant_search import (
    ParticipantQuery,
    count_participants,
    search_participants,
)
from mwp_desktop.services.registration.participants import ParticipantInput, register_participant
from mwp_desktop.services.registration.validation import name_key, search_key
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.places import add_community, add_facilitator

TODAY = date(2026, 3, 2)
NAMES = (
    ("Mohamed", "Kamara", "076 123 456"),
    ("Mohamed", "Kamara", "076 123 999"),  # the same name: told apart by id
    ("Kamara", "Sesay", None),
    ("Abu Bakarr", "Kamara-Sesay", "088 555 111"),
    ("Fatmata", "Kámara", None),
    ("FÁTMATA", "Koroma", "076 200 300"),
    ("Émile", "Sorie Koné", None),
    ("Sesay", "Mohamed", None),
    ("Abu", "Sesay Mohamed", None),
    ("O'Neil", "Turay", None),
    ("Kam", "Kam", None),
    ("Sahr", "Kam", None),
    ("Mariama", "Straße", None),
    ("Ibrahim", "Bangura Jr.", None),
    ("Ṣẹ̀gun", "Adé", None),
    ("李", "明", None),
    ("Kadiatu", "Kamanda", None),
)
# Typed as people type, a letter at a time and otherwise: beginnings of first names, surnames
# and later words, two words, accents and capitals, marks, wildcards of LIKE, nothing found.
TYPED = (
    "k", "ka", "kam", "kama", "kamara", "kamara s", "kamara-s", "kamara-sesay", "KÁMARA",
    "sesay", "sesay m", "sesay mo", "bakarr kam", "fatm", "fátm", "FATMATA", "emi", "émile",
    "sorie k", "o'n", "o'neil t", "jr", "jr.", "strasse", "straße", "ss", "李", "明", "seg",
    "ṣẹ̀", "m", "mohamed kamara", "  kam  ", "%", "_", "k_m", "k%", "\\", "zzz", "a", "ad",
)  # fmt: skip
SORTS = (("name", False), ("name", True), ("code", False), ("age", True), ("community", False))


@pytest.fixture
def register(db):
    """The men of NAMES, registered through the service as the Participants panel does, in two
    communities; a facilitator leads a group of some of them. Returns (ids in NAMES order,
    the facilitator's actor, his group's id, the first community's id)."""
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya").id
        goderich = add_community(s, "Goderich", chiefdom="", district="Western Urban").id
        leader = add_facilitator(s, "Sallieu Kargbo").id
        group = add_group(s, "M26-001", community=tombo, facilitator=leader).id
        ids = []
        for n, (first, last, phone) in enumerate(NAMES):
            data = ParticipantInput(
                first, last, "M", str(20 + n), phone, tombo if n % 3 else goderich
            )
            made = register_participant(s, SYSTEM, data, today=TODAY, allow_duplicate=True)
            ids.append(made.id)
        for n in (0, 2, 3, 7, 10, 14):
            enrol(s, SYSTEM, ids[n], group, TODAY)
    actor = Actor(user_id=None, username="sallieu", role="facilitator", facilitator_id=leader)
    return ids, actor, group, tombo


def names_found(db, actor, query, offset=0, limit=100) -> list[str]:
    with db.session() as s:
        page = search_participants(s, actor, query, offset, limit, TODAY)
        return [row.name for row in page]


def counted(db, actor, query) -> tuple[int, bool]:
    with db.session() as s:
        return count_participants(s, actor, query)


def expected_ids(ids, text: str, among: set[int]) -> list[int]:
    """The men a name search has always found: those whose name key begins with the typed text
    or has it after a space, in name order (then id)."""
    key = search_key(text)
    keys = {pid: name_key(first, last) for pid, (first, last, _) in zip(ids, NAMES, strict=True)}
    found = [pid for pid in among if keys[pid].startswith(key) or f" {key}" in keys[pid]]
    return sorted(found, key=lambda pid: (keys[pid], pid))


@pytest.mark.parametrize("way", ["as today", "from the name words", "walking the names"])
def test_every_search_finds_the_same_men_in_the_same_order_either_way(
    db, register, monkeypatch, way
):
    ids, facilitator, group, tombo = register
    few = {"as today": participant_search.FEW_NAMES, "from the name words": 10**9}.get(way, -1)
    monkeypatch.setattr(participant_search, "FEW_NAMES", few)
    monkeypatch.setattr(participant_search, "FEW_NAMES_TO_COUNT", 10**9 if few > 0 else -1)
    full_names = dict(zip(ids, (f"{first} {last}" for first, last, _ in NAMES), strict=True))
    in_group = {ids[n] for n in (0, 2, 3, 7, 10, 14)}
    in_tombo = {pid for n, pid in enumerate(ids) if n % 3}
    scopes = (
        (ADMIN, {}, set(ids)),
        (ADMIN, {"community_id": tombo}, in_tombo),
        (ADMIN, {"group_id": group}, in_group),
        (facilitator, {}, in_group),  # he sees only the men of the groups he leads
    )
    for text in TYPED:
        for actor, narrowed, among in scopes:
            want = [full_names[pid] for pid in expected_ids(ids, text, among)]
            query = ParticipantQuery(text, **narrowed)
            assert names_found(db, actor, query) == want, (text, narrowed, actor.role)
            assert names_found(db, actor, query, offset=1, limit=2) == want[1:3], text
            assert counted(db, actor, query) == (len(want), False), text
            descending = ParticipantQuery(text, sort="name", descending=True, **narrowed)
            assert names_found(db, actor, descending) == want[::-1], text
            for sort, down in SORTS[2:]:
                other = ParticipantQuery(text, sort=sort, descending=down, **narrowed)
                assert sorted(names_found(db, actor, other)) == sorted(want), (text, sort)


def test_codes_and_phones_are_found_as_before(db, register):
    ids, facilitator, _group, _tombo = register
    with db.session() as s:
        first_code = search_participants(s, ADMIN, ParticipantQuery("mohamed k"), today=TODAY)[
            0
        ].code
    assert names_found(db, ADMIN, ParticipantQuery(first_code)) == ["Mohamed Kamara"]
    assert names_found(db, ADMIN, ParticipantQuery("076 1")) == ["Mohamed Kamara"] * 2
    assert names_found(db, ADMIN, ParticipantQuery("076")) == [
        "FÁTMATA Koroma", "Mohamed Kamara", "Mohamed Kamara"
    ]  # fmt: skip
    assert names_found(db, facilitator, ParticipantQuery("088 5")) == ["Abu Bakarr Kamara-Sesay"]
    assert names_found(db, facilitator, ParticipantQuery("076 2")) == []


def _statements(db, search) -> list[str]:
    """SQLite's plan of each statement `search()` runs to find participants: a page's ids, in
    order, and their count."""
    seen = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        found = "ORDER BY" in statement or "count(*)" in statement
        if found and "FROM participants" in statement:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        search()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    with db.engine.connect() as conn:
        return [
            " / ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", args))
            for sql, args in seen
        ]


@pytest.mark.sqlite_only  # reads SQLite's query plan
@pytest.mark.parametrize("text", ["sesay m", "fatm", "straße", "zzz"])
def test_a_rare_name_is_read_from_its_words_not_by_walking_every_name(db, register, text):
    # At 4x national, "sesay m" (no man) walked all 450,000 names, 2.8 million SQLite steps
    # (~60 ms a keystroke), "fatm" 800,000.
    def search():
        names_found(db, ADMIN, ParticipantQuery(text))
        counted(db, ADMIN, ParticipantQuery(text))

    plans = _statements(db, search)
    assert len(plans) == 2, plans  # the page's ids and the count
    for plan in plans:
        assert "ix_name_words_from_word" in plan, plan
        assert "SCAN participants" not in plan, plan  # no name read but those that match
