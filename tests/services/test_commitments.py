"""Men's commitments: made at the session the curriculum marks (session 5) or its make-up, one
to three a man; checked on at later meetings, make-ups included, the latest check-in being the
one of the latest meeting; his next step at the closing session; facilitators read their own
groups' and record nothing; every change audited without the man's words."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import AuditEvent, Group, Meeting
from mwp_desktop.services.sessions import commitments
from tests.builders.accounts import add_user_accounts
from tests.builders.marks import add_held_group

TODAY = date(2026, 5, 1)
# Three men; the third missed session 5 (index 4) and came to its make-up; the first missed
# session 6 (index 5) and came to its make-up; the second was absent at session 6 and stayed so.
PATTERNS = ["PPPPPAPP" + "P" * 8, "PPPPPAPP" + "P" * 8, "PPPPAPPP" + "P" * 8]


@pytest.fixture
def group(db, fast_hashing):
    group_id, men, meetings = add_held_group(db, PATTERNS, today=TODAY, makeups={4: [2], 5: [0]})
    with db.session() as s:
        makeups = {
            s.get(Meeting, m.makeup_of_id).session.number: m.id
            for m in s.scalars(select(Meeting).where(Meeting.makeup_of_id.is_not(None)))
        }
        leader = s.get(Group, group_id).facilitator_id
        actors = add_user_accounts(s, ("staff", "facilitator"), facilitator=leader)
    return group_id, men, meetings, makeups, actors


def make(db, actor, meeting_id, man, area="housework_care", words="I fetch water twice a week",
         kind="commitment") -> int:  # fmt: skip
    with db.session() as s:
        return commitments.make_commitment(
            s, actor, meeting_id, man, area, words, kind=kind, today=TODAY
        )


def check_in(db, actor, commitment_id, meeting_id, progress, note=""):
    with db.session() as s:
        commitments.check_in(s, actor, commitment_id, meeting_id, progress, note, today=TODAY)


def test_each_man_makes_one_to_three_commitments_at_the_commitments_session(db, group):
    group_id, men, meetings, makeups, actors = group
    staff = actors["staff"]
    for area in ("housework_care", "decisions_money", "non_violence"):
        make(db, staff, meetings[4], men[0], area)
    with pytest.raises(ValidationError, match="at most three commitments"):
        make(db, staff, meetings[4], men[0], "community")
    with pytest.raises(ValidationError, match="made at session 5"):
        make(db, staff, meetings[3], men[1])
    with pytest.raises(ValidationError) as refused:
        make(db, staff, meetings[4], men[1], "gossip", " ")
    assert refused.value.fields == {
        "area": "Choose the area of his life it is about.",
        "words": "Write his commitment in his own words.",
    }
    with pytest.raises(ValidationError, match="short"):
        make(db, staff, meetings[4], men[1], words="x" * 161)
    # The man who missed session 5 makes his at its make-up.
    make(db, staff, makeups[5], men[2], "communication_respect")
    with db.session() as s:
        sheet = commitments.meeting_commitments(s, staff, meetings[4])
    assert sheet.makes_commitments and not sheet.is_closing
    # Each man's commitments show at every meeting, wherever he made them.
    assert {man.participant_id: len(man.lines) for man in sheet.men} == {
        men[0]: 3, men[1]: 0, men[2]: 1,
    }  # fmt: skip
    with db.session() as s:
        makeup_sheet = commitments.meeting_commitments(s, staff, makeups[5])
    assert [line.area_title for man in makeup_sheet.men for line in man.lines] == [
        "Communication and respect"
    ]


def test_check_ins_follow_the_men_across_make_up_meetings(db, group):
    group_id, men, meetings, makeups, actors = group
    staff = actors["staff"]
    first = make(db, staff, meetings[4], men[0])
    second = make(db, staff, meetings[4], men[1], "decisions_money", "We decide on money together")
    late_starter = make(db, staff, makeups[5], men[2], "non_violence", "I walk away when angry")

    check_in(db, staff, first, makeups[6], "kept", "Wife confirms")  # he missed session 6
    with pytest.raises(ValidationError, match="marked absent"):
        check_in(db, staff, second, meetings[5], "partly")
    with pytest.raises(ValidationError, match="after the meeting it was made at"):
        check_in(db, staff, late_starter, meetings[4], "kept")
    check_in(db, staff, late_starter, meetings[5], "not_yet")
    check_in(db, staff, late_starter, meetings[6], "partly")
    check_in(db, staff, second, meetings[6], "changed", "Now about school fees")
    check_in(db, staff, second, meetings[6], "kept")  # typed again: the same check-in changed
    check_in(db, staff, first, meetings[7], None)  # nothing to clear: stays as it was

    with db.session() as s:
        latest = {
            (line.code, line.area): (line.latest, line.made_at)
            for line in commitments.group_commitments(s, staff, group_id)
        }
        at_six = commitments.meeting_commitments(s, staff, meetings[6])
    codes = {man.participant_id: man.code for man in at_six.men}
    assert latest == {
        (codes[men[0]], "housework_care"): ("kept", 5),
        (codes[men[1]], "decisions_money"): ("kept", 5),
        (codes[men[2]], "non_violence"): ("partly", 5),
    }
    by_man = {man.participant_id: man.lines for man in at_six.men}
    assert [(line.this_meeting, line.previous) for line in by_man[men[2]]] == [
        ("partly", "not_yet")
    ]


def test_his_next_step_is_recorded_at_the_closing_session_only(db, group):
    group_id, men, meetings, _makeups, actors = group
    staff = actors["staff"]
    with pytest.raises(ValidationError, match="closing session"):
        make(
            db,
            staff,
            meetings[4],
            men[0],
            "community",
            "Speak at the chief's meeting",
            kind="next_step",
        )
    make(
        db,
        staff,
        meetings[15],
        men[0],
        "community",
        "Speak at the chief's meeting",
        kind="next_step",
    )
    with pytest.raises(ValidationError, match="already has a next step"):
        make(db, staff, meetings[15], men[0], "other", "Join the next group", kind="next_step")
    with db.session() as s:
        sheet = commitments.meeting_commitments(s, staff, meetings[15])
        lines = commitments.group_commitments(s, staff, group_id)
    assert sheet.is_closing
    assert [(line.kind, line.words) for line in lines] == [
        ("next_step", "Speak at the chief's meeting")
    ]


def test_a_facilitator_reads_his_groups_commitments_and_records_none(db, group):
    group_id, men, meetings, _makeups, actors = group
    made = make(db, actors["staff"], meetings[4], men[0])
    fatu = actors["facilitator"]
    with db.session() as s:
        assert [line.id for line in commitments.group_commitments(s, fatu, group_id)] == [made]
    with pytest.raises(PermissionDenied):
        make(db, fatu, meetings[4], men[1])
    with pytest.raises(PermissionDenied):
        check_in(db, fatu, made, meetings[6], "kept")
    with db.session() as s:  # the group is given to another facilitator
        s.get(Group, group_id).facilitator_id = None
    with db.session() as s, pytest.raises(PermissionDenied):
        commitments.group_commitments(s, fatu, group_id)


def test_every_change_is_audited_without_his_words(db, group):
    group_id, men, meetings, _makeups, actors = group
    staff = actors["staff"]
    made = make(db, staff, meetings[4], men[0], words="I cook on Sundays")
    check_in(db, staff, made, meetings[6], "kept", "Seen by neighbours")
    with db.session() as s:
        commitments.change_commitment(
            s, staff, made, "housework_care", "I cook on Sundays and Fridays"
        )
        commitments.remove_commitment(s, staff, made)
    with db.session() as s:
        events = s.execute(
            select(AuditEvent.action, AuditEvent.entity, AuditEvent.before, AuditEvent.after,
                   AuditEvent.summary)
            .where(AuditEvent.entity.in_(("commitment", "commitment_check_in")))
            .order_by(AuditEvent.id)
        ).all()  # fmt: skip
    assert [(action, entity) for action, entity, *_ in events] == [
        ("create", "commitment"), ("create", "commitment_check_in"),
        ("update", "commitment"), ("delete", "commitment"),
    ]  # fmt: skip
    assert not any("Sundays" in str(event) or "neighbours" in str(event) for event in events)


def test_a_new_curriculum_version_can_move_the_commitments_session(db, fast_hashing):
    from mwp_desktop.models import CurriculumSession
    from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE, latest_curriculum
    from mwp_desktop.services.sessions.curriculum_editing import (
        curriculum_detail,
        start_new_version,
        update_session,
    )
    from tests.builders.accounts import SUPERVISOR

    with db.session() as s:
        old = latest_curriculum(s, MEN_CURRICULUM_CODE).id
        new = start_new_version(s, SUPERVISOR, old)
        sessions = {row.number: row for row in curriculum_detail(s, new).sessions}
        assert [n for n, row in sessions.items() if row.commitments_made] == [5]  # copied
        for number, made_here in ((5, False), (6, True)):
            row = sessions[number]
            update_session(s, SUPERVISOR, row.id, title=row.title, objectives=row.objectives,
                           activities=row.activities, materials=row.materials,
                           minutes=row.minutes, commitments_made=made_here)  # fmt: skip
        flagged = s.scalars(
            select(CurriculumSession.number).where(
                CurriculumSession.curriculum_id == new, CurriculumSession.commitments_made
            )
        ).all()
    assert flagged == [6]
