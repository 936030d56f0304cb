"""Collecting a round: consent per man, answers typed one at a time and saved at once, no
answers without consent, and who may enter or read them.

The group WR-001 starts on Monday 5 January 2026 with its sixteen weekly meetings planned (the
last on 20 April) and four men enrolled; today is 1 June 2026."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import AuditEvent, Group, Participant, SurveyAnswer, SurveyResponse
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.surveys.entry_sheet import entry_sheet
from mwp_desktop.services.surveys.man_scores import man_scores
from mwp_desktop.services.surveys.responses import clear_answer, record_consent, set_answer
from mwp_desktop.services.surveys.rounds import group_rounds, open_round
from tests.builders.accounts import ADMIN, STAFF, SUPERVISOR
from tests.builders.groups import add_group_with_members

TODAY = date(2026, 6, 1)
FIRST_SESSION = date(2026, 1, 5)
LAST_SESSION = date(2026, 4, 20)


@pytest.fixture
def group(db):
    """(group id, the four men's ids, the group's facilitator as an actor)."""
    with db.session() as s:
        group_id, men = add_group_with_members(
            s, 4, code="WR-001", start=FIRST_SESSION, enrolled_on=date(2026, 1, 1), planned=True
        )
        leader = Actor(None, "leader", "facilitator", s.get(Group, group_id).facilitator_id)
    return group_id, men, leader


def opened(db, group_id, kind="baseline", actor=STAFF):
    with db.session() as s:
        return open_round(s, actor, group_id, kind)


def answer(db, round_id, man, item, code, actor=STAFF, day=FIRST_SESSION):
    with db.session() as s:
        return set_answer(s, actor, round_id, man, item, code, taken_on=day, today=TODAY)


def answers_of(db, round_id, man):
    with db.session() as s:
        sheet = entry_sheet(s, SUPERVISOR, round_id)
    return next(row for row in sheet.rows if row.participant_id == man)


def test_each_answer_is_saved_at_once_and_the_first_records_consent(db, group):
    group_id, men, _leader = group
    baseline = opened(db, group_id)
    answer(db, baseline, men[0], 7, 1)
    row = answers_of(db, baseline, men[0])  # read back in a new session
    assert row.answers == {7: 1}
    assert (row.consent, row.taken_on) == ("given", FIRST_SESSION)
    answer(db, baseline, men[0], 7, 3)
    answer(db, baseline, men[0], 8, None)  # refused or did not know
    assert answers_of(db, baseline, men[0]).answers == {7: 3, 8: None}
    with db.session() as s:
        clear_answer(s, STAFF, baseline, men[0], 8)
    assert answers_of(db, baseline, men[0]).answers == {7: 3}


def test_a_refusal_keeps_no_answers_and_refuses_new_ones(db, group):
    group_id, men, _leader = group
    baseline = opened(db, group_id)
    answer(db, baseline, men[1], 1, 2)
    with db.session() as s:
        record_consent(s, STAFF, baseline, men[1], "refused", FIRST_SESSION, today=TODAY)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SurveyAnswer)) == 0
    with pytest.raises(ValidationError, match="refused this survey"):
        answer(db, baseline, men[1], 1, 2)
    row = answers_of(db, baseline, men[1])
    assert (row.consent, row.answers) == ("refused", {})


@pytest.mark.parametrize(
    ("item", "code", "reason"),
    [(7, 4, "not an answer"), (7, 0, "not an answer"), (99, 1, "no statement 99")],
)
def test_an_impossible_answer_is_refused_and_nothing_is_saved(db, group, item, code, reason):
    group_id, men, _leader = group
    baseline = opened(db, group_id)
    with pytest.raises(ValidationError, match=reason):
        answer(db, baseline, men[0], item, code)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(SurveyResponse)) == 0


@pytest.mark.parametrize(
    ("kind", "day", "reason"),
    [
        ("baseline", date(2026, 1, 12), "before or at session 1"),
        ("endline", date(2026, 4, 13), "at or after the last session"),
        ("follow-up", LAST_SESSION, "after the last session"),
        ("endline", date(2026, 7, 1), "has not come yet"),
    ],
)
def test_a_round_is_dated_where_it_belongs_in_the_schedule(db, group, kind, day, reason):
    group_id, men, _leader = group
    survey_round = opened(db, group_id, kind)
    with pytest.raises(ValidationError, match=reason):
        answer(db, survey_round, men[0], 1, 1, day=day)


def test_rounds_at_their_right_days_are_taken(db, group):
    group_id, men, _leader = group
    for kind, day in (("baseline", FIRST_SESSION), ("endline", LAST_SESSION),
                      ("follow-up", date(2026, 5, 30))):  # fmt: skip
        answer(db, opened(db, group_id, kind), men[0], 1, 1, day=day)
    with db.session() as s:
        rounds = group_rounds(s, STAFF, group_id)
    assert [(r.kind, r.consented, r.refused) for r in rounds] == [
        ("baseline", 1, 0), ("endline", 1, 0), ("follow-up", 1, 0)
    ]  # fmt: skip


def test_a_man_outside_the_group_cannot_be_answered_for(db, group):
    group_id, _men, _leader = group
    with db.session() as s:
        _other, strangers = add_group_with_members(s, 1, code="WR-002", start=FIRST_SESSION)
    with pytest.raises(ValidationError, match="not a member"):
        answer(db, opened(db, group_id), strangers[0], 1, 1)


def test_every_answer_is_audited_under_the_mans_code(db, group):
    group_id, men, _leader = group
    baseline = opened(db, group_id)
    answer(db, baseline, men[0], 7, 1)
    answer(db, baseline, men[0], 7, 2)
    with db.session() as s:
        code = s.get(Participant, men[0]).code
        trail = s.execute(
            select(AuditEvent.action, AuditEvent.summary, AuditEvent.after)
            .where(AuditEvent.entity == "survey_response")
            .order_by(AuditEvent.id)
        ).all()
    assert [(action, summary) for action, summary, _after in trail] == [
        ("create", f"Consent of {code} to the baseline survey recorded as given"),
        ("create", f"Answer of {code} to statement 7 of the baseline survey"),
        ("update", f"Answer of {code} to statement 7 of the baseline survey"),
    ]
    assert trail[2].after == '{"answer": 2}'  # only what changed


def test_facilitators_enter_nothing_and_read_only_their_groups_summaries(db, group):
    group_id, men, leader = group
    baseline = opened(db, group_id)
    answer(db, baseline, men[0], 1, 1)
    with db.session() as s, pytest.raises(PermissionDenied, match="cannot enter survey answers"):
        set_answer(s, leader, baseline, men[0], 2, 1, taken_on=FIRST_SESSION, today=TODAY)
    with db.session() as s, pytest.raises(PermissionDenied, match="individual survey answers"):
        man_scores(s, leader, group_id)
    with db.session() as s, pytest.raises(PermissionDenied):
        entry_sheet(s, leader, baseline)
    with db.session() as s:
        assert [r.consented for r in group_rounds(s, leader, group_id)] == [1]
    stranger = Actor(None, "other", "facilitator", None)
    with db.session() as s, pytest.raises(PermissionDenied, match="groups they lead"):
        group_rounds(s, stranger, group_id)


def test_staff_enter_answers_but_only_supervisors_and_admins_read_scores(db, group):
    group_id, men, _leader = group
    baseline = opened(db, group_id)
    for item in range(1, 24):
        answer(db, baseline, men[0], item, 2)
    with db.session() as s, pytest.raises(PermissionDenied, match="Office staff"):
        man_scores(s, STAFF, group_id)
    for reader in (SUPERVISOR, ADMIN):
        with db.session() as s:
            (scores,) = man_scores(s, reader, group_id)
        assert scores.rounds["baseline"].total == 46.0
        assert scores.change is None  # no endline yet


def test_the_change_is_endline_minus_baseline(db, group):
    group_id, men, _leader = group
    baseline, endline = opened(db, group_id), opened(db, group_id, "endline")
    for item in range(1, 24):
        answer(db, baseline, men[0], item, 2)
        answer(db, endline, men[0], item, 1 if item >= 18 else 3, day=LAST_SESSION)
    with db.session() as s:
        (scores,) = man_scores(s, SUPERVISOR, group_id)
    assert scores.rounds["endline"].total == 69.0
    assert scores.change == 23.0


def stored_score(db, round_id, man):
    with db.session() as s:
        response = s.scalar(
            select(SurveyResponse).where(
                SurveyResponse.round_id == round_id, SurveyResponse.participant_id == man
            )
        )
        return response.answered, response.total, response.inequitable, response.equitable


def test_the_score_kept_on_each_response_follows_every_change(db, group):
    group_id, men, _leader = group
    baseline = opened(db, group_id)
    for item in range(1, 19):
        answer(db, baseline, men[0], item, 3)  # 18 of 23: not yet scored
    assert stored_score(db, baseline, men[0]) == (18, None, None, None)
    answer(db, baseline, men[0], 19, 3)  # 19 of 23 is 82.6%: scored
    # Inequitable 17 x 3; equitable items 18 and 19 each score 1, so 2 x 1 / 2 x 6 = 6.
    assert stored_score(db, baseline, men[0]) == (19, round(53 / 19 * 23, 1), 51.0, 6.0)
    with db.session() as s:
        clear_answer(s, STAFF, baseline, men[0], 19)
    assert stored_score(db, baseline, men[0]) == (18, None, None, None)
    with db.session() as s:
        record_consent(s, STAFF, baseline, men[0], "refused", FIRST_SESSION, today=TODAY)
    assert stored_score(db, baseline, men[0]) == (0, None, None, None)


def test_sessions_attended_kept_on_the_response_follows_his_marks(db, group):
    from mwp_desktop.models import Meeting
    from mwp_desktop.services.sessions.attendance import set_mark

    group_id, men, _leader = group
    baseline = opened(db, group_id)
    answer(db, baseline, men[0], 1, 2)
    with db.session() as s:
        meetings = list(s.scalars(select(Meeting.id).where(Meeting.group_id == group_id)
                                  .order_by(Meeting.planned_date)))  # fmt: skip

    def attended():
        with db.session() as s:
            return s.scalar(select(SurveyResponse.sessions_attended))

    assert attended() == 0
    for meeting, status in ((meetings[0], "present"), (meetings[1], "late"),
                            (meetings[2], "absent")):  # fmt: skip
        with db.session() as s:
            set_mark(s, STAFF, meeting, men[0], status, today=TODAY)
    assert attended() == 2
    with db.session() as s:
        set_mark(s, STAFF, meetings[0], men[0], None, today=TODAY)
    assert attended() == 1
    with db.session() as s:
        set_mark(s, STAFF, meetings[0], men[1], "present", today=TODAY)  # another man
    assert attended() == 1


def test_sessions_attended_counted_when_his_first_answer_is_typed(db, group):
    """Marks taken before the survey are counted into the response his first answer makes."""
    from mwp_desktop.models import Meeting
    from mwp_desktop.services.sessions.attendance import set_mark

    group_id, men, _leader = group
    with db.session() as s:
        meetings = list(s.scalars(select(Meeting.id).where(Meeting.group_id == group_id)
                                  .order_by(Meeting.planned_date)))  # fmt: skip
    for meeting in meetings[:3]:
        with db.session() as s:
            set_mark(s, STAFF, meeting, men[0], "present", today=TODAY)
    endline = opened(db, group_id, "endline")
    answer(db, endline, men[0], 1, 2, day=LAST_SESSION)
    answer(db, endline, men[0], 2, 3, day=LAST_SESSION)
    with db.session() as s:
        assert s.scalar(select(SurveyResponse.sessions_attended)) == 3


def test_an_answer_typed_reads_the_questionnaire_once_and_not_his_attendance(db, group):
    """Typing is as fast as the register: an answer to a response that exists reads the
    questionnaire once and does not recount the man's marks (kept as they change)."""
    from sqlalchemy import event

    group_id, men, _leader = group
    baseline = opened(db, group_id)
    answer(db, baseline, men[0], 1, 2)
    statements: list[str] = []

    def seen(_conn, _cursor, sql, *_args):
        statements.append(sql)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        answer(db, baseline, men[0], 2, 3)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert sum("FROM survey_instruments" in sql for sql in statements) == 1
    assert not [sql for sql in statements if "attendance" in sql]
    assert answers_of(db, baseline, men[0]).answers[2] == 3
