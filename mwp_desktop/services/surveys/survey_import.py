"""Importing a round's answers from a spreadsheet, as KoboToolbox or ODK exports arrive.

The file: a participant-code column, then one column per statement headed by its number ("7",
"Q7", "item 7", "gem_7", KoboToolbox's "group_gem/q7"), answers written "Agree", "Partially
agree", "Do not agree" in any case (or a choice name such as "do_not_agree"), or 1 / 2 / 3
(1 = Agree); blank, "refused" or "don't know" is a statement not answered. A Consent column
(yes / no), when there is one, is honoured: a "no" keeps no answers. Without it, answers in the
file mean the man consented, and the import records it so. A Date column (dd/mm/yyyy or ISO)
dates each man's round; without one, the day the round is dated in the grid (services/surveys/
entry_sheet.py `suggested_day`). Every other column (KoboToolbox adds start, end, _uuid,
_submission_time …) is ignored.

Each man is answered for in the round of the group he belongs to (his latest enrolment). Every
row with a problem (an unknown code, an impossible answer, a man twice, a day outside the
round) is reported with its number and reason, and then nothing of the file is saved: the
office corrects the file and imports it again, rather than chasing which men are missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import UserError, ValidationError
from ...models import Enrollment, Participant, SurveyInstrument, SurveyRound
from ..actor import Actor
from ..permissions import require
from ..registration.table_reader import SheetRow, read_table
from ..registration.validation import parse_date, tidy
from .entry_sheet import suggested_day
from .instruments import Instrument
from .responses import replace_response
from .rounds import instrument_of, open_round, round_kind

CODE_HEADERS = {"code", "participantcode", "participant", "participantid", "mwpcode", "mancode"}
CONSENT_HEADERS = {"consent", "consented", "consentgiven"}
DATE_HEADERS = {"date", "surveydate", "interviewdate", "dateofinterview", "today"}
ITEM_HEADER = re.compile(r"^(?:q|item|statement|gem|gemq|question|no)?[\s._-]*0*(\d{1,3})$")
ANSWERS = {
    "1": 1, "agree": 1, "a": 1,
    "2": 2, "partially agree": 2, "partly agree": 2, "partially": 2, "p": 2,
    "3": 3, "do not agree": 3, "don't agree": 3, "dont agree": 3, "disagree": 3, "d": 3,
}  # fmt: skip
MISSING = {"", "refused", "don't know", "dont know", "do not know", "dk", "refused to answer",
           "no answer", "n/a", "na", "-", "–", "x"}  # fmt: skip
YES = {"yes", "y", "1", "true", "given", "agreed", "consented"}
NO = {"no", "n", "0", "false", "refused", "declined"}


@dataclass(frozen=True)
class Layout:
    """Where each thing is in the file's rows."""

    header_row: int
    code: int
    items: dict[int, int]  # statement number -> column
    consent: int | None
    day: int | None


@dataclass
class SurveyImport:
    kind: str
    file_name: str
    layout: Layout
    men: list[tuple[int, str]] = field(default_factory=list)  # (row, code) of men read well
    refused: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)

    @property
    def saved(self) -> bool:
        return not self.problems

    def summary(self, dry_run: bool) -> str:
        answered = len(self.men) - self.refused
        what = f"{self.kind} answers of {answered} men and {self.refused} refusals"
        if self.problems:
            return (
                f"Nothing imported: {len(self.problems)} rows have problems; correct them "
                f"and import the file again ({what} were read without a problem)."
            )
        verb = "would be" if dry_run else "were"
        return f"{what[0].upper()}{what[1:]} {verb} imported."


def header_key(text: str) -> str:
    """A header as compared: KoboToolbox's group path dropped, case and punctuation aside."""
    return tidy(text).split("/")[-1].lower()


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text)


def find_layout(rows: list[SheetRow]) -> Layout:
    for row in rows[:20]:
        keys = [header_key(cell) for cell in row.cells]
        code = next((i for i, key in enumerate(keys) if _compact(key) in CODE_HEADERS), None)
        items = {}
        for i, key in enumerate(keys):
            if key.startswith("_"):
                continue  # KoboToolbox's own columns: _id, _uuid, _index …
            found = ITEM_HEADER.match(key)
            if found:
                items.setdefault(int(found.group(1)), i)
        if code is not None and items:
            consent = next((i for i, k in enumerate(keys) if _compact(k) in CONSENT_HEADERS), None)
            day = next((i for i, k in enumerate(keys) if _compact(k) in DATE_HEADERS), None)
            return Layout(row.number, code, items, consent, day)
    raise UserError(
        "No header row with a participant code column (Code) and statement columns "
        "(1, 2 … or Q1, Q2 …) was found in the first 20 rows."
    )


def answer_code(text: str) -> int | None:
    """1, 2 or 3 for an answer, None for one refused or not known; ValueError otherwise."""
    key = tidy(text).lower().replace("_", " ").replace("’", "'")
    if key.endswith(".0"):
        key = key[:-2]  # a number from a spreadsheet cell
    if key in ANSWERS:
        return ANSWERS[key]
    if key in MISSING:
        return None
    raise ValueError(
        f"{tidy(text)!r} is not an answer (Agree, Partially agree, Do not agree, or 1-3)"
    )


def import_survey(
    session: Session,
    actor: Actor,
    path: Path,
    kind: str,
    *,
    instrument_name: str | None = None,
    today: date | None = None,
) -> SurveyImport:
    """Read the file and save it, when no row has a problem: otherwise roll everything back.
    The caller commits, or rolls back for a dry run."""
    require(actor, "survey_entry")
    kind = round_kind(kind)
    today = today or date.today()
    rows = read_table(path)
    layout = find_layout(rows)
    chosen = _instrument_named(session, instrument_name)
    result = SurveyImport(kind, Path(path).name, layout)
    seen: set[str] = set()
    for row in rows:
        if row.number <= layout.header_row or not any(tidy(c) for c in row.cells):
            continue
        try:
            _import_row(session, actor, row, layout, kind, chosen, today, seen, result)
        except (UserError, ValueError) as problem:
            reason = "; ".join(problem.fields.values()) if isinstance(problem, ValidationError) \
                else str(problem)  # fmt: skip
            result.problems.append((row.number, reason))
    if result.problems:
        session.rollback()
    return result


def _cell(row: SheetRow, column: int | None) -> str:
    if column is None or column >= len(row.cells):
        return ""
    return tidy(row.cells[column])


def _import_row(session, actor, row, layout, kind, chosen, today, seen, result) -> None:
    code = _cell(row, layout.code).upper()
    if not code:
        raise ValueError("no participant code")
    if code in seen:
        raise ValueError(f"{code} appears more than once in the file")
    participant_id, group_id = _man_and_group(session, code)
    answers = {}
    for number, column in sorted(layout.items.items()):
        try:
            answers[number] = answer_code(_cell(row, column))
        except ValueError as wrong:
            raise ValueError(f"statement {number}: {wrong}") from None
    consent = _consent(_cell(row, layout.consent)) if layout.consent is not None else "given"
    round_id = open_round(session, actor, group_id, kind, chosen)
    instrument: Instrument = instrument_of(
        session, session.get(SurveyRound, round_id).instrument_id
    )
    extra = sorted(n for n in answers if instrument.item(n) is None)
    if extra:
        raise ValueError(f"the {instrument.title} has no statement {extra[0]}")
    day = parse_date(_cell(row, layout.day)) if layout.day is not None else None
    if day is None:
        day = suggested_day(session, session.get(SurveyRound, round_id), today)
    replace_response(session, actor, round_id, participant_id, consent, day,
                     answers if consent == "given" else {}, today=today)  # fmt: skip
    seen.add(code)
    result.men.append((row.number, code))
    result.refused += consent == "refused"


def _consent(text: str) -> str:
    key = text.lower()
    if key in YES:
        return "given"
    if key in NO:
        return "refused"
    raise ValueError(f"consent {text!r} is neither yes nor no" if text else "consent is blank: "
                     "write yes or no")  # fmt: skip


def _man_and_group(session: Session, code: str) -> tuple[int, int]:
    found = session.execute(
        select(Participant.id, Enrollment.group_id)
        .join(Enrollment, Enrollment.participant_id == Participant.id, isouter=True)
        .where(func.upper(Participant.code) == code)
        .order_by(Enrollment.enrolled_on.desc(), Enrollment.id.desc())
        .limit(1)
    ).first()
    if found is None:
        raise ValueError(f"no participant has the code {code}")
    if found.group_id is None:
        raise ValueError(f"{code} is not a member of any group")
    return found.id, found.group_id


def _instrument_named(session: Session, name: str | None) -> int | None:
    """The newest version of the named instrument ("GEM Scale", or "GEM Scale v2" for one
    version); None for the one in use."""
    if not name:
        return None
    text = tidy(name)
    wanted = re.match(r"^(.*?)\s*(?:v|version\s*)(\d+)$", text, re.IGNORECASE)
    query = select(SurveyInstrument.id)
    if wanted:
        query = query.where(func.lower(SurveyInstrument.name) == wanted.group(1).lower(),
                            SurveyInstrument.version == int(wanted.group(2)))  # fmt: skip
    else:
        query = query.where(func.lower(SurveyInstrument.name) == text.lower())
    found = session.scalar(query.order_by(SurveyInstrument.version.desc()).limit(1))
    if found is None:
        raise UserError(f"There is no survey instrument called {text!r}.")
    return found
