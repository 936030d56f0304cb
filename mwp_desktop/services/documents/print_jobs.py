"""Making a document: gather its data, draw it to a PDF file. One function per document, used by
the command line and by the window's preview (off the UI thread).

Certificates are recorded only after their file is written (and, from the preview, once the
printer's spooler accepted them, or the file is saved), so a cancelled or failed batch records
nothing, and the drawing holds no write lock on the shared database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import CertificateIssue
from ...models.database import Database
from ...printing.data import DashboardReportData
from ...printing.progress import Progress
from ..actor import Actor
from ..permissions import require
from . import print_data
from .branding import branding
from .certificates import CertificatePlan, ensure_secret, plan_certificates, record_issues


class IssueClash(UserError):
    """Another PC recorded the same serial or man since the certificates were planned."""


CLASH_MESSAGE = (
    "Certificates of this group were issued on another computer meanwhile, so these serial "
    "numbers are taken. Close this preview and open the certificates again."
)


def draw_certificates(
    db: Database,
    actor: Actor,
    group_id: int,
    path: Path,
    *,
    participant_ids: Iterable[int] | None = None,
    overrides: Mapping[int, str] | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> CertificatePlan:
    """Plan the group's certificates and draw them to `path`, recording nothing: the preview
    records them only when the user prints or saves. No certificate due: no file written."""
    from ...printing.certificate import write_certificates

    with db.session() as session:
        ensure_secret(session)
    with db.session() as session:
        plan = plan_certificates(
            session, actor, group_id, participant_ids=participant_ids, overrides=overrides,
            today=today,
        )  # fmt: skip
        brand = branding(session)
    if plan.certificates:
        write_certificates(path, brand, plan.certificates, progress)
    return plan


def record_certificates(db: Database, actor: Actor, plan: CertificatePlan) -> None:
    """Record a drawn plan (new serials, counted reprints) in one short transaction."""
    from sqlalchemy.exc import IntegrityError

    try:
        with db.session() as session:
            record_issues(session, actor, plan)
    except IntegrityError as exc:
        raise IssueClash(CLASH_MESSAGE) from exc


def part_of_plan(plan: CertificatePlan, pages: Iterable[int]) -> CertificatePlan:
    """The certificates on `pages` (0-based, one certificate a page) of a drawn plan: what a
    printer accepted when only some pages were printed."""
    chosen = sorted(set(pages))
    return replace(plan, issues=tuple(plan.issues[i] for i in chosen),
                   certificates=tuple(plan.certificates[i] for i in chosen))  # fmt: skip


def check_serials_free(session: Session, plan: CertificatePlan) -> None:
    """Raise IssueClash when another PC has meanwhile issued a serial of the plan or a
    certificate to one of its men: checked before paper is used, since a plan is recorded
    only once the printer has accepted it."""
    new = [issue for issue in plan.issues if issue.first_issue]
    if not new:
        return
    taken = session.scalar(
        select(func.count())
        .select_from(CertificateIssue)
        .where(
            CertificateIssue.serial.in_([i.serial for i in new])
            | (CertificateIssue.group_id == plan.group_id)
            & CertificateIssue.participant_id.in_([i.participant_id for i in new])
        )
    )
    if taken:
        raise IssueClash(CLASH_MESSAGE)


def make_certificates(
    db: Database,
    actor: Actor,
    group_id: int,
    path: Path,
    *,
    participant_ids: Iterable[int] | None = None,
    overrides: Mapping[int, str] | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> int:
    """Write the group's certificates and record them (the file is the output: the command
    line); returns how many (0: nobody eligible, no file written).

    Plan (read), draw (no lock held), then record in one short transaction. If another PC
    issued a serial meanwhile, the file is discarded and planned again."""
    for _attempt in range(3):
        plan = draw_certificates(
            db, actor, group_id, path, participant_ids=participant_ids, overrides=overrides,
            progress=progress, today=today,
        )  # fmt: skip
        if not plan.certificates:
            return 0
        try:
            record_certificates(db, actor, plan)
        except IssueClash:
            path.unlink(missing_ok=True)
            continue
        return len(plan.certificates)
    raise UserError("Certificates are being issued on another computer; try again in a minute.")


def make_sign_in_sheets(
    db: Database, actor: Actor, meeting_ids: list[int], path: Path, progress: Progress | None = None
) -> int:
    from ...printing.sign_in_sheet import write_sign_in_sheets

    require(actor, "print")
    if not meeting_ids:
        raise UserError("There are no meetings to print sheets for.")
    with db.session() as session:
        sheets = [print_data.sign_in_sheet(session, actor, mid) for mid in meeting_ids]
        brand = branding(session)
    write_sign_in_sheets(path, brand, sheets, progress)
    return len(sheets)


def make_sign_in_sheet_for_session(
    db: Database, actor: Actor, group_id: int, number: int, path: Path
) -> Path:
    from ...printing.sign_in_sheet import write_sign_in_sheets

    require(actor, "print")
    with db.session() as session:
        sheet = print_data.sign_in_sheet_for_session(session, actor, group_id, number)
        brand = branding(session)
    return write_sign_in_sheets(path, brand, [sheet])


def make_session_plan(db: Database, actor: Actor, curriculum_session_id: int, path: Path,
                      group_id: int | None = None) -> Path:  # fmt: skip
    """The plan of a curriculum session; for a men's group, with what women in its community
    raised since its last session."""
    from ...printing.session_plan import write_session_plans

    require(actor, "print")
    with db.session() as session:
        plan = print_data.session_plan(session, curriculum_session_id, actor, group_id)
        if group_id is not None:
            plan = replace(plan, women_raised=print_data.women_raised(
                session, actor, group_id, curriculum_session_id
            ))  # fmt: skip
        brand = branding(session)
    return write_session_plans(path, brand, [plan])


def make_commitment_cards(db: Database, actor: Actor, group_id: int, path: Path) -> int:
    """A take-home card for each man with commitments; how many were written."""
    from ...printing.commitment_card import write_commitment_cards

    require(actor, "print")
    with db.session() as session:
        cards = print_data.commitment_cards(session, actor, group_id)
        brand = branding(session)
    if not cards:
        raise UserError("No man of this group has recorded a commitment yet.")
    write_commitment_cards(path, brand, cards)
    return len(cards)


def make_check_in_sheet(db: Database, actor: Actor, group_id: int, path: Path) -> Path:
    from ...printing.check_in_sheet import write_check_in_sheet

    require(actor, "print")
    with db.session() as session:
        sheet = print_data.check_in_sheet(session, actor, group_id)
        brand = branding(session)
    return write_check_in_sheet(path, brand, sheet)


def make_schedule(db: Database, actor: Actor, group_id: int, path: Path) -> Path:
    from ...printing.schedule import write_schedule

    require(actor, "print")
    with db.session() as session:
        data = print_data.schedule(session, actor, group_id)
        brand = branding(session)
    return write_schedule(path, brand, data)


def make_register(db: Database, actor: Actor, group_id: int, path: Path) -> Path:
    from ...printing.register import write_register

    require(actor, "print")
    with db.session() as session:
        data = print_data.register(session, actor, group_id)
        brand = branding(session)
    return write_register(path, brand, data)


def make_follow_up(db: Database, actor: Actor, path: Path, as_of: date | None = None) -> int:
    """Write the follow-up list; returns how many men are on it."""
    from ...printing.follow_up import write_follow_up

    require(actor, "print")
    with db.session() as session:
        data = print_data.follow_up(session, actor, as_of)
        brand = branding(session)
    write_follow_up(path, brand, data)
    return len(data.lines)


def make_dashboard_report(db: Database, actor: Actor, report: DashboardReportData,
                          description: str, pictures: Sequence[tuple[str, bytes]],
                          path: Path) -> Path:  # fmt: skip
    """The dashboard the supervisor sees (its figures, tables and chart pictures) on paper with
    the organisation's letterhead. Aggregate figures only: no personal data."""
    from ...printing.dashboard_report import write_dashboard_report

    require(actor, "view")
    with db.session() as session:
        brand = branding(session)
    return write_dashboard_report(path, brand, report, description, pictures)


def make_questionnaires(db: Database, actor: Actor, group_id: int, kind: str, path: Path) -> int:
    """Write a round's questionnaires, one per current member; returns how many."""
    from ...printing.questionnaire import write_questionnaires

    require(actor, "print")
    with db.session() as session:
        data = print_data.questionnaires(session, actor, group_id, kind)
        brand = branding(session)
    if not data.participant_codes:
        raise UserError(f"Group {data.group_code} has no members to print questionnaires for.")
    write_questionnaires(path, brand, data)
    return len(data.participant_codes)
