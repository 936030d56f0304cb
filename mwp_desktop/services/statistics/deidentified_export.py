"""The de-identified export for donor reports: one row per membership, nobody named.

A pseudonym stands in for each man: drawn at random for this export alone, the same on each of
his memberships within it, and unrelated to his participant code, which is printed on sign-in
sheets and so would name him to anyone holding one. Two exports cannot be joined on it.
Phones, notes, partners and the village are left out (district and chiefdom stay, for the
donor's map); ages are given in bands, never birth years. Rows go by group, then pseudonym, so
that their order does not give away the order the men were registered in.

For an evaluator, the export can carry each man's attitude survey answers on his membership's
row, under the same pseudonym: his score and his code for each statement (1 Agree, 2 Partially
agree, 3 Do not agree; "-" refused or not known), round by round. Individual answers are for
supervisors and administrators only.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import (
    ROUND_KINDS,
    Community,
    Enrollment,
    Group,
    Participant,
    SurveyAnswer,
    SurveyResponse,
    SurveyRound,
)
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


# (round kinds present, statement numbers present, {(man, group): {kind: (score, answers)}})
SurveyAnswers = tuple[list[str], list[int], dict[tuple[int, int], dict[str, tuple]]]


def survey_answers_by_membership(session: Session) -> SurveyAnswers:
    """(round kinds present, statement numbers present, and for each (man, group) each round's
    (score, {statement: code})). A refusal is there with no answers."""
    answers: dict[int, dict[int, int | None]] = defaultdict(dict)
    for response_id, number, code in session.execute(
        select(SurveyAnswer.response_id, SurveyAnswer.item_number, SurveyAnswer.code)
    ):
        answers[response_id][number] = code
    found: dict[tuple[int, int], dict[str, tuple]] = defaultdict(dict)
    kinds, numbers = set(), set()
    for response_id, pid, group_id, kind, consent, total in session.execute(
        select(SurveyResponse.id, SurveyResponse.participant_id, SurveyRound.group_id,
               SurveyRound.kind, SurveyResponse.consent, SurveyResponse.total)
        .join(SurveyRound, SurveyRound.id == SurveyResponse.round_id)
    ):  # fmt: skip
        given = answers.get(response_id, {})
        found[(pid, group_id)][kind] = ("refused" if consent == "refused" else total, given)
        kinds.add(kind)
        numbers.update(given)
    ordered = [kind for kind in ROUND_KINDS if kind in kinds]
    return ordered, sorted(numbers), found


def _survey_cells(surveys: SurveyAnswers, pid: int, gid: int) -> list:
    kinds, numbers, found = surveys
    rounds = found.get((pid, gid), {})
    cells = []
    for kind in kinds:
        total, given = rounds.get(kind, ("", {}))
        cells.append("" if total is None else total)
        cells.extend("" if n not in given else ("-" if given[n] is None else given[n])
                     for n in numbers)  # fmt: skip
    return cells


def deidentified_rows(session: Session, today: date, surveys: SurveyAnswers | None = None
                      ) -> list[tuple]:  # fmt: skip
    """One row per membership; with `surveys`, his answers follow on it."""
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
                *(_survey_cells(surveys, pid, gid) if surveys else ()),
            )
        )  # fmt: skip
    rows.sort(key=lambda row: (row[5], row[0]))
    return rows


def export_deidentified(
    session: Session,
    actor: Actor,
    path: Path,
    today: date | None = None,
    *,
    with_answers: bool = False,
) -> int:
    require(actor, "export")
    headers, surveys = HEADERS, None
    if with_answers:
        require(actor, "survey_answers")
        surveys = survey_answers_by_membership(session)
        kinds, numbers, _found = surveys
        headers = HEADERS + tuple(
            heading for kind in kinds for heading in
            (f"{kind.capitalize()} score", *(f"{kind.capitalize()} Q{n}" for n in numbers))
        )  # fmt: skip
    rows = deidentified_rows(session, today or date.today(), surveys)
    count = write_table(path, headers, rows, sheet="Memberships")
    audit.record(
        session,
        actor,
        "create",
        "export",
        None,
        summary=f"De-identified export of {count} memberships"
        + (" with survey answers" if with_answers else "")
        + f" to {Path(path).name}",
    )
    return count
