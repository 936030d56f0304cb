"""Planning a group's weeks around the holidays, and changing the plan later."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import AuditEvent, Meeting
from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.closed_days import (
    add_closed_day,
    list_closed_days,
    remove_closed_day,
)
from mwp_desktop.services.sessions.completion import group_tallies
from tests.builders.accounts import ADMIN, FACILITATOR, STAFF, SUPERVISOR
from tests.builders.groups import add_group, add_group_with_members


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_sixteen_mondays_pass_over_the_2026_monday_holidays(db):
    with db.session() as s:
        group_id = add_group(s, start=d("2026-01-05"), weekday=0).id
        proposal = scheduling.propose_schedule(s, group_id)
    assert [p.number for p in proposal] == list(range(1, 17))
    dates = [p.planned_date for p in proposal]
    # Women's Day observed (9 March), Easter Monday (6 April), Independence Day (27 April).
    assert d("2026-03-09") not in dates and d("2026-04-06") not in dates
    assert d("2026-04-27") not in dates
    assert dates[:4] == [d("2026-01-05"), d("2026-01-12"), d("2026-01-19"), d("2026-01-26")]
    assert dates[-1] == d("2026-05-11")
    assert all(day.weekday() == 0 for day in dates)
    skipped = {day: reason for p in proposal for day, reason in p.skipped}
    assert "Easter Monday" in skipped[d("2026-04-06")]
    assert "Independence" in skipped[d("2026-04-27")]


def test_schedule_across_the_year_end_skips_christmas_and_new_year(db):
    with db.session() as s:
        group_id = add_group(s, start=d("2026-12-09"), weekday=4).id  # Fridays
        dates = [p.planned_date for p in scheduling.propose_schedule(s, group_id)]
    # The first Friday on or after 9 December, then past Christmas and New Year's Day.
    assert dates[:4] == [d("2026-12-11"), d("2026-12-18"), d("2027-01-08"), d("2027-01-15")]
    assert len(dates) == 16 and len(set(dates)) == 16


def test_office_closed_days_are_passed_over_and_can_be_removed(db):
    with db.session() as s:
        group_id = add_group(s, start=d("2026-01-05")).id
        closed = add_closed_day(s, ADMIN, d("2026-01-19"), "Retreat")
        dates = [p.planned_date for p in scheduling.propose_schedule(s, group_id)]
        assert d("2026-01-19") not in dates and d("2026-01-26") in dates
        assert [c.reason for c in list_closed_days(s)] == ["Retreat"]
        with pytest.raises(ValidationError):
            add_closed_day(s, SUPERVISOR, d("2026-01-19"), "again")
        with pytest.raises(PermissionDenied):
            add_closed_day(s, STAFF, d("2026-01-20"), "not allowed")
        remove_closed_day(s, SUPERVISOR, closed.id)
        dates = [p.planned_date for p in scheduling.propose_schedule(s, group_id)]
        assert d("2026-01-19") in dates


def test_womens_dialogue_groups_get_eight_meetings(db):
    with db.session() as s:
        group_id = add_group(s, kind="women", start=d("2026-06-03"), weekday=2).id
        proposal = scheduling.propose_schedule(s, group_id)
    assert len(proposal) == 8


def test_saving_an_edited_proposal_plans_one_meeting_per_session(db):
    with db.session() as s:
        group_id = add_group(s, start=d("2026-01-05")).id
        dates = [p.planned_date for p in scheduling.propose_schedule(s, group_id)]
        dates[3] = d("2026-01-28")  # the user changed one date before saving
        scheduling.save_schedule(s, STAFF, group_id, dates)
    with db.session() as s:
        schedule = scheduling.group_schedule(s, ADMIN, group_id)
        assert [m.planned_date for m in schedule] == dates
        assert [m.number for m in schedule] == list(range(1, 17))
        assert {m.status for m in schedule} == {"planned"}
        assert scheduling.group_header(s, group_id).start_date == d("2026-01-05")
        # Planning again before anything happened replaces the plan.
        later = [day + timedelta(weeks=1) for day in dates]
        scheduling.save_schedule(s, STAFF, group_id, later)
        assert len(scheduling.group_schedule(s, ADMIN, group_id)) == 16


def test_a_schedule_must_have_every_session_in_date_order(db):
    with db.session() as s:
        group_id = add_group(s).id
        dates = [d("2026-01-05") + timedelta(weeks=i) for i in range(16)]
        with pytest.raises(ValidationError, match="16 dates"):
            scheduling.save_schedule(s, STAFF, group_id, dates[:15])
        dates[5], dates[6] = dates[6], dates[5]
        with pytest.raises(ValidationError, match="session 7"):
            scheduling.save_schedule(s, STAFF, group_id, dates)
        with pytest.raises(PermissionDenied):
            scheduling.save_schedule(s, FACILITATOR, group_id, sorted(dates))


def test_a_group_that_has_met_keeps_its_schedule(db):
    with db.session() as s:
        group_id = add_group(s).id
        dates = [d("2026-01-05") + timedelta(weeks=i) for i in range(16)]
        ids = scheduling.save_schedule(s, STAFF, group_id, dates)
        scheduling.mark_held(s, STAFF, ids[0], d("2026-01-05"), today=d("2026-01-06"))
        with pytest.raises(ValidationError, match="already met"):
            scheduling.save_schedule(s, STAFF, group_id, dates)


def test_postpone_shifts_the_later_meetings_a_week_around_holidays(db):
    with db.session() as s:
        group_id = add_group(s, start=d("2026-01-05")).id
        dates = [p.planned_date for p in scheduling.propose_schedule(s, group_id)]
        ids = scheduling.save_schedule(s, STAFF, group_id, dates)
        moves = scheduling.postpone_and_shift(s, STAFF, ids[8])  # session 9 on 2 March
        schedule = scheduling.group_schedule(s, ADMIN, group_id)
    new_dates = [m.planned_date for m in schedule]
    assert new_dates[:8] == dates[:8]  # earlier meetings stay
    # 2 March -> 9 March is Women's Day observed: session 9 goes to 16 March.
    assert new_dates[8] == d("2026-03-16")
    assert all(b > a for a, b in zip(new_dates, new_dates[1:], strict=False))
    assert len(moves) == 8
    assert all(new >= old + timedelta(weeks=1) for _, old, new in moves)
    holidays = {d("2026-03-09"), d("2026-04-06"), d("2026-04-27")}
    assert not holidays & set(new_dates)
    assert "Postponed from 02/03/2026" in schedule[8].notes


def test_move_cancel_and_refusals(db):
    with db.session() as s:
        group_id = add_group(s).id
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [d("2026-01-05") + timedelta(weeks=i) for i in range(16)]
        )
        scheduling.move_meeting(s, STAFF, ids[1], d("2026-01-13"))
        assert scheduling.meeting_info(s, ids[1]).planned_date == d("2026-01-13")
        with pytest.raises(ValidationError, match="why"):
            scheduling.cancel_meeting(s, STAFF, ids[2], "  ")
        scheduling.cancel_meeting(s, STAFF, ids[2], "Funeral in the community")
        info = scheduling.meeting_info(s, ids[2])
        assert (info.status, info.cancel_reason) == ("cancelled", "Funeral in the community")
        with pytest.raises(ValidationError, match="cancelled"):
            scheduling.move_meeting(s, STAFF, ids[2], d("2026-01-20"))
        with pytest.raises(ValidationError, match="future"):
            scheduling.mark_held(s, STAFF, ids[3], d("2026-02-01"), today=d("2026-01-31"))
        actions = s.query(AuditEvent.summary).filter(AuditEvent.entity == "meeting").all()
        assert any("Cancelled: Funeral" in a for (a,) in actions)


def test_a_make_up_meeting_counts_once_for_its_session(db):
    from mwp_desktop.services.sessions.attendance import set_mark

    today = d("2026-03-01")
    with db.session() as s:
        group_id, people = add_group_with_members(s, 2)
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [d("2026-01-05") + timedelta(weeks=i) for i in range(16)]
        )
        scheduling.cancel_meeting(s, STAFF, ids[1], "Rain")
        makeup = scheduling.add_makeup(s, STAFF, ids[1], d("2026-01-14"))
        for meeting in (ids[0], makeup):
            for pid in people:
                set_mark(s, STAFF, meeting, pid, "present", today=today)
        # A second make-up of session 1 for someone who missed nothing: still one session.
        extra = scheduling.add_makeup(s, STAFF, ids[0], d("2026-01-16"))
        set_mark(s, STAFF, extra, people[0], "present", today=today)
        assert s.get(Meeting, makeup).session_id == s.get(Meeting, ids[1]).session_id
        tallies = group_tallies(s, group_id)
    assert tallies[people[0]].sessions_attended == 2
    assert tallies[people[1]].sessions_attended == 2


def test_curriculum_edits_go_to_a_new_version_once_groups_use_it(db):
    from mwp_desktop.services.sessions.curricula import latest_curriculum
    from mwp_desktop.services.sessions.curriculum_editing import (
        curriculum_detail,
        start_new_version,
        update_session,
    )

    with db.session() as s:
        group_id = add_group(s).id
        v1 = latest_curriculum(s, "MWP-MEN")
        detail = curriculum_detail(s, v1.id)
        assert (detail.groups_using, detail.editable, len(detail.sessions)) == (1, False, 16)
        first = detail.sessions[0]
        fields = dict(
            title="New title", objectives="a\n\n b ", activities="", materials="", minutes=90
        )
        with pytest.raises(ValidationError, match="start a new version"):
            update_session(s, SUPERVISOR, first.id, **fields)
        with pytest.raises(PermissionDenied):
            start_new_version(s, STAFF, v1.id)
        v2_id = start_new_version(s, SUPERVISOR, v1.id)
        v2 = curriculum_detail(s, v2_id)
        assert (v2.version, v2.is_latest, v2.editable) == (2, True, True)
        update_session(s, SUPERVISOR, v2.sessions[0].id, **fields)
        with pytest.raises(ValidationError, match="title"):
            update_session(s, SUPERVISOR, v2.sessions[1].id, **{**fields, "title": " "})
        edited = curriculum_detail(s, v2_id).sessions[0]
        assert (edited.title, edited.objectives, edited.minutes) == ("New title", "a\nb", 90)
        # The group keeps the version it started with.
        assert scheduling.group_header(s, group_id).curriculum_version == 1
        assert curriculum_detail(s, v1.id).sessions[0].title == first.title
