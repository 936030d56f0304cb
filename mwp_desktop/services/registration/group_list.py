"""The list of groups, as exported by `mwp-desktop export groups`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ...models import Community, Enrollment, Facilitator, Group
from ..tables import write_table

GROUP_EXPORT_HEADERS = (
    "Code",
    "Name",
    "Kind",
    "Community",
    "Chiefdom",
    "District",
    "Facilitator",
    "Start date",
    "Status",
    "Members",
)


def group_export_rows(session: Session) -> list[tuple]:
    members = (
        select(Enrollment.group_id, func.count(Enrollment.id).label("members"))
        .where(Enrollment.status.in_(("active", "completed", "not_completed")))
        .group_by(Enrollment.group_id)
        .subquery()
    )
    facilitator = aliased(Facilitator)
    query = (
        select(
            Group.code,
            Group.name,
            Group.kind,
            Community.name,
            Community.chiefdom,
            Community.district,
            facilitator.name,
            Group.start_date,
            Group.status,
            func.coalesce(members.c.members, 0),
        )
        .join(Community, Group.community_id == Community.id)
        .outerjoin(facilitator, Group.facilitator_id == facilitator.id)
        .outerjoin(members, members.c.group_id == Group.id)
        .order_by(Group.code)
    )
    return [tuple(row) for row in session.execute(query)]


def export_groups(session: Session, path: Path) -> int:
    return write_table(path, GROUP_EXPORT_HEADERS, group_export_rows(session), sheet="Groups")
