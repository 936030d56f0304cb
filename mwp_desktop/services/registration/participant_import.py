"""Importing a participant list: read, map columns, check every row, then save the good rows.

Three steps, so the window can show each one: `load_source` reads the file and guesses the column
mapping; `plan_import` checks every row (errors, duplicates within the file and against the
database, communities that will be created) without changing anything; `run_import` saves the
rows marked "new" in the caller's one transaction, so a list goes in whole or not at all.
Importing the same file twice adds nothing the second time: every row is then "already
registered". Who a row already is, is decided in `import_matching.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...errors import UserError, ValidationError
from ...models import AuditEvent, Community, Enrollment, Group, Participant, new_uuid
from ...models.audit_chain import chain
from ...models.name_words import add_name_words
from ...models.stored_counts import recount_enrolment_days, recount_members
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from .codes import (
    check_codes_left,
    hold_participant_codes,
    participant_code,
    reserve_participant_serials,
)
from .column_mapping import find_header, guess_mapping, mapping_problems
from .enrollments import other_sex
from .import_matching import CHUNK, Registered, SeenInFile
from .joining_dates import default_joining_date, joining_date
from .participants import FIELDS, CleanParticipant, ParticipantInput, clean_participant
from .table_reader import SheetRow, read_table
from .validation import parse_date, split_full_name, tidy

NEW, ERROR, IN_FILE, REGISTERED = "new", "error", "duplicate in file", "already registered"
OTHER_SEX = "other sex"  # listed apart: not for the group the list goes into
FIELD_ORDER = ("first_name", "last_name", "sex", "age", "phone", "consent_date")


@dataclass(frozen=True)
class ImportSource:
    path: Path
    header: tuple[str, ...]
    header_row: int  # row number of the header in the file
    rows: tuple[SheetRow, ...]  # the data rows below the header
    mapping: dict[str, int]  # guessed: field → column index


@dataclass(frozen=True)
class PlannedRow:
    number: int
    status: str  # NEW, ERROR, IN_FILE or REGISTERED
    reason: str
    name: str
    community: str
    clean: CleanParticipant | None = field(default=None, repr=False)
    place_key: str = field(default="", repr=False)  # a community the import will create
    note: str = ""  # for a row imported: something to look at (a phone another man uses)
    joined: date | None = None  # into the plan's group


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[PlannedRow, ...]
    new_communities: tuple[tuple[str, str, str], ...]  # (name, chiefdom, district) to create
    group_id: int | None = None
    joined: date | None = None  # the day the men join the group, where a row gives none

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def problems(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.status != NEW]

    def summary(self) -> str:
        """What the import will do, said the same way in the window and on the command line."""
        to_check = sum(1 for r in self.rows if r.status == NEW and r.note)
        check = f" ({_rows(to_check)} to check)" if to_check else ""
        return (
            f"{_rows(self.count(NEW))} will be imported{check}. Not imported: "
            f"{_rows(self.count(ERROR))} with errors, {_rows(self.count(IN_FILE))} duplicated "
            f"in the file, {_rows(self.count(REGISTERED))} already registered"
            + (
                f", {_rows(self.count(OTHER_SEX))} of the other sex."
                if self.count(OTHER_SEX)
                else "."
            )
        )


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def _communities(n: int) -> str:
    return f"{n:,} new community" if n == 1 else f"{n:,} new communities"


def verdict(row: PlannedRow) -> str:
    """One row's fate and its reason, as the command line prints it and the window lists it."""
    if row.status == NEW:
        return f"will be imported; {row.note}" if row.note else "will be imported"
    return f"{row.status}: {row.reason}"


@dataclass(frozen=True)
class ImportResult:
    imported: int
    errors: int
    duplicates_in_file: int
    already_registered: int
    communities_created: int
    codes: tuple[str, ...]
    other_sex: int = 0  # not for the group the list went into

    def summary(self) -> str:
        other = f", {self.other_sex:,} of the other sex" if self.other_sex else ""
        return (
            f"{self.imported:,} imported; skipped: {self.errors:,} with errors, "
            f"{self.duplicates_in_file:,} duplicated in the file, "
            f"{self.already_registered:,} already registered{other}; "
            f"{_communities(self.communities_created)}"
        )


def load_source(path: Path) -> ImportSource:
    rows = read_table(path)
    if not rows:
        raise UserError(f"{Path(path).name} is empty.")
    index = find_header(rows)
    if index is None:
        raise UserError(
            f"{Path(path).name}: no header row found. The list needs a row naming its columns "
            "(Name, Sex, Age, Phone, Community …) above the participants."
        )
    header = rows[index]
    return ImportSource(
        Path(path),
        header.cells,
        header.number,
        tuple(rows[index + 1 :]),
        guess_mapping(header.cells),
    )


def _cell(row: SheetRow, mapping: dict[str, int], name: str) -> str:
    index = mapping.get(name)
    if index is None or index >= len(row.cells):
        return ""
    return tidy(row.cells[index])


def _age_or_year(row: SheetRow, mapping: dict[str, int]) -> str:
    age = _cell(row, mapping, "age")
    if age:
        return age
    born = _cell(row, mapping, "birth_year")
    if born and not born.isdigit():
        try:  # a full date of birth: only the year is kept
            day = parse_date(born)
            return str(day.year) if day else born
        except ValueError:
            return born
    return born


def _names(row: SheetRow, mapping: dict[str, int]) -> tuple[str, str]:
    if "first_name" in mapping or "last_name" in mapping:
        first, last = _cell(row, mapping, "first_name"), _cell(row, mapping, "last_name")
        if first and not last and "last_name" not in mapping:
            return split_full_name(first)
        return first, last
    return split_full_name(_cell(row, mapping, "full_name"))


class _Places:
    """The database's communities by name, and the new ones this file will add."""

    def __init__(self, session: Session, default_id: int | None):
        self.by_name: dict[str, list[Community]] = {}
        for c in session.scalars(select(Community)):
            self.by_name.setdefault(c.name.casefold(), []).append(c)
        self.default_id = default_id
        self.new: dict[str, tuple[str, str, str]] = {}

    def resolve(self, name: str, chiefdom: str, district: str) -> tuple[int | None, str]:
        """(community id or None if new, key for duplicate checks); raises ValueError."""
        if not name:
            return self.default_id, f"#{self.default_id}"
        known = self.by_name.get(name.casefold(), [])
        if chiefdom or district:
            known = [
                c
                for c in known
                if (not chiefdom or c.chiefdom.casefold() == chiefdom.casefold())
                and (not district or c.district.casefold() == district.casefold())
            ]
        if len(known) == 1:
            return known[0].id, f"#{known[0].id}"
        if len(known) > 1:
            raise ValueError(
                f"There are {len(known)} communities called {name}; add a Chiefdom or District column."
            )
        key = f"{name}|{chiefdom}|{district}".casefold()
        self.new.setdefault(key, (name, chiefdom, district))
        return None, key


def plan_import(
    session: Session,
    source: ImportSource,
    mapping: dict[str, int] | None = None,
    *,
    today: date | None = None,
    group_id: int | None = None,
    default_sex: str | None = None,
    joined: date | str | None = None,
) -> ImportPlan:
    """Check every row; nothing is changed. `default_sex` fills a list without a Sex column;
    `joined` is the day the men joined the group where a row has no Joined date (by default
    the group's start for its first list, else today: see joining_dates.py)."""
    today = today or date.today()
    mapping = dict(source.mapping if mapping is None else mapping)
    group = session.get(Group, group_id) if group_id is not None else None
    if group_id is not None and group is None:
        raise UserError("That group no longer exists.")
    if group is not None and group.status == "closed":
        raise UserError(f"Group {group.code} is closed; reopen it before adding members.")
    if default_sex is None and group is not None and group.kind in ("men", "women"):
        default_sex = "M" if group.kind == "men" else "F"
    problems = mapping_problems(mapping, has_default_sex=default_sex is not None)
    if problems:
        raise UserError(" ".join(problems))
    places = _Places(session, group.community_id if group else None)
    if group is not None:
        try:
            joined = joining_date(group, joined, default_joining_date(session, group, today), today)
        except ValueError as exc:  # the date typed for the whole list
            raise UserError(str(exc)) from None
    checked: list[tuple[SheetRow, CleanParticipant | None, str, str, str, date | None]] = []
    for row in source.rows:
        first, last = _names(row, mapping)
        community = _cell(row, mapping, "community")
        data = ParticipantInput(
            first, last, _cell(row, mapping, "sex") or (default_sex or ""),
            _age_or_year(row, mapping), _cell(row, mapping, "phone"), None,
            _cell(row, mapping, "consent_date"), _cell(row, mapping, "notes"),
        )  # fmt: skip
        name = f"{first} {last}".strip()
        try:
            clean = clean_participant(data, today)
            cid, place_key = places.resolve(
                community, _cell(row, mapping, "chiefdom"), _cell(row, mapping, "district")
            )
            clean = _with_community(clean, cid)
            day = (
                joining_date(group, _cell(row, mapping, "joined"), joined, today) if group else None
            )
            checked.append((row, clean, place_key, name, community, day))
        except ValidationError as exc:
            reasons = [exc.fields[f] for f in FIELD_ORDER if f in exc.fields]
            checked.append((row, None, " ".join(reasons), name, community, None))
        except ValueError as exc:
            checked.append((row, None, str(exc), name, community, None))
    registered = Registered(session, [c for _, c, *_ in checked if c is not None])
    seen = SeenInFile()
    planned, used_places = [], set()
    for row, clean, key, name, community, day in checked:
        if clean is None:
            planned.append(PlannedRow(row.number, ERROR, key, name, community))
            continue
        # A repeat of an earlier row is that, whether or not the earlier row is registered:
        # the verdict must not depend on what was saved before.
        earlier, him = seen.same_man(clean, key), registered.same_man(clean)
        wrong_group = other_sex(group, clean.sex) if group is not None else None
        if wrong_group:
            reason = f"{wrong_group[:-1]}: {_elsewhere(clean.sex)}"
            planned.append(PlannedRow(row.number, OTHER_SEX, reason, name, community, clean))
        elif earlier is not None:
            reason = f"Same name, community and age as row {earlier}."
            planned.append(PlannedRow(row.number, IN_FILE, reason, name, community, clean))
        elif him is not None:
            reason = f"{him.code} has the same name, community and age."
            planned.append(PlannedRow(row.number, REGISTERED, reason, name, community, clean))
        else:
            note = _note(registered, seen, clean)
            used_places.add(key)
            planned.append(
                PlannedRow(row.number, NEW, "", name, community, clean, key, note=note, joined=day)
            )
        seen.add(row.number, name, clean, key)
    new_places = tuple(v for k, v in places.new.items() if k in used_places)
    plan = ImportPlan(tuple(planned), new_places, group_id, joined if group else None)
    check_codes_left(session, plan.count(NEW))  # said on a dry run too, not only on saving
    return plan


def _with_community(clean: CleanParticipant, community_id: int | None) -> CleanParticipant:
    from dataclasses import replace

    return replace(clean, community_id=community_id)


def _elsewhere(sex: str) -> str:
    return "import her with a women's group." if sex == "F" else "import him with a men's group."


def _note(registered: Registered, seen: SeenInFile, clean: CleanParticipant) -> str:
    """What to look at in a row that will be imported: someone else's phone, or a namesake."""
    other = registered.sharing_phone(clean)
    if other is not None:
        return f"Same phone number as {other.described()}."
    in_file = seen.sharing_phone(clean)
    if in_file is not None:
        return f"Same phone number as row {in_file[0]} ({in_file[1]})."
    namesake = registered.namesake(clean)
    if namesake is not None:
        return f"Same name and community as {namesake.code}, of another age."
    return ""


def run_import(
    session: Session,
    actor: Actor,
    plan: ImportPlan,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    source_name: str = "",
) -> ImportResult:
    """Save the plan's new rows (and new communities) in the caller's transaction.

    `progress(done, total)` is called as rows are saved; raising from it cancels the import,
    and the caller's rollback leaves the database as it was.
    """
    require(actor, "import")
    today = today or date.today()
    # The plan may be stale: the same list imported at the same moment on another PC (or by a
    # double click) saved the same people and places since. Waiting for the right to give codes
    # waits for that import to commit; what it saved is then seen, and skipped, as a second
    # import one after the other would.
    hold_participant_codes(session)
    places = _places_for(session, actor, plan)
    good = _still_new(session, plan, places)
    serials = reserve_participant_serials(session, len(good)) if good else range(0)
    note = f" from {source_name}" if source_name else ""
    codes: list[str] = []
    # Thousands of rows: written with bulk INSERTs (ids looked up by code), not one ORM object
    # each, so a 5,000-row list saves in about a second. Each participant still gets his own
    # audit event, with the same content `audit.record` writes.
    for start in range(0, len(good), CHUNK):
        chunk = good[start : start + CHUNK]
        values = []
        for offset, (_planned, clean) in enumerate(chunk):
            values.append({
                "uuid": new_uuid(), "code": participant_code(serials[start + offset]),
                "first_name": clean.first_name, "last_name": clean.last_name,
                "name_key": clean.name_key, "sex": clean.sex, "birth_year": clean.birth_year,
                "phone": clean.phone, "community_id": clean.community_id,
                "consent_date": clean.consent_date,
                "notes": clean.notes,
            })  # fmt: skip
        session.execute(insert(Participant.__table__), values)  # one executemany
        by_code = dict(
            session.execute(
                select(Participant.code, Participant.id).where(
                    Participant.code.in_([v["code"] for v in values])
                )
            ).all()
        )
        ids = [by_code[v["code"]] for v in values]
        # Past the ORM, whose events would add each man's name words: added here.
        names = [(pid, row["name_key"]) for pid, row in zip(ids, values, strict=True)]
        add_name_words(session.connection(), names)
        events, enrolments = [], []
        for pid, (planned, _clean), row in zip(ids, chunk, values, strict=True):
            after = {field: row[field] for field in FIELDS}
            after["consent_date"] = row["consent_date"].isoformat() if row["consent_date"] else None
            name = f"{row['first_name']} {row['last_name']}".strip()
            events.append({
                "uuid": new_uuid(), "user_id": actor.user_id, "username": actor.username,
                "action": "create", "entity": "participant", "entity_id": pid, "before": "",
                "after": json.dumps(after, default=str, ensure_ascii=False),
                "summary": f"Participant {name} ({row['code']}) imported{note}, row {planned.number}",
            })  # fmt: skip
            if plan.group_id is not None:
                enrolments.append({
                    "uuid": new_uuid(), "participant_id": pid, "group_id": plan.group_id,
                    "enrolled_on": planned.joined or today, "status": "active", "reason": "",
                })  # fmt: skip
            codes.append(row["code"])
        chain(session.connection(), events)
        session.execute(insert(AuditEvent.__table__), events)
        if enrolments:
            session.execute(insert(Enrollment.__table__), enrolments)
            # Written past the ORM's counting (one executemany): count the group's members and
            # enrolment days again (the people are new: no other group of theirs changes).
            recount_members(session.connection(), [plan.group_id])
            recount_enrolment_days(session.connection(), [plan.group_id])
        if progress is not None:
            progress(start + len(chunk), len(good))
    registered_meanwhile = plan.count(NEW) - len(good)
    return ImportResult(
        len(good), plan.count(ERROR), plan.count(IN_FILE),
        plan.count(REGISTERED) + registered_meanwhile, places.created, tuple(codes),
        plan.count(OTHER_SEX),
    )  # fmt: skip


@dataclass
class _NewPlaces:
    ids: dict[str, int]  # a planned new community's key → its id
    created: int  # how many of them this import made


def _places_for(session: Session, actor: Actor, plan: ImportPlan) -> _NewPlaces:
    """The plan's new communities: made now, unless made since the plan was checked."""
    places = _NewPlaces({}, 0)
    for name, chiefdom, district in plan.new_communities:
        key = f"{name}|{chiefdom}|{district}".casefold()
        made_since = session.scalar(
            select(Community.id).where(
                Community.name == name,
                Community.chiefdom == chiefdom,
                Community.district == district,
            )
        )
        if made_since is not None:
            places.ids[key] = made_since
            continue
        community = Community(name=name, chiefdom=chiefdom, district=district)
        session.add(community)
        session.flush()
        audit.record(
            session, actor, "create", "community", community.id,
            after=audit.snapshot(community, ("name", "chiefdom", "district")),
            summary=f"Community {name} added by import",
        )  # fmt: skip
        places.ids[key] = community.id
        places.created += 1
    return places


def _still_new(
    session: Session, plan: ImportPlan, places: _NewPlaces
) -> list[tuple[PlannedRow, CleanParticipant]]:
    """The plan's new rows, each with its community, less anyone registered since the plan."""
    rows = []
    for planned in plan.rows:
        if planned.status == NEW:
            cid = planned.clean.community_id or places.ids.get(planned.place_key)
            rows.append((planned, _with_community(planned.clean, cid)))
    registered = Registered(session, [clean for _, clean in rows])
    return [(planned, clean) for planned, clean in rows if registered.same_man(clean) is None]


REASON_HEADER = "Not imported because"  # a header no list uses: ignored when imported again
REPORT_SHEET = "Rows not imported"


def problem_rows_table(source: ImportSource, plan: ImportPlan) -> tuple[tuple[str, ...], list]:
    """The rows not imported as the file had them, every column, with the reason after: the
    office fixes them in Excel and imports the file again."""
    width = len(source.header)
    cells = {row.number: row.cells for row in source.rows}
    rows = []
    for planned in plan.problems:
        original = tuple(cells.get(planned.number, ()))[:width]
        rows.append((*original, *("",) * (width - len(original)), verdict(planned)))
    return (*source.header, REASON_HEADER), rows
