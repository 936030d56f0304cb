"""The curricula shipped with the program, loaded into every new database."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Curriculum, CurriculumSession
from ...resource_files import resource_path

DEFAULT_CURRICULUM_FILES = ("mwp_men_v1.json", "women_dialogue_v1.json")
MEN_CURRICULUM_CODE = "MWP-MEN"
WOMEN_CURRICULUM_CODE = "WOMEN-DIALOGUE"


@dataclass(frozen=True)
class CurriculumSummary:
    id: int
    code: str
    name: str
    version: int
    kind: str
    session_count: int


def read_curriculum_file(name: str) -> dict:
    text = resource_path("curricula", name).read_text("utf-8")
    return json.loads(text)


def ensure_default_curricula(session: Session) -> list[Curriculum]:
    """Add each shipped curriculum whose code the database does not hold yet (idempotent)."""
    added = []
    existing = set(session.scalars(select(Curriculum.code)))
    for file_name in DEFAULT_CURRICULUM_FILES:
        data = read_curriculum_file(file_name)
        if data["code"] in existing:
            continue
        curriculum = Curriculum(
            code=data["code"],
            name=data["name"],
            version=data.get("version", 1),
            kind=data["kind"],
            description=data.get("description", ""),
        )
        for item in data["sessions"]:
            curriculum.sessions.append(
                CurriculumSession(
                    number=item["number"],
                    title=item["title"],
                    objectives="\n".join(item["objectives"]),
                    activities="\n".join(item["activities"]),
                    materials="\n".join(item["materials"]),
                    minutes=item["minutes"],
                    commitments_made=item.get("commitments", False),
                )
            )
        session.add(curriculum)
        added.append(curriculum)
    session.flush()
    return added


def latest_curriculum(session: Session, code: str) -> Curriculum | None:
    return session.scalars(
        select(Curriculum).where(Curriculum.code == code).order_by(Curriculum.version.desc())
    ).first()


def list_curricula(session: Session) -> list[CurriculumSummary]:
    rows = session.scalars(select(Curriculum).order_by(Curriculum.code, Curriculum.version))
    return [
        CurriculumSummary(c.id, c.code, c.name, c.version, c.kind, len(c.sessions)) for c in rows
    ]
