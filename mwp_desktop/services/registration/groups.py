"""Groups: create, edit, close and reopen, and the group list with its figures.

The list is built in set-based queries whatever the number of groups: each group keeps its
member count, sessions held and marks at held meetings (models/stored_counts/), so its figures
are read with it rather than counted from the enrolments, meetings and marks beneath it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFound, UserError
from ...models import (
    GROUP_KINDS,
    Community,
    Curriculum,
    CurriculumSession,
    Enrollment,
    Facilitator,
    Group,
    Meeting,
    Participant,
)
from ...models.registry import full_name
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..edit_conflicts import refuse_if_changed, refused_if_saved_meanwhile
from ..permissions import require
from ..plain_rows import no_cycle_collection, plain_connection
from .validation import FieldErrors, age_in, display_phone, tidy

FIELDS = ("code", "name", "kind", "community_id", "curriculum_id", "facilitator_id",
          "co_facilitator_id", "meeting_weekday", "meeting_time", "venue", "start_date",
          "status", "closed_on", "notes")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KIND_PREFIX = {"men": "M", "women": "W", "mixed": "X"}


@dataclass(frozen=True)
class GroupInput:
    code: str
    name: str
    kind: str
    community_id: int | None
    curriculum_id: int | None
    facilitator_id: int | None = None
    co_facilitator_id: int | None = None
    meeting_weekday: int | None = None
    meeting_time: time | None = None
    venue: str = ""
    start_date: date | None = None
    notes: str = ""
    version: int | None = None  # of the group these values were read from (group_input)


@dataclass(frozen=True)
class GroupRow:
    id: int
    code: str
    name: str
    kind: str
    community_id: int
    community: str
    chiefdom: str
    district: str
    facilitator: str
    start_date: date | None
    status: str
    members: int
    sessions_held: int
    sessions_total: int
    attended: int = 0
    marked: int = 0
    search_text: str = field(default="", repr=False)

    @property
    def sessions_text(self) -> str:
        return f"{self.sessions_held} of {self.sessions_total}"

    @property
    def attendance_rate(self) -> str:
        return attendance_rate_text(self.attended, self.marked)


def attendance_rate_text(attended: int, marked: int) -> str:
    """A group's attendance as "x% (p/n)"; empty when no mark has been typed yet."""
    if not marked:
        return ""
    return f"{round(100 * attended / marked)}% ({attended}/{marked})"


@dataclass(frozen=True)
class MemberRow:
    enrollment_id: int
    participant_id: int
    code: str
    name: str
    sex: str
    age: int | None
    phone: str
    status: str
    enrolled_on: date
    ended_on: date | None
    reason: str


@no_cycle_collection()
def list_groups(session: Session, actor: Actor, only: int | None = None) -> list[GroupRow]:
    """Every group the actor may see (or the one with id `only`) with its figures, ordered by
    code.

    Read in plain rows through the tables (plain_rows.py: no ORM set-up or row handling for
    4,000 groups at national scale) and without joining the place and facilitator names onto
    every group: they are read once each (a few hundred places and leads), looked up by id."""
    g, place, lead = Group.__table__.c, Community.__table__.c, Facilitator.__table__.c
    # Members, sessions held and marks at held meetings are kept on the group as enrolments,
    # meetings and marks change (models/stored_counts/): counting members and sessions took ~60 ms
    # an opening at national scale, and summing the held meetings' marks ~100 ms at 4x national.
    groups_query = select(
        g.id, g.code, g.name, g.kind, g.community_id, g.facilitator_id, g.start_date, g.status,
        g.curriculum_id, g.member_count, g.sessions_held, g.held_marks_attended, g.held_marks,
    ).order_by(g.code)  # fmt: skip
    places_query = select(place.id, place.name, place.chiefdom, place.district)
    leads_query = select(lead.id, lead.name)
    visible = scope.groups_condition(session, actor, g.id)
    if visible is not None:
        groups_query = groups_query.where(visible)
    if only is not None:
        groups_query = groups_query.where(g.id == only)
        of_group = select(g.community_id, g.facilitator_id).where(g.id == only)
        places_query = places_query.where(
            place.id == of_group.with_only_columns(g.community_id).scalar_subquery()
        )
        leads_query = leads_query.where(
            lead.id == of_group.with_only_columns(g.facilitator_id).scalar_subquery()
        )
    connection = plain_connection(session)
    groups = connection.execute(groups_query).all()
    places = {cid: (name, chiefdom, district)
              for cid, name, chiefdom, district in connection.execute(places_query)}  # fmt: skip
    leads = dict(connection.execute(leads_query).all())
    sessions = CurriculumSession.__table__.c
    sizes = dict(
        connection.execute(
            select(sessions.curriculum_id, func.count()).group_by(sessions.curriculum_id)
        ).all()
    )
    rows = []
    for (
        gid,
        code,
        name,
        kind,
        cid,
        lead_id,
        start,
        status,
        cur,
        members,
        held,
        came,
        marked,
    ) in groups:
        place, chiefdom, district = places[cid]
        lead_name = leads.get(lead_id, "")
        rows.append(_group_row({
            "id": gid, "code": code, "name": name, "kind": kind, "community_id": cid,
            "community": place, "chiefdom": chiefdom, "district": district,
            "facilitator": lead_name, "start_date": start, "status": status, "members": members,
            "sessions_held": held, "sessions_total": sizes.get(cur, 0), "attended": came,
            "marked": marked, "search_text": f"{code} {name} {place} {lead_name}".casefold(),
        }))  # fmt: skip
    return rows


def _group_row(fields: dict) -> GroupRow:
    """A GroupRow made without the dataclass's generated __init__, which sets each of its 17
    fields through object.__setattr__ (the price of frozen): ~25 ms for the 4,000 groups of a
    national database on the way to showing the Groups panel. The fields, written as a dict
    literal, become the instance's __dict__ as they are (no keyword call, no copy): 59 -> 42 ms
    for the 16,000 groups at 4x national. The caller gives every field (tests/test_registration.py
    checks the rows equal GroupRow(...) made the ordinary way); the row stays frozen."""
    row = object.__new__(GroupRow)
    object.__setattr__(row, "__dict__", fields)
    return row


def group_row(session: Session, actor: Actor, group_id: int) -> GroupRow:
    rows = list_groups(session, actor, only=group_id)
    if not rows:
        raise NotFound("That group no longer exists.")
    return rows[0]


def group_input(session: Session, group_id: int) -> GroupInput:
    """The form's starting values for editing a group."""
    g = _get(session, group_id)
    return GroupInput(
        g.code, g.name, g.kind, g.community_id, g.curriculum_id, g.facilitator_id,
        g.co_facilitator_id, g.meeting_weekday, g.meeting_time, g.venue or "", g.start_date,
        g.notes or "", g.version,
    )  # fmt: skip


def group_id_by_code(session: Session, code: str) -> int:
    """The group a user named by its code (any case, spaces trimmed)."""
    gid = session.scalar(select(Group.id).where(func.upper(Group.code) == tidy(code).upper()))
    if gid is None:
        raise NotFound(f"There is no group with the code {tidy(code)!r}.")
    return gid


def members(
    session: Session, actor: Actor, group_id: int, today: date | None = None
) -> list[MemberRow]:
    """Everyone who has been in the group, with the state of his membership."""
    scope.require_group(session, actor, group_id)
    today = today or date.today()
    e, p = Enrollment.__table__.c, Participant.__table__.c
    rows = plain_connection(session).execute(
        select(
            e.id,
            p.id,
            p.code,
            p.first_name,
            p.last_name,
            p.sex,
            p.birth_year,
            p.phone,
            e.status,
            e.enrolled_on,
            e.ended_on,
            e.reason,
        )  # fmt: skip
        .join_from(Enrollment.__table__, Participant.__table__, p.id == e.participant_id)
        .where(e.group_id == group_id)
        .order_by(p.name_key, e.id)
    )
    return [
        MemberRow(
            eid,
            pid,
            code,
            full_name(first, last),
            sex,
            age_in(born, today),
            display_phone(phone),
            status,
            enrolled_on,
            ended_on,
            reason or "",
        )  # fmt: skip
        for eid, pid, code, first, last, sex, born, phone, status, enrolled_on, ended_on, reason in rows
    ]


def next_group_code(session: Session, kind: str, year: int) -> str:
    """A suggested code such as M26-007: kind, year and a running number."""
    prefix = f"{KIND_PREFIX.get(kind, 'G')}{year % 100:02d}-"
    codes = session.scalars(select(Group.code).where(Group.code.like(f"{prefix}%")))
    numbers = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _clean(session: Session, data: GroupInput, exclude_id: int | None) -> GroupInput:
    errors = FieldErrors()
    code = tidy(data.code).upper()
    if not code:
        errors.add("code", "Code is required.")
    elif len(code) > 20:
        errors.add("code", "Code is too long (at most 20 characters).")
    else:
        same = select(Group.id).where(func.upper(Group.code) == code)
        if exclude_id is not None:
            same = same.where(Group.id != exclude_id)
        if session.scalar(same) is not None:
            errors.add("code", f"Another group already has the code {code}.")
    name = tidy(data.name)
    if not name:
        errors.add("name", "Name is required.")
    if data.kind not in GROUP_KINDS:
        errors.add("kind", "Choose men, women or mixed.")
    if data.community_id is None or session.get(Community, data.community_id) is None:
        errors.add("community", "Choose the community where the group meets.")
    curriculum = session.get(Curriculum, data.curriculum_id) if data.curriculum_id else None
    if curriculum is None:
        errors.add("curriculum", "Choose the curriculum the group follows.")
    for key, fid in (
        ("facilitator", data.facilitator_id),
        ("co_facilitator", data.co_facilitator_id),
    ):
        if fid is not None and session.get(Facilitator, fid) is None:
            errors.add(key, "That facilitator no longer exists.")
    if data.facilitator_id is not None and data.facilitator_id == data.co_facilitator_id:
        errors.add("co_facilitator", "The co-facilitator must be someone else.")
    if data.meeting_weekday is not None and not 0 <= data.meeting_weekday <= 6:
        errors.add("meeting_weekday", "Choose a day of the week.")
    errors.raise_if_any()
    return GroupInput(
        code, name, data.kind, data.community_id, data.curriculum_id, data.facilitator_id,
        data.co_facilitator_id, data.meeting_weekday, data.meeting_time, tidy(data.venue),
        data.start_date, (data.notes or "").strip(),
    )  # fmt: skip


def _apply(group: Group, clean: GroupInput) -> None:
    for name in ("code", "name", "kind", "community_id", "curriculum_id", "facilitator_id",
                 "co_facilitator_id", "meeting_weekday", "meeting_time", "venue", "start_date",
                 "notes"):  # fmt: skip
        setattr(group, name, getattr(clean, name))


def _get(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise NotFound("That group no longer exists.")
    return group


def create_group(
    session: Session, actor: Actor, data: GroupInput, today: date | None = None
) -> GroupRow:
    require(actor, "register")
    clean = _clean(session, data, None)
    today = today or date.today()
    group = Group(status="active" if clean.start_date and clean.start_date <= today else "planned")
    _apply(group, clean)
    session.add(group)
    session.flush()
    audit.record(
        session, actor, "create", "group", group.id,
        after=audit.snapshot(group, FIELDS), summary=f"Group {group.code} created",
    )  # fmt: skip
    return group_row(session, actor, group.id)


def update_group(session: Session, actor: Actor, group_id: int, data: GroupInput) -> GroupRow:
    """Save the form's values over the group's; if the group was saved after the form read
    `data.version`, nothing is written (ChangedMeanwhile)."""
    require(actor, "register")
    group = _get(session, group_id)
    refuse_if_changed(session, group, data.version, "group", "group")
    clean = _clean(session, data, group_id)
    if clean.curriculum_id != group.curriculum_id and session.scalar(
        select(func.count()).select_from(Meeting).where(Meeting.group_id == group_id)
    ):
        raise UserError("The group has meetings scheduled; its curriculum can no longer change.")
    before = audit.snapshot(group, FIELDS)
    _apply(group, clean)
    return _record_change(session, actor, group, before, "changed")


def close_group(session: Session, actor: Actor, group_id: int, on: date | None = None) -> GroupRow:
    require(actor, "register")
    group = _get(session, group_id)
    if group.status == "closed":
        raise UserError(f"Group {group.code} is already closed.")
    before = audit.snapshot(group, FIELDS)
    group.status, group.closed_on = "closed", on or date.today()
    return _record_change(session, actor, group, before, "closed")


def reopen_group(
    session: Session, actor: Actor, group_id: int, today: date | None = None
) -> GroupRow:
    require(actor, "register")
    group = _get(session, group_id)
    if group.status != "closed":
        raise UserError(f"Group {group.code} is not closed.")
    today = today or date.today()
    before = audit.snapshot(group, FIELDS)
    started = group.start_date is not None and group.start_date <= today
    group.status, group.closed_on = ("active" if started else "planned"), None
    return _record_change(session, actor, group, before, "reopened")


def _record_change(
    session: Session, actor: Actor, group: Group, before: dict[str, object], what: str
) -> GroupRow:
    """Write a change to a group, put it in the audit trail before and after, return its row."""
    with refused_if_saved_meanwhile("group"):
        session.flush()
    audit.record(
        session, actor, "update", "group", group.id,
        before=before, after=audit.snapshot(group, FIELDS), summary=f"Group {group.code} {what}",
    )  # fmt: skip
    return group_row(session, actor, group.id)


def group_problems(
    session: Session, data: GroupInput, exclude_id: int | None = None
) -> dict[str, str]:
    """What is wrong with the form as typed (field → reason), for checking as the user types."""
    from ...errors import ValidationError

    try:
        _clean(session, data, exclude_id)
    except ValidationError as exc:
        return exc.fields
    return {}
