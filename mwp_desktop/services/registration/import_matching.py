"""Who a row of a participant list may already be, in the database or earlier in the file.

The same name in the same community at about the same age is the same man: he is not imported
twice. A phone number is often a family's or a neighbour's, so sharing one decides nothing: it is
a note naming the other person (and his group) for the office to look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Enrollment, Group, Participant

if TYPE_CHECKING:  # participants.py uses `same_age` from here
    from .participants import CleanParticipant

CHUNK = 500
# Ages on paper are rounded and lists are written over months: a year apart is still him.
AGE_SLACK = 1


def same_age(born: int | None, other: int | None) -> bool:
    """True unless both ages are known and too far apart to be one man's."""
    return born is None or other is None or abs(born - other) <= AGE_SLACK


@dataclass(frozen=True)
class Someone:
    """A registered participant a row may be, or may share a phone with."""

    code: str
    name: str
    birth_year: int | None
    community_id: int | None
    phone: str | None
    group: str  # the code of the group he is an active member of, or ""

    def described(self) -> str:
        group = f", group {self.group}" if self.group else ""
        return f"{self.name} ({self.code}{group})"


class Registered:
    """The registered participants who share a name (in a community) or a phone with a list."""

    def __init__(self, session: Session, rows: Sequence[CleanParticipant]):
        self.by_name: dict[tuple[str, int], list[Someone]] = {}
        self.by_phone: dict[str, list[Someone]] = {}
        names = sorted({r.name_key for r in rows if r.community_id is not None})
        phones = sorted({r.phone for r in rows if r.phone})
        for start in range(0, len(names), CHUNK):
            chunk = names[start : start + CHUNK]
            for someone, key in self._read(session, Participant.name_key.in_(chunk)):
                self.by_name.setdefault((key, someone.community_id), []).append(someone)
        for start in range(0, len(phones), CHUNK):
            chunk = phones[start : start + CHUNK]
            for someone, _key in self._read(session, Participant.phone.in_(chunk)):
                self.by_phone.setdefault(someone.phone, []).append(someone)

    @staticmethod
    def _read(session: Session, condition) -> list[tuple[Someone, str]]:
        rows = session.execute(
            select(
                Participant.code,
                Participant.first_name,
                Participant.last_name,
                Participant.birth_year,
                Participant.community_id,
                Participant.phone,
                Group.code,
                Participant.name_key,
            )  # fmt: skip
            .outerjoin(
                Enrollment,
                (Enrollment.participant_id == Participant.id) & (Enrollment.status == "active"),
            )
            .outerjoin(Group, Group.id == Enrollment.group_id)
            .where(condition)
            .order_by(Participant.code)
        )
        return [
            (Someone(code, f"{first} {last}".strip(), born, cid, phone, group or ""), key)
            for code, first, last, born, cid, phone, group, key in rows
        ]

    def same_man(self, clean: CleanParticipant) -> Someone | None:
        if clean.community_id is None:
            return None
        for someone in self.by_name.get((clean.name_key, clean.community_id), ()):
            if same_age(someone.birth_year, clean.birth_year):
                return someone
        return None

    def namesake(self, clean: CleanParticipant) -> Someone | None:
        """Someone of the same name in the same community who is, by age, another man."""
        if clean.community_id is None:
            return None
        found = self.by_name.get((clean.name_key, clean.community_id), ())
        return found[0] if found else None

    def sharing_phone(self, clean: CleanParticipant) -> Someone | None:
        found = self.by_phone.get(clean.phone, ()) if clean.phone else ()
        return found[0] if found else None


@dataclass(frozen=True)
class _Row:
    number: int
    name: str
    birth_year: int | None


class SeenInFile:
    """The rows of the list taken so far, to spot a man listed twice."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], list[_Row]] = {}
        self.by_phone: dict[str, _Row] = {}

    def same_man(self, clean: CleanParticipant, place_key: str) -> int | None:
        """The row number of an earlier row that is this man, or None."""
        for row in self.by_name.get((clean.name_key, place_key), ()):
            if same_age(row.birth_year, clean.birth_year):
                return row.number
        return None

    def sharing_phone(self, clean: CleanParticipant) -> tuple[int, str] | None:
        row = self.by_phone.get(clean.phone) if clean.phone else None
        return (row.number, row.name) if row else None

    def add(self, number: int, name: str, clean: CleanParticipant, place_key: str) -> None:
        row = _Row(number, name, clean.birth_year)
        self.by_name.setdefault((clean.name_key, place_key), []).append(row)
        if clean.phone:
            self.by_phone.setdefault(clean.phone, row)
