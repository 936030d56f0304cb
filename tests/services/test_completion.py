"""The completion rule at its edges, applied when a group's last meeting is held."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from mwp_desktop.models import Enrollment
from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark
from mwp_desktop.services.sessions.completion import group_eligibility, required_sessions
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.groups import add_group_with_members

START = date(2026, 1, 5)
TODAY = date(2026, 12, 1)

# For each member, his mark at sessions 1..16 (P present, L late, E excused, A absent).
PATTERNS = {
    "eleven": "P" * 11 + "A" * 5,
    "twelve": "P" * 12 + "A" * 4,
    "sixteen": "P" * 16,
    "eleven_and_excused": "P" * 11 + "E" * 5,
    "late_counts": "P" * 10 + "LL" + "A" * 4,
    "made_up": "P" * 11 + "A" * 5,  # makes up session 16 at a make-up meeting
    "dropped": "P" * 12 + "A" * 4,
}
LETTERS = {"P": "present", "L": "late", "E": "excused", "A": "absent"}


def statuses(db, group_id):
    with db.session() as s:
        rows = s.execute(
            select(Enrollment.participant_id, Enrollment.status).where(
                Enrollment.group_id == group_id
            )
        )
        return dict(rows.all())


def test_required_sessions_rounds_up():
    assert required_sessions(16, 0.75) == 12
    assert required_sessions(8, 0.75) == 6
    assert required_sessions(16, 0.7) == 12  # 11.2 sessions: 12 needed
    assert required_sessions(16, 0.0) == 1


def test_the_rule_is_applied_when_the_last_meeting_is_held(db):
    with db.session() as s:
        group_id, people = add_group_with_members(s, len(PATTERNS))
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(16)]
        )
    who = dict(zip(PATTERNS, people, strict=True))
    with db.session() as s:
        dropped = s.scalars(
            select(Enrollment).where(Enrollment.participant_id == who["dropped"])
        ).one()
        dropped.status, dropped.ended_on = "dropped", START + timedelta(weeks=15)
    for number, meeting_id in enumerate(ids[:15]):
        for name, pattern in PATTERNS.items():
            with db.session() as s:
                set_mark(s, STAFF, meeting_id, who[name], LETTERS[pattern[number]], today=TODAY)
    before_last = statuses(db, group_id)
    assert set(before_last.values()) == {"active", "dropped"}
    with db.session() as s:
        makeup = scheduling.add_makeup(s, STAFF, ids[15], START + timedelta(weeks=16))
    # The last regular session: its first mark records it held, but a make-up is still open.
    for name, pattern in PATTERNS.items():
        if name != "dropped":
            with db.session() as s:
                set_mark(s, STAFF, ids[15], who[name], LETTERS[pattern[15]], today=TODAY)
    assert set(statuses(db, group_id).values()) == {"active", "dropped"}
    with db.session() as s:
        set_mark(s, STAFF, makeup, who["made_up"], "present", today=TODAY)
    # The make-up was the last open meeting: the rule has now been applied.
    after = statuses(db, group_id)
    expected = {
        "eleven": "not_completed",
        "twelve": "completed",
        "sixteen": "completed",
        "eleven_and_excused": "not_completed",
        "late_counts": "completed",
        "made_up": "completed",
        "dropped": "dropped",
    }
    assert {name: after[who[name]] for name in PATTERNS} == expected
    with db.session() as s:
        eligibility = group_eligibility(s, group_id)
        ended = s.scalars(
            select(Enrollment.ended_on).where(Enrollment.participant_id == who["twelve"])
        ).one()
    assert ended == START + timedelta(weeks=16)
    assert eligibility[who["eleven_and_excused"]].excused == 5
    assert eligibility[who["eleven_and_excused"]].sessions_attended == 11
    assert eligibility[who["made_up"]].sessions_attended == 12
    assert not eligibility[who["dropped"]].eligible  # 12 sessions, but he dropped out
    assert [name for name in PATTERNS if eligibility[who[name]].eligible] == [
        "twelve",
        "sixteen",
        "late_counts",
        "made_up",
    ]
    # A correction after the end moves the member across the line.
    with db.session() as s:
        set_mark(s, STAFF, ids[11], who["eleven"], "present", today=TODAY)
        set_mark(s, STAFF, ids[11], who["twelve"], "absent", today=TODAY)
    after = statuses(db, group_id)
    assert after[who["eleven"]] == "completed"
    assert after[who["twelve"]] == "not_completed"


def test_the_share_is_a_setting(db):
    with db.session() as s:
        group_id, people = add_group_with_members(s, 1, kind="women")
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(8)]
        )
        set_setting(s, ADMIN, "completion_share", 0.5)
    for meeting_id, letter in zip(ids, "PPPPAAAA", strict=True):
        with db.session() as s:
            set_mark(s, STAFF, meeting_id, people[0], LETTERS[letter], today=TODAY)
    assert statuses(db, group_id) == {people[0]: "completed"}


def test_the_register_shows_who_is_eligible(db):
    from mwp_desktop.services.sessions.attendance import load_register

    with db.session() as s:
        group_id, people = add_group_with_members(s, 2, kind="women")
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [START + timedelta(weeks=i) for i in range(8)]
        )
    for meeting_id, first, second in zip(ids, "PPPPPLAA", "PPPPPAAA", strict=True):
        with db.session() as s:
            set_mark(s, STAFF, meeting_id, people[0], LETTERS[first], today=TODAY)
            set_mark(s, STAFF, meeting_id, people[1], LETTERS[second], today=TODAY)
    with db.session() as s:
        register = load_register(s, STAFF, group_id, today=TODAY)
    rows = {r.participant_id: r for r in register.rows}
    assert register.required == 6
    assert register.eligible(rows[people[0]])  # 5 present and 1 late: 6 of 8
    assert not register.eligible(rows[people[1]])  # 5 of 8
    assert register.row_total(rows[people[0]]).text == "75% (6/8)"
    assert statuses(db, group_id) == {people[0]: "completed", people[1]: "not_completed"}
