"""The men of a group who may get a certificate: what the Printing panel lists for the group
chosen, as it opens, and what a certificate run starts from.

Apart from certificates.py, which draws on the document layer (printing/data.py, ~35 ms to
import) to plan and record what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFound
from ...models import CertificateIssue, Group, Participant
from .. import scope
from ..actor import Actor
from ..sessions.completion import group_eligibility


@dataclass(frozen=True)
class Candidate:
    participant_id: int
    code: str
    name: str
    enrollment_status: str
    sessions_attended: int
    required: int
    eligible: bool
    serial: str  # "" until issued


def candidates(session: Session, actor: Actor, group_id: int) -> list[Candidate]:
    """Every member of the group with his sessions attended and whether he meets the rule
    (completion.group_eligibility: the rule the register shows, make-ups counted once)."""
    if session.get(Group, group_id) is None:
        raise NotFound("That group no longer exists.")
    scope.require_group(session, actor, group_id)
    standing = group_eligibility(session, group_id)
    if not standing:
        return []
    issued = dict(
        session.execute(
            select(CertificateIssue.participant_id, CertificateIssue.serial).where(
                CertificateIssue.group_id == group_id
            )
        ).all()
    )
    people = session.execute(
        select(Participant.id, Participant.code, Participant.first_name, Participant.last_name)
        .where(Participant.id.in_(standing))
        .order_by(Participant.first_name, Participant.last_name, Participant.code)
    ).all()
    return [
        Candidate(
            participant_id=pid,
            code=code,
            name=f"{first} {last}".strip(),
            enrollment_status=standing[pid].enrollment_status,
            sessions_attended=standing[pid].sessions_attended,
            required=standing[pid].required,
            eligible=standing[pid].eligible,
            serial=issued.get(pid, ""),
        )
        for pid, code, first, last in people
    ]
