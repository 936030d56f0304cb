"""What the Printing panel offers to print for, read as it opens: the groups, a group's
meetings and the session plans.

Apart from print_data.py, which gathers what each document shows and with it most of the
sessions services: the panel's first open need not import them (~40 ms) before anything is
printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Community, Curriculum, CurriculumSession, Group, Meeting
from .. import scope
from ..actor import Actor
from ..plain_rows import no_cycle_collection, plain_connection


@dataclass(frozen=True)
class GroupLabels:
    """The groups to print for, as the Printing panel lists them: each id, and in the same
    place its label, "WU-001 — Kissy Brook men (Kissy)", by code."""

    ids: tuple[int, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    group_code: str
    session_number: int
    session_title: str
    planned_date: date
    status: str


@dataclass(frozen=True)
class PlanChoice:
    id: int  # the curriculum session's id
    label: str


def plan_choices(session: Session) -> list[PlanChoice]:
    """Every session of the newest version of each curriculum, for the session plan picker."""
    newest = (
        select(Curriculum.code, func.max(Curriculum.version).label("version"))
        .group_by(Curriculum.code)
        .subquery()
    )
    rows = session.execute(
        select(
            CurriculumSession.id, Curriculum.kind, CurriculumSession.number, CurriculumSession.title
        )  # fmt: skip
        .join(Curriculum, Curriculum.id == CurriculumSession.curriculum_id)
        .join(newest, (newest.c.code == Curriculum.code) & (newest.c.version == Curriculum.version))
        .order_by(Curriculum.kind, Curriculum.code, CurriculumSession.number)
    )
    return [
        PlanChoice(sid, f"{kind.capitalize()} · {number}. {title}")
        for sid, kind, number, title in rows
    ]


@no_cycle_collection()
def group_labels(session: Session, actor: Actor) -> GroupLabels:
    """The groups the actor may print for.

    The Printing panel lists every group as it opens, 16,000 at 4x national. Each label is put
    together by the database and the rows read as plain rows through the tables (plain_rows.py):
    a Python object and a formatted string per group, and the ORM's row handling, cost ~40 ms
    there."""
    g, place = Group.__table__.c, Community.__table__.c
    label = g.code + " — " + g.name + " (" + place.name + ")"
    query = (
        select(g.id, label).join(Community.__table__, place.id == g.community_id).order_by(g.code)
    )
    visible = scope.groups_condition(session, actor, g.id)
    query = query if visible is None else query.where(visible)
    rows = plain_connection(session).execute(query).all()
    ids, labels = zip(*rows, strict=True) if rows else ((), ())
    return GroupLabels(ids, labels)


def group_meetings(session: Session, actor: Actor, group_id: int) -> list[MeetingChoice]:
    scope.require_group(session, actor, group_id)
    rows = session.execute(
        select(
            Meeting.id,
            Group.code,
            CurriculumSession.number,
            CurriculumSession.title,
            Meeting.planned_date,
            Meeting.status,
        )  # fmt: skip
        .join(Group, Group.id == Meeting.group_id)
        .join(CurriculumSession, CurriculumSession.id == Meeting.session_id)
        .where(Meeting.group_id == group_id)
        .order_by(Meeting.planned_date, Meeting.id)
    )
    return [MeetingChoice(*row) for row in rows]
