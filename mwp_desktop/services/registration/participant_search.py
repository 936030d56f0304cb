"""Finding participants fast at national scale: one page of rows at a time, filtered in SQL.

The participants table asks for a page (LIMIT/OFFSET) as the user scrolls, so typing in the
search box costs one indexed query for the first screenful, never a pass over 100,000 rows in
Python. The group, status and attendance columns are worked out for the rows of that page only.

What the search box accepts: part of a name (any word's beginning: "kam" finds Mohamed Kamara),
a participant code or its beginning ("P00012"), or phone digits as people type them ("076 12").

A name matches by its first word (a range on name_key, read in name order from its index) or by
a later one. Later-word matches few enough to sort (a surname few men have, a misspelling, two
words typed, a first name no one has as a later word) are read from the name words
(models/name_words.py, a range on its index): a page in name order is then the two kinds, each
read in order and cut at the page's end, merged. Many: the name index is walked in order, each
name tested as it passes, until a page is found, which many matches make short. The same men
in the same order either way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select, union
from sqlalchemy.orm import Session

from ...models import Attendance, Community, Enrollment, Group, Meeting, NameWord, Participant
from .. import scope
from ..actor import Actor
from .validation import age_in, display_phone, phone_digits_for_search, search_key

PAGE_SIZE = 100  # a screenful or three; more pages come as the user scrolls
COUNT_CAP = 10_000  # counting beyond this costs a full scan; "10,000+" says enough
# A code or phone prefix matching more men than this ("P0", "076") is listed by walking the
# name index in order until a page is found, rather than sorting every match: at 4x national
# "076" matched ~100,000 (47 ms sorted, 4 ms walked); "0761" matches ~2,300 (4 ms sorted,
# 39 ms walked).
WIDE_PREFIX = 20_000
# A name matching at most this many later words is read from the name words; more, by walking
# the name index (see the module's docstring). Sorting costs what matches, a walk the names
# before the page's last one: at 4x national (450,000 names) a surname 7,100 men share is found
# walking in ~1 ms, sorted in ~10 ms; "sesay m" (no one) walked all the names (2.8 million SQLite
# steps, ~60 ms), read from its words none. Balanced near 5,000 there.
FEW_NAMES = 5_000
# Counting reads the words further: a walk that finds fewer than COUNT_CAP men reads every name.
FEW_NAMES_TO_COUNT = 2 * COUNT_CAP

# Columns the table can be sorted by in SQL, by name.
SORT_COLUMNS = {
    "code": Participant.code,
    "name": Participant.name_key,
    "sex": Participant.sex,
    "age": Participant.birth_year,
    "phone": Participant.phone,
    "community": Community.name,
}
_CODE_LIKE = re.compile(r"^p\d{1,7}$", re.IGNORECASE)


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    code: str
    name: str
    sex: str
    age: int | None
    phone: str  # as displayed: 076 123 456
    community: str
    group_code: str  # the group of his latest enrolment
    status: str  # that enrolment's status, or "not enrolled"
    attended: int  # present or late marks
    marked: int  # marks at held meetings

    @property
    def attendance_rate(self) -> str:
        """ "75% (12/16)", or blank when no attendance was taken yet."""
        if not self.marked:
            return ""
        return f"{round(100 * self.attended / self.marked)}% ({self.attended}/{self.marked})"


@dataclass(frozen=True)
class ParticipantQuery:
    text: str = ""
    community_id: int | None = None
    group_id: int | None = None  # members (any enrolment status) of one group
    sort: str = "name"
    descending: bool = False


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _upper_bound(prefix: str) -> str:
    """The first text after every text starting with `prefix` (for an indexed range)."""
    return prefix + "\uffff"


def _typed_prefix(text: str) -> tuple[Any, str] | None:
    """The column and its prefix when the text is a code ("P00012") or phone digits ("076 12")."""
    if _CODE_LIKE.match(text):
        return Participant.code, text.upper()
    digits = phone_digits_for_search(text)
    if re.search(r"[^\W\d_]", text) is None and digits and sum(ch.isdigit() for ch in text) >= 3:
        return Participant.phone, f"+232{digits}"
    return None


def _in_range(column, prefix: str):
    return and_(column >= prefix, column < _upper_bound(prefix))


def _is_wide(session: Session, column, prefix: str) -> bool:
    """True when the prefix matches more than WIDE_PREFIX men (read from its index alone)."""
    some = select(column).where(_in_range(column, prefix)).limit(WIDE_PREFIX + 1).subquery()
    return session.scalar(select(func.count()).select_from(some)) > WIDE_PREFIX


def _few_later_words(session: Session, key: str, few: int) -> bool:
    """True when at most `few` later name words begin with `key` (read from their index)."""
    some = select(NameWord.from_word).where(_in_range(NameWord.from_word, key)).limit(few + 1)
    return session.scalar(select(func.count()).select_from(some.subquery())) <= few


@dataclass(frozen=True)
class _NameMatch:
    """The men a typed name finds: those whose first word begins with it, or a later one.
    `few`: the later ones are read from the name words, else tested on each name as read."""

    first: Any
    later: Any
    few: bool

    @property
    def either(self):
        return or_(self.first, self.later)


def _name_match(session: Session, query: ParticipantQuery, few: int) -> _NameMatch | None:
    """How the query's text matches names, or None when it is not a name."""
    text = query.text.strip()
    if not text or _typed_prefix(text) is not None or re.search(r"[^\W\d_]", text) is None:
        return None
    key = search_key(text)
    first = _in_range(Participant.name_key, key)
    if _few_later_words(session, key, few):
        words = select(NameWord.participant_id).where(_in_range(NameWord.from_word, key))
        return _NameMatch(first, Participant.id.in_(words), True)
    # The text after any space of the name key: what the name words hold.
    later = Participant.name_key.like(f"% {_escape_like(key)}%", escape="\\")
    return _NameMatch(first, later, False)


def _filters(query: ParticipantQuery, walk_the_order: bool, name) -> list:
    """SQL conditions for the query. Each kind of search uses its own index: a code or a phone
    number is a range on that column; a name is `name`, a condition from _name_match.
    `walk_the_order`: a wide code or phone range is compared as `column || ''`, the same text
    through no index, so the database walks the order's index instead and stops after a page."""
    conditions = []
    text = query.text.strip()
    if name is not None:
        conditions.append(name)
    elif text:
        typed = _typed_prefix(text)
        if typed is not None:
            column, prefix = typed
            conditions.append(_in_range(column.concat("") if walk_the_order else column, prefix))
        else:
            conditions.append(Participant.id.is_(None))  # too few digits to go on yet
    if query.community_id is not None:
        conditions.append(Participant.community_id == query.community_id)
    if query.group_id is not None:
        conditions.append(
            Participant.id.in_(
                select(Enrollment.participant_id).where(Enrollment.group_id == query.group_id)
            )
        )
    return conditions


def _ids_query(
    session: Session, actor: Actor, query: ParticipantQuery, walk_the_order: bool = False, name=None
) -> Select:
    statement = select(Participant.id)
    if query.sort == "community":
        statement = statement.outerjoin(Community, Community.id == Participant.community_id)
    conditions = _filters(query, walk_the_order, name)
    visible = scope.participants_condition(session, actor, Participant.id)
    if visible is not None:
        conditions.append(visible)
    return statement.where(and_(*conditions)) if conditions else statement


def _merged_by_name(
    session: Session, actor: Actor, query: ParticipantQuery, match: _NameMatch, end: int
) -> Select:
    """The ids of a page in name order that ends at `end`: the first-word matches and the
    later-word ones, each read in name order and cut at `end`, merged (by UNION, which also
    keeps once a man both find: "kam" and Kam Kam). Sorting them all would cost every first
    name that matches; walking all names, every name before the page's last."""
    parts = []
    for condition in (match.first, match.later):
        part = _ids_query(session, actor, query, name=condition).add_columns(Participant.name_key)
        part = _in_order(part, Participant.name_key, Participant.id, query.descending)
        parts.append(select(*part.limit(end).subquery().c))
    merged = union(*parts).subquery()
    return _in_order(select(merged.c.id), merged.c.name_key, merged.c.id, query.descending)


def _in_order(statement: Select, column, tiebreak, descending: bool) -> Select:
    if descending:
        return statement.order_by(column.desc(), tiebreak.desc())
    return statement.order_by(column.asc(), tiebreak.asc())


def count_participants(session: Session, actor: Actor, query: ParticipantQuery) -> tuple[int, bool]:
    """How many the actor may see match, up to COUNT_CAP; the flag says the real number is
    larger."""
    match = _name_match(session, query, FEW_NAMES_TO_COUNT)
    name = match.either if match is not None else None
    counted = _ids_query(session, actor, replace(query, sort="name"), name=name)
    capped = counted.limit(COUNT_CAP + 1).subquery()
    count = session.scalar(select(func.count()).select_from(capped)) or 0
    return min(count, COUNT_CAP), count > COUNT_CAP


def search_participants(
    session: Session,
    actor: Actor,
    query: ParticipantQuery,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    today: date | None = None,
) -> list[ParticipantRow]:
    """One page of the matching participants the actor may see, in the query's order."""
    today = today or date.today()
    column = SORT_COLUMNS.get(query.sort, Participant.name_key)
    # Older means an earlier birth year: age descending is birth year ascending.
    descending = query.descending != (query.sort == "age")
    typed = _typed_prefix(query.text.strip())
    # Walking the names pays only over the whole register: narrowed to a community, a group
    # or a facilitator's men, most names walked past would not be theirs.
    whole_register = (
        query.community_id is None and query.group_id is None
        and scope.sees_every_group(actor)
    )  # fmt: skip
    walk = (
        query.sort == "name" and typed is not None and whole_register
        and _is_wide(session, *typed)
    )  # fmt: skip
    match = _name_match(session, query, FEW_NAMES)
    if match is not None and match.few and query.sort == "name":
        statement = _merged_by_name(session, actor, query, match, offset + limit)
    else:
        name = match.either if match is not None else None
        statement = _ids_query(session, actor, query, walk, name)
        statement = _in_order(statement, column, Participant.id, descending)
    ids = list(session.scalars(statement.offset(offset).limit(limit)))
    if not ids:
        return []
    details = {
        row[0]: row
        for row in session.execute(
            select(
                Participant.id,
                Participant.code,
                Participant.first_name,
                Participant.last_name,
                Participant.sex,
                Participant.birth_year,
                Participant.phone,
                Community.name,
            )  # fmt: skip
            .outerjoin(Community, Community.id == Participant.community_id)
            .where(Participant.id.in_(ids))
        )
    }
    memberships = latest_enrolments(session, ids)
    tallies = attendance_tallies(session, ids)
    result = []
    for pid in ids:
        _, code, first, last, sex, birth_year, phone, community = details[pid]
        group_code, status = memberships.get(pid, ("", "not enrolled"))
        attended, marked = tallies.get(pid, (0, 0))
        result.append(
            ParticipantRow(
                pid,
                code,
                f"{first} {last}".strip(),
                sex,
                age_in(birth_year, today),
                display_phone(phone),
                community or "",
                group_code,
                status,
                attended,
                marked,
            )  # fmt: skip
        )
    return result


def latest_enrolments(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Participant id → (group code, status) of his latest enrolment."""
    if not ids:
        return {}
    rows = session.execute(
        select(Enrollment.participant_id, Group.code, Enrollment.status)
        .join(Group, Group.id == Enrollment.group_id)
        .where(Enrollment.participant_id.in_(ids))
        # An active enrolment wins; otherwise the newest one.
        .order_by(
            Enrollment.participant_id,
            case((Enrollment.status == "active", 1), else_=0),
            Enrollment.enrolled_on,
            Enrollment.id,
        )
    ).all()
    return {pid: (code, status) for pid, code, status in rows}


def attendance_tallies(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Participant id → (present-or-late marks, all marks) at held meetings."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            Attendance.participant_id,
            func.count().filter(Attendance.status.in_(("present", "late"))),
            func.count(),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.participant_id.in_(ids), Meeting.status == "held")
        .group_by(Attendance.participant_id)
    ).all()
    return {pid: (attended, marked) for pid, attended, marked in rows}
