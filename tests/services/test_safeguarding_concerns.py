"""Safeguarding concerns: who may record and read them, what each reading leaves in the audit
trail, and which follow-ups are overdue.

The office: a men's group led by Fatu (whose account is the facilitator's), one referral service,
and an account of each role. Concerns are visible to supervisors and administrators; office staff
see the ones they recorded; a facilitator sees none, not even of his own group."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import AuditEvent
from mwp_desktop.services.admin import referral_directory
from mwp_desktop.services.admin.referral_directory import ReferralServiceInput
from mwp_desktop.services.sessions import concerns
from mwp_desktop.services.sessions.concerns import ConcernInput
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group
from tests.builders.places import add_facilitator

TODAY = date(2026, 6, 10)
ROLES = ("staff", "supervisor", "facilitator")


@pytest.fixture
def office(db, fast_hashing):
    with db.session() as s:
        fatu = add_facilitator(s, "Fatu Facilitator")
        group = add_group(s, "WAR-M001", facilitator=fatu)
        actors = add_user_accounts(s, ROLES, facilitator=fatu)
        service = referral_directory.create_service(
            s, actors["admin"],
            ReferralServiceInput("Family Support Unit, Waterloo", "police", "076 000 111"),
        )  # fmt: skip
    return db, actors, group.id, service.id


def a_concern(group_id, service_id, **changes) -> ConcernInput:
    fields = dict(
        noted_on=TODAY, group_id=group_id, kind="violence_at_home", referred_to_id=service_id,
        follow_up_on=TODAY + timedelta(days=7), status="referred", note="Referred after session 6",
    )  # fmt: skip
    fields.update(changes)
    return ConcernInput(**fields)


def record(db, actor, data):
    with db.session() as s:
        return concerns.record_concern(s, actor, data, today=TODAY)


def listed(db, actor, **options) -> list[int]:
    with db.session() as s:
        return [row.id for row in concerns.list_concerns(s, actor, today=TODAY, **options)]


def trail(db, entity: str = "safeguarding_concern") -> list[tuple]:
    with db.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
        )
        return [(e.username, e.action, e.entity_id, e.before, e.after, e.summary) for e in events]


def test_a_facilitator_can_neither_record_nor_read_any_concern_even_of_his_own_group(office):
    db, actors, group_id, service_id = office
    concern = record(db, actors["supervisor"], a_concern(group_id, service_id))
    facilitator = actors["facilitator"]
    with pytest.raises(PermissionDenied, match="Facilitator accounts cannot"):
        record(db, facilitator, a_concern(group_id, service_id))
    with pytest.raises(PermissionDenied):
        listed(db, facilitator)
    with db.session() as s, pytest.raises(PermissionDenied):
        concerns.open_concern(s, facilitator, concern.id, today=TODAY)
    with db.session() as s, pytest.raises(PermissionDenied):
        concerns.overdue_follow_ups(s, facilitator, today=TODAY)
    assert listed(db, actors["supervisor"]) == [concern.id]


def test_office_staff_see_only_the_concerns_they_recorded(office):
    db, actors, group_id, service_id = office
    staff, supervisor, admin = actors["staff"], actors["supervisor"], actors["admin"]
    theirs = record(db, staff, a_concern(group_id, service_id))
    others = record(db, supervisor, a_concern(group_id, service_id, kind="child_protection"))

    assert listed(db, staff) == [theirs.id]
    assert sorted(listed(db, supervisor)) == sorted(listed(db, admin)) == [theirs.id, others.id]
    with db.session() as s, pytest.raises(PermissionDenied, match="recorded yourself"):
        concerns.open_concern(s, staff, others.id, today=TODAY)
    with db.session() as s, pytest.raises(PermissionDenied, match="recorded yourself"):
        concerns.update_concern(s, staff, others.id, a_concern(group_id, service_id), today=TODAY)
    with db.session() as s:
        assert concerns.open_concern(s, staff, theirs.id, today=TODAY).recorded_by == "staff"
    # Acting without an account sees none, not the concerns recorded without one (the demo's).
    from mwp_desktop.models import SafeguardingConcern
    from mwp_desktop.services.actor import Actor

    with db.session() as s:
        s.get(SafeguardingConcern, others.id).recorded_by_id = None
    assert listed(db, Actor(user_id=None, username="script", role="staff")) == []
    # Counting overdue follow-ups across the office is the supervisors' view of every concern.
    with db.session() as s, pytest.raises(PermissionDenied):
        concerns.overdue_follow_ups(s, staff, today=TODAY)


def test_every_change_and_every_reading_is_audited_without_the_note(office):
    db, actors, group_id, service_id = office
    supervisor = actors["supervisor"]
    concern = record(db, supervisor, a_concern(group_id, service_id))
    with db.session() as s:
        concerns.update_concern(
            s, supervisor, concern.id, a_concern(group_id, service_id, status="closed"), today=TODAY
        )
    listed(db, supervisor)
    with db.session() as s:
        concerns.open_concern(s, supervisor, concern.id, today=TODAY)

    events = trail(db)
    assert [(user, action, entity_id) for user, action, entity_id, *_ in events] == [
        ("sup", "create", concern.id),
        ("sup", "update", concern.id),
        ("sup", "view", None),
        ("sup", "view", concern.id),
    ]
    assert '"status": "closed"' in events[1][4]
    assert f"[{concern.id}]" in events[2][4]  # which concerns the list showed
    assert all("session 6" not in "".join(map(str, event)) for event in events)


def test_a_follow_up_is_overdue_once_its_day_has_passed_until_the_concern_is_closed(office):
    db, actors, group_id, service_id = office
    supervisor = actors["supervisor"]
    past = TODAY - timedelta(days=1)
    overdue = record(
        db,
        supervisor,
        a_concern(group_id, service_id, noted_on=past - timedelta(days=7), follow_up_on=past),
    )
    due_today = record(db, supervisor, a_concern(group_id, service_id, follow_up_on=TODAY))
    not_referred = record(
        db,
        supervisor,
        a_concern(
            group_id, None, status="open", noted_on=past - timedelta(days=3), follow_up_on=past
        ),
    )
    closed = record(
        db,
        supervisor,
        a_concern(
            group_id,
            service_id,
            status="closed",
            noted_on=past - timedelta(days=9),
            follow_up_on=past - timedelta(days=2),
        ),
    )

    with db.session() as s:
        rows = concerns.list_concerns(s, supervisor, awaiting_only=True, today=TODAY)
        count = concerns.overdue_follow_ups(s, supervisor, today=TODAY)
        every = concerns.list_concerns(s, supervisor, today=TODAY)
    assert [(row.id, row.overdue) for row in rows] == [
        (overdue.id, True), (not_referred.id, True), (due_today.id, False),
    ]  # fmt: skip
    assert count == 2
    assert closed.id in [row.id for row in every]


def test_a_concern_needs_its_facts_and_keeps_its_note_short(office):
    db, actors, group_id, service_id = office
    staff = actors["staff"]
    wrong = a_concern(
        None, None, kind="gossip", noted_on=TODAY + timedelta(days=1), follow_up_on=TODAY,
        status="referred", note="x" * 201,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        record(db, staff, wrong)
    assert refused.value.fields == {
        "noted_on": "The date cannot be in the future.",
        "group_id": "Choose the group.",
        "kind": "Choose what kind of concern it is.",
        "referred_to_id": "Choose who it was referred to.",
        "follow_up_on": "The follow-up cannot be before the day the concern was noted.",
        "note": "Keep the note short: at most 200 characters, and no story details.",
    }
    with pytest.raises(ValidationError) as refused:
        record(db, staff, a_concern(group_id, service_id, follow_up_on=None))
    assert refused.value.fields == {"follow_up_on": "Give a day to follow it up."}
    assert trail(db) == []


def test_the_referral_directory_is_kept_by_supervisors_and_offered_to_staff(office):
    db, actors, group_id, service_id = office
    staff, supervisor = actors["staff"], actors["supervisor"]
    clinic = ReferralServiceInput("Rokupa Government Hospital", "health", "", "Rokupa")
    with db.session() as s, pytest.raises(PermissionDenied, match="Office staff accounts cannot"):
        referral_directory.create_service(s, staff, clinic)
    with db.session() as s:
        made = referral_directory.create_service(s, supervisor, clinic)
        referral_directory.update_service(
            s, supervisor, service_id,
            ReferralServiceInput("Family Support Unit, Waterloo", "police", "076 000 111", active=False),
        )  # fmt: skip
    with db.session() as s, pytest.raises(ValidationError) as refused:
        referral_directory.create_service(
            s, supervisor, ReferralServiceInput(" ", "spa", "call me")
        )
    assert refused.value.fields == {
        "name": "Name is required.",
        "kind": "Choose what kind of service it is.",
        "phone": "A phone number has only digits, spaces and + - / ( ).",
    }
    with db.session() as s, pytest.raises(ValidationError, match="already in the directory"):
        referral_directory.create_service(s, supervisor, clinic)
    with db.session() as s:
        offered = [row.name for row in referral_directory.list_services(s, staff, active_only=True)]
        every = [row.name for row in referral_directory.list_services(s, supervisor)]
    assert offered == ["Rokupa Government Hospital"]
    assert every == ["Family Support Unit, Waterloo", "Rokupa Government Hospital"]
    assert [action for _u, action, *_ in trail(db, "referral_service")] == [
        "create",
        "create",
        "update",
    ]
    assert made.kind_title == "Health"
