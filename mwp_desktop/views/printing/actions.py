"""Open a document in the preview, from anywhere in the window.

Other panels call these ("Print sign-in sheet" on a meeting, "Print certificates" on a group…).
Each makes the PDF off the UI thread (with progress for long batches), then shows the preview.
A user mistake (nobody eligible, a record gone) is shown as a message, not a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from ...errors import UserError
from ...printing.progress import PrintCancelled
from ...services.documents import print_jobs
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed

if TYPE_CHECKING:  # the preview loads Qt's PDF viewer: on the first document, not before
    from .preview import PdfPreviewDialog


def _show(parent, context: AppContext, title: str, name: str, label: str,
          make: Callable[[Path, Callable], object],
          colour: bool = False) -> PdfPreviewDialog | None:  # fmt: skip
    """Make the file with `make(path, progress)`, then open the preview (non-blocking)."""
    from .preview import PdfPreviewDialog, preview_path

    path = preview_path(name)
    try:
        operations.run_with_progress(parent, label, lambda progress: make(path, progress))
    except (operations.Cancelled, PrintCancelled):
        return None
    except UserError as exc:
        operations.warn(parent, title, exc)
        return None
    if not path.exists():  # nothing to show (no certificate met the rule)
        return None
    dialog = PdfPreviewDialog(path, title, f"{name}.pdf", parent, colour=colour)
    dialog.setModal(False)
    dialog.show()
    return dialog


def _code(context: AppContext, group_id: int) -> str:
    """The group's code, for the file name a user is offered ("certificates-WL-01.pdf")."""
    from ...services.documents.print_data import group_code

    return operations.read(context, lambda s: group_code(s, group_id))


def preview_sign_in_sheet(parent: QWidget, context: AppContext, meeting_id: int):
    return preview_sign_in_sheets(parent, context, [meeting_id], "sign-in-sheet")


def preview_sign_in_sheets(parent: QWidget, context: AppContext, meeting_ids: list[int],
                           name: str = "sign-in-sheets"):  # fmt: skip
    if not meeting_ids:
        QMessageBox.information(parent, "Sign-in sheets", "There are no meetings to print.")
        return None
    return _show(
        parent, context, "Sign-in sheets", name, "Preparing the sign-in sheets…",
        lambda path, progress: print_jobs.make_sign_in_sheets(
            context.db, context.actor, meeting_ids, path, progress
        ),
    )  # fmt: skip


def preview_week_sign_in_sheets(parent: QWidget, context: AppContext, any_day: date | None = None):
    """Every sheet of a week's meetings (next week by default) in one document."""
    from ...services.documents.print_data import week_meetings

    any_day = any_day or date.today() + timedelta(days=7)
    monday = any_day - timedelta(days=any_day.weekday())
    ids = operations.read(context, lambda s: week_meetings(s, context.actor, monday))
    if not ids:
        QMessageBox.information(
            parent, "Sign-in sheets",
            f"No meetings are planned in the week of {monday.strftime('%d/%m/%Y')}.",
        )  # fmt: skip
        return None
    return preview_sign_in_sheets(parent, context, ids, f"sign-in-sheets-{monday.isoformat()}")


def preview_certificates(
    parent: QWidget,
    context: AppContext,
    group_id: int,
    participant_ids: Iterable[int] | None = None,
    overrides: Mapping[int, str] | None = None,
):
    """Preview a group's certificates. Nothing is issued by looking: the serials (and any
    reprints) are recorded when the user prints, saves or opens the document, and the preview
    says so; the change is then announced (the Printing panel shows the serials)."""
    ids = list(participant_ids) if participant_ids is not None else None
    found: dict[str, print_jobs.CertificatePlan] = {}

    def make(path, progress):
        found["plan"] = print_jobs.draw_certificates(
            context.db, context.actor, group_id, path, participant_ids=ids,
            overrides=overrides, progress=progress,
        )  # fmt: skip
        return len(found["plan"].certificates)

    dialog = _show(parent, context, "Certificates", f"certificates-{_code(context, group_id)}",
                   "Preparing the certificates…", make, colour=True)  # fmt: skip
    plan = found.get("plan")
    if plan is not None and not plan.certificates:
        QMessageBox.information(
            parent, "Certificates",
            "Nobody chosen meets the completion rule, so no certificate was printed.",
        )  # fmt: skip
    if dialog is None or plan is None:
        return dialog
    dialog.set_notice(_issue_notice(plan))
    recorded: set[int] = set()  # pages (one certificate each) recorded from this preview

    def record(pages) -> bool:
        """Record the certificates on `pages` not recorded yet: those printed, or all of them
        when the file is saved or opened (it can then be printed anywhere)."""
        todo = sorted(set(pages) - recorded)
        if not todo:
            return True
        part = print_jobs.part_of_plan(plan, todo)
        outcome = operations.change_through(
            dialog, context, lambda db, actor: print_jobs.record_certificates(db, actor, part),
            changes=Changed.CERTIFICATES, title="Certificates",
        )  # fmt: skip
        if outcome:
            recorded.update(todo)
            dialog.set_notice(_issue_notice(print_jobs.part_of_plan(plan, sorted(recorded)),
                                            recorded=True))  # fmt: skip
        return outcome.ok

    def still_free() -> bool:
        """Before paper is used: stop if another PC issued these serials meanwhile."""
        try:
            operations.read(context, lambda session: print_jobs.check_serials_free(session, plan))
        except UserError as error:
            operations.warn(dialog, "Certificates", error)
            return False
        return True

    every_page = range(len(plan.certificates))
    dialog.before_output = lambda: record(every_page)
    dialog.before_printing = still_free
    dialog.after_printing = record
    return dialog


def _issue_notice(plan, *, recorded: bool = False) -> str:
    new = sum(1 for issue in plan.issues if issue.first_issue)
    again = len(plan.issues) - new
    parts = []
    if new:
        parts.append(f"{new} new certificate{'s' if new != 1 else ''}")
    if again:
        parts.append(f"{again} reprint{'s' if again != 1 else ''}")
    what = " and ".join(parts)
    if recorded:
        return f"Recorded: {what}."
    return (
        f"Issuing {what}: recorded when the printer accepts them, or when you save or open "
        "the document. Closing the preview without that issues nothing."
    )


def preview_schedule(parent: QWidget, context: AppContext, group_id: int):
    return _show(parent, context, "Group schedule", f"schedule-{_code(context, group_id)}",
                 "Preparing the schedule…",
                 lambda path, _p: print_jobs.make_schedule(context.db, context.actor, group_id,
                                                           path))  # fmt: skip


def preview_register(parent: QWidget, context: AppContext, group_id: int):
    return _show(parent, context, "Attendance register", f"register-{_code(context, group_id)}",
                 "Preparing the register…",
                 lambda path, _p: print_jobs.make_register(context.db, context.actor, group_id,
                                                           path))  # fmt: skip


def preview_session_plan(
    parent: QWidget, context: AppContext, session_id: int, group_id: int | None = None
):
    """`session_id` is the curriculum session's id; with a men's group, the plan carries what
    women in its community raised."""
    return _show(parent, context, "Session plan", f"session-plan-{session_id}",
                 "Preparing the session plan…",
                 lambda path, _p: print_jobs.make_session_plan(context.db, context.actor,
                                                               session_id, path,
                                                               group_id))  # fmt: skip


def preview_follow_up(parent: QWidget, context: AppContext):
    return _show(
        parent,
        context,
        "Follow-up list",
        "follow-up",
        "Preparing the follow-up list…",
        lambda path, _p: print_jobs.make_follow_up(context.db, context.actor, path),
    )
    # fmt: skip


def preview_dashboard(parent: QWidget, context: AppContext, report, description: str,
                      pictures: list[tuple[str, bytes]]):  # fmt: skip
    """The dashboard report (figures, the charts as the panel drew them, the tables) in the
    preview, like every other document."""
    return _show(parent, context, "Dashboard report", "dashboard-report",
                 "Preparing the dashboard report…",
                 lambda path, _p: print_jobs.make_dashboard_report(
                     context.db, context.actor, report, description, pictures, path))  # fmt: skip


def preview_questionnaires(parent: QWidget, context: AppContext, group_id: int, kind: str):
    return _show(parent, context, "Attitude questionnaires",
                 f"{kind}-questionnaires-{_code(context, group_id)}",
                 "Preparing the questionnaires…",
                 lambda path, _p: print_jobs.make_questionnaires(context.db, context.actor,
                                                                 group_id, kind, path))  # fmt: skip


def preview_commitment_cards(parent: QWidget, context: AppContext, group_id: int):
    return _show(parent, context, "Commitment cards",
                 f"commitment-cards-{_code(context, group_id)}", "Preparing the cards…",
                 lambda path, _p: print_jobs.make_commitment_cards(context.db, context.actor,
                                                                   group_id, path))  # fmt: skip


def preview_check_in_sheet(parent: QWidget, context: AppContext, group_id: int):
    return _show(parent, context, "Check-in sheet", f"check-in-sheet-{_code(context, group_id)}",
                 "Preparing the check-in sheet…",
                 lambda path, _p: print_jobs.make_check_in_sheet(context.db, context.actor,
                                                                 group_id, path))  # fmt: skip
