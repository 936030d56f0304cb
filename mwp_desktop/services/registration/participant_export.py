"""The participant list as a spreadsheet, for donors and for the office's own records.

Rows are streamed from the database a page at a time, so a national list is never held whole
in memory; `tables.write_table` neutralises any cell that a spreadsheet could run as a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Community, Enrollment, Group, Participant
from ..actor import Actor
from ..permissions import require
from ..tables import write_table
from .participant_search import latest_enrolments
from .validation import age_in

EXPORT_HEADERS = (
    "Code",
    "First name",
    "Surname",
    "Sex",
    "Age",
    "Year of birth",
    "Phone",
    "Community",
    "Chiefdom",
    "District",
    "Group",
    "Status",
    "Consent date",
)
BATCH = 2000


def participant_export_rows(
    session: Session, group_id: int | None = None, today: date | None = None
) -> Iterator[tuple]:
    today = today or date.today()
    query = (
        select(Participant, Community.name, Community.chiefdom, Community.district)
        .outerjoin(Community, Community.id == Participant.community_id)
        .order_by(Participant.code)
    )
    if group_id is not None:
        query = query.where(
            Participant.id.in_(
                select(Enrollment.participant_id).where(Enrollment.group_id == group_id)
            )
        )
    last_code = ""
    while True:
        rows = session.execute(query.where(Participant.code > last_code).limit(BATCH)).all()
        if not rows:
            return
        groups = latest_enrolments(session, [r[0].id for r in rows])
        if group_id is not None:
            groups.update(_in_group(session, group_id, [r[0].id for r in rows]))
        for p, community, chiefdom, district in rows:
            group_code, status = groups.get(p.id, ("", "not enrolled"))
            yield (
                p.code, p.first_name, p.last_name, p.sex, age_in(p.birth_year, today),
                p.birth_year, p.phone or "", community or "", chiefdom or "",
                district or "", group_code, status, p.consent_date,
            )  # fmt: skip
        last_code = rows[-1][0].code
        session.expunge_all()  # keep memory flat on a national export


def _in_group(session: Session, group_id: int, ids: list[int]) -> dict[int, tuple[str, str]]:
    """For a one-group export, each member's status in *that* group."""
    rows = session.execute(
        select(Enrollment.participant_id, Group.code, Enrollment.status)
        .join(Group, Group.id == Enrollment.group_id)
        .where(Enrollment.group_id == group_id, Enrollment.participant_id.in_(ids))
        .order_by(Enrollment.id)
    ).all()
    return {pid: (code, status) for pid, code, status in rows}


def export_participants(
    session: Session, actor: Actor, path: Path, group_id: int | None = None
) -> int:
    """Write the list to .csv or .xlsx; returns how many participants were written."""
    require(actor, "export")
    rows = participant_export_rows(session, group_id)
    return write_table(path, EXPORT_HEADERS, rows, sheet="Participants")
