"""Completion certificates: who may have one, issuing and reprinting them, and checking one.

Each certificate gets a serial (MWP-2026-00042) once, on first issue; printing it again reuses
the serial and counts the reprint. Its verification code is an HMAC of serial, participant and
group under a secret kept in this database, shown as ten letters and digits (XXXXX-XXXXX, no
I, L, O or U to misread) — short enough to read over the phone — and carried by the QR code.

A verdict names no one (serial, group code and date only): it is read out to whoever holds the
paper, and `mwp-desktop verify` prints it without anyone signing in. A code that is not genuine
shows nothing of the record it matched.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import ValidationError
from ...models import (
    CertificateIssue,
    Community,
    Facilitator,
    Group,
    Meeting,
    Setting,
)
from ...printing.data import CertificateData
from .. import scope
from ..actor import Actor
from ..admin import audit
from ..permissions import require
from ..sessions.completion import curriculum_size
from ..tables import display_date
from .certificate_candidates import candidates

SECRET_KEY = "certificate_secret"  # in the settings table, never shown in Settings
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
QR_PREFIX = "MWP-CERT"


@dataclass(frozen=True)
class Verification:
    genuine: bool
    message: str
    serial: str = ""
    participant_name: str = ""
    participant_code: str = ""
    group: str = ""
    group_code: str = ""
    issued_on: date | None = None
    reprints: int = 0


@dataclass(frozen=True)
class PlannedIssue:
    """One certificate of a plan: a first issue (new serial) or a reprint of a recorded one."""

    participant_id: int
    participant_code: str
    participant_name: str
    serial: str
    verification_code: str
    sessions_attended: int
    first_issue: bool
    override_reason: str  # "" unless printed despite the rule


@dataclass(frozen=True)
class CertificatePlan:
    group_id: int
    group_code: str
    issued_on: date
    issues: tuple[PlannedIssue, ...]
    certificates: tuple[CertificateData, ...]


def plan_certificates(
    session: Session,
    actor: Actor,
    group_id: int,
    *,
    participant_ids: Iterable[int] | None = None,
    overrides: Mapping[int, str] | None = None,
    today: date | None = None,
) -> CertificatePlan:
    """What to print for a group — every eligible member (or those named) plus anyone a
    supervisor overrides with a reason — without writing anything (but the secret on first use).

    Planning apart from recording lets a thousand certificates be drawn without holding the
    database's write lock, which would stop the other office PCs saving attendance."""
    require(actor, "print")
    overrides = {pid: reason.strip() for pid, reason in (overrides or {}).items()}
    if overrides:
        require(actor, "certificate_override")
        if any(not reason for reason in overrides.values()):
            raise ValidationError({"reason": "give the reason for printing despite the rule"})
    today = today or date.today()
    wanted = set(participant_ids) if participant_ids is not None else None
    chosen = [
        c
        for c in candidates(session, actor, group_id)
        if (c.eligible and (wanted is None or c.participant_id in wanted))
        or c.participant_id in overrides
    ]
    group, community = session.execute(
        select(Group, Community.name)
        .join(Community, Community.id == Group.community_id)
        .where(Group.id == group_id)
    ).one()
    if not chosen:
        return CertificatePlan(group_id, group.code, today, (), ())
    first, last = session.execute(
        select(func.min(Meeting.held_date), func.max(Meeting.held_date)).where(
            Meeting.group_id == group_id, Meeting.status == "held"
        )
    ).one()
    total = curriculum_size(session, group_id)
    facilitator = (
        session.scalar(select(Facilitator.name).where(Facilitator.id == group.facilitator_id)) or ""
    )
    existing = {
        row.participant_id: row
        for row in session.scalars(
            select(CertificateIssue).where(CertificateIssue.group_id == group_id)
        )
    }
    key = _secret(session)
    sequence = _next_sequence(session, today.year)
    issues, out = [], []
    for candidate in chosen:
        row = existing.get(candidate.participant_id)
        if row is None:
            serial = f"MWP-{today.year}-{sequence:05d}"
            sequence += 1
            code = verification_code(key, serial, candidate.participant_id, group_id)
            issued_on = today
        else:
            serial, code, issued_on = row.serial, row.verification_code, row.issued_on
        reason = overrides.get(candidate.participant_id, "") if not candidate.eligible else ""
        issues.append(
            PlannedIssue(
                candidate.participant_id,
                candidate.code,
                candidate.name,
                serial,
                code,
                candidate.sessions_attended,
                row is None,
                reason,
            )  # fmt: skip
        )
        out.append(
            CertificateData(
                participant_name=candidate.name,
                participant_code=candidate.code,
                group_name=group.name,
                group_code=group.code,
                community=community,
                first_session=first,
                last_session=last,
                sessions_attended=candidate.sessions_attended,
                sessions_total=total,
                serial=serial,
                verification_code=code,
                qr_payload=qr_payload(serial, code),
                issued_on=issued_on,
                facilitator=facilitator,
            )
        )
    return CertificatePlan(group_id, group.code, today, tuple(issues), tuple(out))


def record_issues(session: Session, actor: Actor, plan: CertificatePlan) -> None:
    """Record a plan once its certificates are drawn: new serials, counted reprints, and the
    audit trail. Raises IntegrityError if another PC issued the same serial or man meanwhile
    (the caller plans again)."""
    require(actor, "print")
    scope.require_group(session, actor, plan.group_id)
    reprinted = {
        row.serial: row
        for row in session.scalars(
            select(CertificateIssue).where(
                CertificateIssue.serial.in_([i.serial for i in plan.issues if not i.first_issue])
            )
        )
    }
    for issue in plan.issues:
        if issue.first_issue:
            row = CertificateIssue(
                serial=issue.serial,
                verification_code=issue.verification_code,
                participant_id=issue.participant_id,
                group_id=plan.group_id,
                issued_on=plan.issued_on,
                issued_by_id=actor.user_id,
                sessions_attended=issue.sessions_attended,
                override_reason=issue.override_reason,
            )
            session.add(row)
            session.flush()
            action = "override" if issue.override_reason else "issue"
            audit.record(
                session, actor, action, "certificate", row.id,
                after={"serial": issue.serial, "participant": issue.participant_code,
                       "group": plan.group_code, "sessions_attended": issue.sessions_attended,
                       "reason": issue.override_reason},
                summary=f"Certificate {issue.serial} for {issue.participant_name} "
                f"({issue.participant_code})"
                + (f" despite the rule: {issue.override_reason}" if issue.override_reason else ""),
            )  # fmt: skip
        else:
            row = reprinted[issue.serial]
            row.reprint_count += 1
            audit.record(
                session, actor, "reprint", "certificate", row.id,
                after={"serial": row.serial, "reprint_count": row.reprint_count},
                summary=f"Reprint {row.reprint_count} of certificate {row.serial}",
            )  # fmt: skip


def issue_certificates(
    session: Session,
    actor: Actor,
    group_id: int,
    *,
    participant_ids: Iterable[int] | None = None,
    overrides: Mapping[int, str] | None = None,
    today: date | None = None,
) -> list[CertificateData]:
    """Plan and record in one go (small batches, tests): the certificates to print."""
    plan = plan_certificates(session, actor, group_id, participant_ids=participant_ids,
                             overrides=overrides, today=today)  # fmt: skip
    record_issues(session, actor, plan)
    return list(plan.certificates)


def ensure_secret(session: Session) -> None:
    """Make this database's signing secret if it has none (a write of its own, done before a
    read-only plan)."""
    _secret(session)


def verification_code(key: bytes, serial: str, participant_id: int, group_id: int) -> str:
    digest = hmac.new(key, f"{serial}|{participant_id}|{group_id}".encode(), hashlib.sha256)
    number = int.from_bytes(digest.digest()[:7], "big") >> 6  # 50 bits: 10 characters
    chars = "".join(CROCKFORD[(number >> (5 * i)) & 31] for i in reversed(range(10)))
    return f"{chars[:5]}-{chars[5:]}"


def qr_payload(serial: str, code: str) -> str:
    """What the QR code carries; a scanner types it into the Verify dialog as it is."""
    return f"{QR_PREFIX}/{serial}/{code}"


def normalise_code(text: str) -> str:
    """A code as typed or scanned: any case, spaces or dashes, O for 0, I or L for 1, or the whole
    QR text."""
    return _read_code(text)[1]


def _read_code(text: str) -> tuple[str, str]:
    """(the serial the text claims, "" when only a code was typed; the code, "" if not one)."""
    parts = [part.strip() for part in text.strip().upper().split("/")]
    if parts[0] == QR_PREFIX:
        parts = parts[1:]
    if not 1 <= len(parts) <= 2:
        return "", ""
    claimed = parts[0] if len(parts) == 2 else ""
    code = re.sub(r"[\s\-_.]", "", parts[-1]).translate(str.maketrans("OIL", "011"))
    if len(code) != 10 or any(ch not in CROCKFORD for ch in code):
        return "", ""
    return claimed, f"{code[:5]}-{code[5:]}"


def verify(session: Session, text: str) -> Verification:
    claimed, code = _read_code(text)
    if not code:
        return Verification(False, "That is not a certificate code: it has ten letters and digits.")
    row = session.scalar(select(CertificateIssue).where(CertificateIssue.verification_code == code))
    if row is None:
        return Verification(False, f"No certificate with code {code} was issued by this office.")
    if claimed and claimed != row.serial:
        # A real code copied onto another paper: the serial printed with it must be its own.
        return Verification(
            False, f"Code {code} belongs to another serial than the one given: not genuine."
        )
    expected = verification_code(_secret(session), row.serial, row.participant_id, row.group_id)
    if not hmac.compare_digest(expected, code):
        return Verification(
            False, "This code is in the records but does not match them: not genuine."
        )
    participant, group = row.participant, row.group
    # The date as the certificate prints it, so the paper and the verdict read alike.
    issued = display_date(row.issued_on)
    return Verification(
        genuine=True,
        message=f"Genuine: certificate {row.serial}, group {group.code}, issued {issued}.",
        serial=row.serial,
        participant_name=participant.full_name,
        participant_code=participant.code,
        group=f"{group.name} ({group.code})",
        group_code=group.code,
        issued_on=row.issued_on,
        reprints=row.reprint_count,
    )


def _secret(session: Session) -> bytes:
    """This database's signing secret, made on first use."""
    row = session.scalar(select(Setting).where(Setting.key == SECRET_KEY))
    if row is None:
        row = Setting(key=SECRET_KEY, value=f'"{secrets.token_hex(32)}"')
        session.add(row)
        session.flush()
    return row.value.strip('"').encode()


def _next_sequence(session: Session, year: int) -> int:
    prefix = f"MWP-{year}-"
    serials = session.scalars(
        select(CertificateIssue.serial).where(CertificateIssue.serial.like(f"{prefix}%"))
    )
    numbers = [int(s[len(prefix):]) for s in serials if s[len(prefix):].isdigit()]  # fmt: skip
    return max(numbers, default=0) + 1
