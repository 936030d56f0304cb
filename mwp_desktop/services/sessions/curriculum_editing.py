"""Editing a curriculum's sessions, and starting a new version of it.

A group keeps the curriculum version it started with, so its schedule and printed session plans
stay true. A version no group uses yet can be edited freely; once groups use it, changes go into
a new version (a copy of the latest), which groups formed later use.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, ValidationError
from ...models import Curriculum, CurriculumSession, Group
from ..actor import Actor
from ..admin import audit
from ..permissions import require

SESSION_FIELDS = ("title", "objectives", "activities", "materials", "minutes", "commitments_made")


@dataclass(frozen=True)
class SessionDetail:
    id: int
    number: int
    title: str
    objectives: str
    activities: str
    materials: str
    minutes: int
    commitments_made: bool = False  # each man makes his commitments at this session


@dataclass(frozen=True)
class CurriculumDetail:
    id: int
    code: str
    name: str
    version: int
    kind: str
    groups_using: int
    is_latest: bool
    sessions: tuple[SessionDetail, ...]

    @property
    def editable(self) -> bool:
        return self.groups_using == 0

    @property
    def label(self) -> str:
        return f"{self.name} — version {self.version}"


def curriculum_detail(session: Session, curriculum_id: int) -> CurriculumDetail:
    curriculum = session.get(Curriculum, curriculum_id)
    if curriculum is None:
        raise NotFound("That curriculum no longer exists.")
    using = session.scalar(select(func.count(Group.id)).where(Group.curriculum_id == curriculum_id))
    latest = session.scalar(
        select(func.max(Curriculum.version)).where(Curriculum.code == curriculum.code)
    )
    return CurriculumDetail(
        curriculum.id,
        curriculum.code,
        curriculum.name,
        curriculum.version,
        curriculum.kind,
        using or 0,
        curriculum.version == latest,
        tuple(
            SessionDetail(
                s.id,
                s.number,
                s.title,
                s.objectives,
                s.activities,
                s.materials,
                s.minutes,
                s.commitments_made,
            )
            for s in curriculum.sessions
        ),
    )


def update_session(
    session: Session,
    actor: Actor,
    session_id: int,
    *,
    title: str,
    objectives: str,
    activities: str,
    materials: str,
    minutes: int,
    commitments_made: bool | None = None,
) -> None:
    """Save a session of a version no group follows yet; `commitments_made` marks it as the
    session where each man makes his commitments (None leaves that as it is)."""
    require(actor, "curriculum")
    row = session.get(CurriculumSession, session_id)
    if row is None:
        raise NotFound("That session no longer exists.")
    using = session.scalar(
        select(func.count(Group.id)).where(Group.curriculum_id == row.curriculum_id)
    )
    if using:
        raise ValidationError(
            {
                "curriculum": f"version {row.curriculum.version} is followed by {using} groups; "
                "start a new version to change it"
            }
        )
    title = title.strip()
    problems = {}
    if not title:
        problems["title"] = "give the session a title"
    if not 1 <= minutes <= 600:
        problems["minutes"] = "must be between 1 and 600"
    if problems:
        raise ValidationError(problems)
    before = audit.snapshot(row, SESSION_FIELDS)
    row.title = title
    row.objectives = _lines(objectives)
    row.activities = _lines(activities)
    row.materials = _lines(materials)
    row.minutes = minutes
    if commitments_made is not None:
        row.commitments_made = commitments_made
    session.flush()
    audit.record(
        session,
        actor,
        "update",
        "curriculum_session",
        row.id,
        before=before,
        after=audit.snapshot(row, SESSION_FIELDS),
        summary=f"Edited session {row.number} of {row.curriculum.name} v{row.curriculum.version}",
    )


def start_new_version(session: Session, actor: Actor, curriculum_id: int) -> int:
    """Copy the latest version of this curriculum as the next version; returns its id."""
    require(actor, "curriculum")
    source = session.get(Curriculum, curriculum_id)
    if source is None:
        raise NotFound("That curriculum no longer exists.")
    latest = session.scalars(
        select(Curriculum).where(Curriculum.code == source.code).order_by(Curriculum.version.desc())
    ).first()
    copy = Curriculum(
        code=latest.code,
        name=latest.name,
        version=latest.version + 1,
        kind=latest.kind,
        description=latest.description,
    )
    for s in latest.sessions:
        copy.sessions.append(
            CurriculumSession(
                number=s.number,
                title=s.title,
                objectives=s.objectives,
                activities=s.activities,
                materials=s.materials,
                minutes=s.minutes,
                commitments_made=s.commitments_made,
            )
        )
    session.add(copy)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "curriculum",
        copy.id,
        after={"code": copy.code, "version": copy.version},
        summary=f"Started version {copy.version} of {copy.name}",
    )
    return copy.id


def _lines(text: str) -> str:
    """One item a line, without blank lines or stray spaces."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
