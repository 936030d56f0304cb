"""The de-identified export for donor reports: one row per membership, nobody named.

Participant codes stand in for names; phones, notes, partners and the village are left out
(district and chiefdom stay, for the donor's map); ages are given in bands, never birth years.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Community, Enrollment, Group, Participant
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from ..sessions.completion import group_required_sessions, group_tallies
from ..tables import write_table

HEADERS = (
    "Participant code",
    "Sex",
    "Age band",
    "District",
    "Chiefdom",
    "Group code",
    "Group kind",
    "Membership",
    "Sessions attended",
    "Sessions required",
)
AGE_BANDS = (
    (0, 17, "under 18"),
    (18, 24, "18–24"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 54, "45–54"),
    (55, 200, "55 and over"),
)


def age_band(birth_year: int | None, on: date) -> str:
    if birth_year is None:
        return "unknown"
    age = on.year - birth_year
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "unknown"


def deidentified_rows(session: Session, today: date) -> list[tuple]:
    query = (
        select(
            Participant.code,
            Participant.sex,
            Participant.birth_year,
            Community.district,
            Community.chiefdom,
            Group.id,
            Group.code,
            Group.kind,
            Enrollment.status,
            Enrollment.participant_id,
        )
        .join(Enrollment, Enrollment.participant_id == Participant.id)
        .join(Group, Group.id == Enrollment.group_id)
        .outerjoin(Community, Community.id == Participant.community_id)
        .order_by(Group.code, Participant.code)
    )
    rows, tallies, required = [], {}, {}
    for code, sex, born, district, chiefdom, gid, gcode, kind, status, pid in session.execute(
        query
    ):
        if gid not in tallies:
            tallies[gid] = group_tallies(session, gid)
            required[gid] = group_required_sessions(session, gid)
        tally = tallies[gid].get(pid)
        rows.append(
            (
                code,
                sex,
                age_band(born, today),
                district or "",
                chiefdom or "",
                gcode,
                kind,
                status,
                tally.sessions_attended if tally else 0,
                required[gid],
            )
        )
    return rows


def export_deidentified(
    session: Session, actor: Actor, path: Path, today: date | None = None
) -> int:
    require(actor, "export")
    count = write_table(path, HEADERS, deidentified_rows(session, today or date.today()))
    audit.record(
        session,
        actor,
        "create",
        "export",
        None,
        summary=f"De-identified export of {count} memberships to {Path(path).name}",
    )
    return count
