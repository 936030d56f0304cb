"""Groups and their schedules."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mwp_desktop.models import CurriculumSession, Group, Meeting
from mwp_desktop.services.sessions.curricula import (
    MEN_CURRICULUM_CODE,
    WOMEN_CURRICULUM_CODE,
    latest_curriculum,
)

from ._ids import id_of
from .people import add_members
from .places import add_community, add_facilitator


def add_group(
    session: Session,
    code: str = "WR-001",
    *,
    kind: str = "men",
    name: str | None = None,
    community=None,
    facilitator=None,
    start: date = date(2026, 1, 5),
    weekday: int | None = None,
    meeting_time: time | None = None,
    venue: str = "",
    status: str = "active",
    closed_on: date | None = None,
) -> Group:
    """A group following the newest curriculum of its kind (women's groups the women's
    dialogue, the others the men's), with no meetings yet: see `add_weekly_meetings`.

    By default it is called "Group <code>", meets in Waterloo (`add_community`'s default
    place) on the weekday of its start, led by a new facilitator called "Facilitator <code>"."""
    curriculum = latest_curriculum(
        session, WOMEN_CURRICULUM_CODE if kind == "women" else MEN_CURRICULUM_CODE
    )
    if community is None:
        community = add_community(session)
    if facilitator is None:
        facilitator = add_facilitator(session, f"Facilitator {code}")
    row = Group(
        code=code,
        name=name or f"Group {code}",
        kind=kind,
        community_id=id_of(community),
        curriculum_id=curriculum.id,
        facilitator_id=id_of(facilitator),
        meeting_weekday=start.weekday() if weekday is None else weekday,
        meeting_time=meeting_time,
        venue=venue,
        start_date=start,
        status=status,
        closed_on=closed_on,
    )
    session.add(row)
    session.flush()
    return row


def add_meeting(
    session: Session,
    group,
    number: int,
    planned: date,
    *,
    status: str = "planned",
    held: date | None = None,
    makeup_of=None,
    led_by=None,
) -> Meeting:
    """The group's meeting for curriculum session `number` on `planned`. A held meeting was
    held on its planned day unless `held` says; `led_by` is a facilitator standing in."""
    group = session.get(Group, id_of(group))
    session_id = session.scalar(
        select(CurriculumSession.id).where(
            CurriculumSession.curriculum_id == group.curriculum_id,
            CurriculumSession.number == number,
        )
    )
    if status == "held" and held is None:
        held = planned
    row = Meeting(
        group_id=group.id,
        session_id=session_id,
        planned_date=planned,
        held_date=held,
        status=status,
        makeup_of_id=id_of(makeup_of),
        facilitator_id=id_of(led_by),
    )
    session.add(row)
    session.flush()
    return row


def add_weekly_meetings(
    session: Session, group, count: int | None = None, *, held: int = 0
) -> list[Meeting]:
    """The group's schedule: one meeting a week from its start date, session 1 first, for its
    whole curriculum or the first `count` sessions. The first `held` were held on their day."""
    group = session.get(Group, id_of(group))
    total = len(group.curriculum.sessions)
    return [
        add_meeting(
            session,
            group,
            week + 1,
            group.start_date + timedelta(weeks=week),
            status="held" if week < held else "planned",
        )
        for week in range(total if count is None else count)
    ]


def add_group_with_members(
    session: Session,
    count: int,
    *,
    enrolled_on: date | None = None,
    planned: bool = False,
    **group_options,
) -> tuple[int, list[int]]:
    """A group (see `add_group` for the options) with `count` members (see `add_members`), and
    with its weekly meetings planned if `planned`. Returns its id and theirs, which is what
    tests that go on through the services hold on to."""
    made = add_group(session, **group_options)
    if planned:
        add_weekly_meetings(session, made)
    return made.id, [man.id for man in add_members(session, made, count, enrolled_on=enrolled_on)]
