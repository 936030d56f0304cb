"""The de-identified export for donor reports: one row per membership, nobody named.

A pseudonym stands in for each man: drawn at random for this export alone, the same on each of
his memberships within it, and unrelated to his participant code, which is printed on sign-in
sheets and so would name him to anyone holding one. Two exports cannot be joined on it.
Phones, notes, partners and the village are left out (district and chiefdom stay, for the
donor's map); ages are given in bands, never birth years. Rows go by group, then pseudonym, so
that their order does not give away the order the men were registered in.
"""

from __future__ import annotations

import secrets
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
    "Pseudonym",
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
# No 0/O or 1/I to misread; 32 ** 8 pseudonyms leave room for every man the office will have.
PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PSEUDONYM_LENGTH = 8


def age_band(birth_year: int | None, on: date) -> str:
    if birth_year is None:
        return "unknown"
    age = on.year - birth_year
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "unknown"


class Pseudonyms:
    """One export's pseudonyms: random, never derived from anything stored, one per man."""

    def __init__(self) -> None:
        self._given: dict[int, str] = {}
        self._taken: set[str] = set()

    def of(self, participant_id: int) -> str:
        if participant_id not in self._given:
            name = self._draw()
            while name in self._taken:
                name = self._draw()
            self._taken.add(name)
            self._given[participant_id] = name
        return self._given[participant_id]

    @staticmethod
    def _draw() -> str:
        return "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(PSEUDONYM_LENGTH))


def deidentified_rows(session: Session, today: date) -> list[tuple]:
    query = (
        select(
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
    )
    pseudonyms = Pseudonyms()
    rows, tallies, required = [], {}, {}
    for sex, born, district, chiefdom, gid, gcode, kind, status, pid in session.execute(query):
        if gid not in tallies:
            tallies[gid] = group_tallies(session, gid)
            required[gid] = group_required_sessions(session, gid)
        tally = tallies[gid].get(pid)
        rows.append(
            (
                pseudonyms.of(pid),
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
    rows.sort(key=lambda row: (row[5], row[0]))
    return rows


def export_deidentified(
    session: Session, actor: Actor, path: Path, today: date | None = None
) -> int:
    require(actor, "export")
    rows = deidentified_rows(session, today or date.today())
    count = write_table(path, HEADERS, rows, sheet="Memberships")
    audit.record(
        session,
        actor,
        "create",
        "export",
        None,
        summary=f"De-identified export of {count} memberships to {Path(path).name}",
    )
    return count
