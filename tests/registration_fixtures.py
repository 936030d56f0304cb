"""Small fixtures for the registration tests: a community, a facilitator, a group."""

from __future__ import annotations

from datetime import date

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.communities import CommunityInput, create_community
from mwp_desktop.services.registration.facilitators import FacilitatorInput, create_facilitator
from mwp_desktop.services.registration.groups import GroupInput, create_group
from mwp_desktop.services.registration.participants import ParticipantInput, register_participant
from mwp_desktop.services.sessions.curricula import MEN_CURRICULUM_CODE, latest_curriculum

TODAY = date(2026, 3, 2)


def make_place(db, name="Tombo", chiefdom="Koya", district="Western Rural"):
    with db.session() as s:
        return create_community(s, SYSTEM, CommunityInput(name, chiefdom, district)).id


def make_group(db, community_id, code="M26-001", start=date(2026, 2, 2)):
    with db.session() as s:
        facilitator = create_facilitator(s, SYSTEM, FacilitatorInput("Abu Bakarr Sesay", "M"))
        curriculum = latest_curriculum(s, MEN_CURRICULUM_CODE)
        data = GroupInput(code, f"Group {code}", "men", community_id, curriculum.id,
                          facilitator.id, start_date=start)  # fmt: skip
        return create_group(s, SYSTEM, data, today=TODAY).id


def register(db, first, last, community_id=None, phone=None, age="30", **kw):
    with db.session() as s:
        data = ParticipantInput(first, last, "M", age, phone, community_id)
        return register_participant(s, SYSTEM, data, today=TODAY, **kw)
