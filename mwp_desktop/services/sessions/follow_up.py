"""The follow-up list: members who missed the last meetings of their group in a row.

A man who has missed `follow_up_absences` (default 2) of his group's meetings in a row is listed
with his phone, group, facilitator and the last meeting he attended, so the office can call him.
Absent and unmarked both count as missed; an excused absence ends the run (the office knows why);
attending a make-up meeting after the run ends it too. Only active members of groups that are
not closed are listed.

Reading it at national scale stays cheap: a window query picks each group's last few held
meetings, and only the members who missed all of those are looked at more closely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Attendance, Community, Enrollment, Facilitator, Group, Meeting, Participant
from .. import scope
from ..actor import Actor
from ..admin.settings import get_setting
from ..permissions import require
from ..tables import write_table
from .completion import ATTENDED

RECENT_WEEKS = 26  # a group that has not met for half a year has finished
FOLLOW_UP_HEADERS = (
    "Code",
    "Name",
    "Phone",
    "Group",
    "Community",
    "Facilitator",
    "Facilitator phone",
    "Missed in a row",
    "Last attended",
)


@dataclass(frozen=True)
class FollowUpItem:
    participant_id: int
    code: str
    name: str
    phone: str
    group_id: int
    group_code: str
    group_name: str
    community: str
    facilitator: str
    facilitator_phone: str
    missed_in_a_row: int
    last_attended: date | None


def follow_up_list(
    session: Session,
    actor: Actor,
    *,
    threshold: int | None = None,
    group_id: int | None = None,
    today: date | None = None,
) -> list[FollowUpItem]:
    require(actor, "view")
    threshold = max(1, threshold or get_setting(session, "follow_up_absences"))
    recent = _recent_meetings(session, threshold, group_id, today or date.today())
    # One pass in the database: members whose group's last `threshold` meetings all fell while
    # they were enrolled, with no present, late or excused mark at any of them.
    narrowed = scope.groups_condition(session, actor, Enrollment.group_id)
    visible = () if narrowed is None else (narrowed,)
    kept = func.count(Attendance.id).filter(Attendance.status.in_((*ATTENDED, "excused")))
    candidates = session.execute(
        select(Enrollment.participant_id, Enrollment.group_id, Enrollment.enrolled_on)
        .join(recent, recent.c.group_id == Enrollment.group_id)
        .outerjoin(
            Attendance,
            (Attendance.meeting_id == recent.c.id)
            & (Attendance.participant_id == Enrollment.participant_id),
        )
        .where(Enrollment.status == "active", *visible)
        .group_by(Enrollment.id)
        .having(
            (func.count(recent.c.id) == threshold)
            & (kept == 0)
            & (func.min(recent.c.held_date) >= Enrollment.enrolled_on)
        )
    ).all()
    if not candidates:
        return []
    return _describe(session, [tuple(c) for c in candidates], threshold)


def _recent_meetings(session: Session, limit: int, group_id: int | None, today: date):
    """Each open group's last `limit` held meetings (make-ups aside), as a CTE.

    Only meetings planned in the last RECENT_WEEKS count: a group that has not met for longer
    has finished, and its members are not "missing" meetings.
    """
    rank = (
        func.row_number()
        .over(
            partition_by=Meeting.group_id,
            order_by=(Meeting.held_date.desc(), Meeting.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(Meeting.id, Meeting.group_id, Meeting.held_date, rank)
        .join(Group, Group.id == Meeting.group_id)
        .where(
            Meeting.planned_date >= today - timedelta(weeks=RECENT_WEEKS),
            Meeting.status == "held",
            Meeting.makeup_of_id.is_(None),
            Group.status != "closed",
        )
    )
    if group_id is not None:
        ranked = ranked.where(Meeting.group_id == group_id)
    ranked = ranked.subquery()
    return (
        select(ranked.c.id, ranked.c.group_id, ranked.c.held_date)
        .where(ranked.c.rank <= limit)
        .cte("recent")  # computed once, not again for every member joined to it
    )


def _describe(session: Session, candidates: list[tuple], threshold: int) -> list[FollowUpItem]:
    """Full length of each run, last meeting attended, and the details to call."""
    group_ids = {gid for _, gid, _ in candidates}
    people = {pid for pid, _, _ in candidates}
    history: dict[int, list[tuple]] = {}
    for mid, gid, held, makeup in session.execute(
        select(Meeting.id, Meeting.group_id, Meeting.held_date, Meeting.makeup_of_id)
        .where(Meeting.group_id.in_(group_ids), Meeting.status == "held")
        .order_by(Meeting.held_date.desc(), Meeting.id.desc())
    ):
        history.setdefault(gid, []).append((mid, held, makeup is not None))
    marks = {
        (mid, pid): status
        for mid, pid, status in session.execute(
            select(Attendance.meeting_id, Attendance.participant_id, Attendance.status)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Meeting.group_id.in_(group_ids), Attendance.participant_id.in_(people))
        )
    }
    details = _details(session, people, group_ids)
    items = []
    for pid, gid, enrolled_on in candidates:
        run, last_attended, broken = 0, None, False
        for mid, held, is_makeup in history[gid]:
            status = marks.get((mid, pid))
            if status in ATTENDED and last_attended is None:
                last_attended = held
            if broken or held < enrolled_on:
                continue
            if status in ATTENDED or status == "excused":
                broken = True
            elif not is_makeup:
                run += 1
        if run < threshold:
            continue  # a make-up attended since put him back on track
        person, group = details[0][pid], details[1][gid]
        items.append(FollowUpItem(pid, *person, gid, *group, run, last_attended))
    items.sort(key=lambda i: (-i.missed_in_a_row, i.group_code, i.name.casefold()))
    return items


def _details(session: Session, people: set[int], group_ids: set[int]) -> tuple[dict, dict]:
    persons = {
        pid: (code, f"{first} {last}".strip(), phone or "")
        for pid, code, first, last, phone in session.execute(
            select(
                Participant.id,
                Participant.code,
                Participant.first_name,
                Participant.last_name,
                Participant.phone,
            ).where(Participant.id.in_(people))
        )
    }
    groups = {
        gid: (code, name, community or "", facilitator or "", phone or "")
        for gid, code, name, community, facilitator, phone in session.execute(
            select(
                Group.id,
                Group.code,
                Group.name,
                Community.name,
                Facilitator.name,
                Facilitator.phone,
            )
            .join(Community, Community.id == Group.community_id)
            .outerjoin(Facilitator, Facilitator.id == Group.facilitator_id)
            .where(Group.id.in_(group_ids))
        )
    }
    return persons, groups


def follow_up_rows(items: list[FollowUpItem]) -> list[tuple]:
    return [
        (
            i.code,
            i.name,
            i.phone,
            f"{i.group_code} {i.group_name}",
            i.community,
            i.facilitator,
            i.facilitator_phone,
            i.missed_in_a_row,
            i.last_attended,
        )
        for i in items
    ]


def export_follow_up(
    session: Session,
    actor: Actor,
    path,
    *,
    today: date | None = None,
    items: list[FollowUpItem] | None = None,
) -> int:
    """Write the list to CSV/XLSX: `items` as the user sees them, else found afresh."""
    require(actor, "export")
    if items is None:
        items = follow_up_list(session, actor, today=today)
    return write_table(path, FOLLOW_UP_HEADERS, follow_up_rows(items), sheet="Follow-up")
