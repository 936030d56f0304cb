"""`mwp-desktop print DOCUMENT … --out FILE.pdf`: documents without opening the window."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from .credentials import signed_in
from .dates import date_argument
from .output import say


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser("print", help="write a printable document as a PDF file")
    kinds = parser.add_subparsers(dest="document", required=True, metavar="DOCUMENT")

    def document(name: str, help_text: str, handler, *, group=False, session=False):
        sub = kinds.add_parser(name, parents=[common], help=help_text)
        if group:
            sub.add_argument("--group", required=True, metavar="CODE", help="the group's code")
        if session:
            sub.add_argument("--session", required=True, type=_positive, metavar="N",
                             help="the curriculum session's number")  # fmt: skip
        sub.add_argument("--out", required=True, type=_pdf_path, metavar="FILE.pdf")
        sub.set_defaults(handler=handler)
        return sub

    document("certificates", "completion certificates of a group's men who completed",
             run_certificates, group=True)  # fmt: skip
    document("session-sheet", "the sign-in sheet of one session of a group", run_session_sheet,
             group=True, session=True)  # fmt: skip
    plan = document("session-plan", "a facilitator's plan of a curriculum session",
                    run_session_plan, session=True)  # fmt: skip
    plan.add_argument("--group", metavar="CODE",
                      help="use this group's curriculum; a men's group's plan says what women "
                           "in its community raised")  # fmt: skip
    plan.add_argument("--curriculum", metavar="CODE", default="",
                      help="curriculum code (default: the men's curriculum)")  # fmt: skip
    document("schedule", "a group's schedule of sessions", run_schedule, group=True)
    document("commitment-cards", "a take-home card of each man's commitments",
             run_commitment_cards, group=True)  # fmt: skip
    document("check-in-sheet", "the facilitator's sheet for checking in on commitments",
             run_check_in_sheet, group=True)  # fmt: skip
    document("register", "a group's attendance register", run_register, group=True)
    follow = document("follow-up", "men with absences in a row, for the calling round",
                      run_follow_up)  # fmt: skip
    follow.add_argument("--as-of", type=date_argument, metavar="DATE",
                        help="dd/mm/yyyy or yyyy-mm-dd (default: today)")  # fmt: skip
    asked = document("questionnaire", "a round's attitude questionnaire, one per man (codes, "
                     "not names)", run_questionnaire, group=True)  # fmt: skip
    asked.add_argument("--round", required=True, choices=("baseline", "endline", "follow-up"))


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a session number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("session numbers start at 1")
    return value


def _pdf_path(text: str) -> Path:
    import argparse

    path = Path(text)
    if path.suffix.lower() != ".pdf":
        raise argparse.ArgumentTypeError(f"{path.name}: give a file name ending in .pdf")
    return path


def _run(args, work) -> int:
    from ..services.admin.database import open_existing

    if not args.out.absolute().parent.is_dir():
        raise UserError(f"The folder {args.out.absolute().parent} does not exist.")
    db = open_existing(args.db)
    try:
        return work(db, signed_in(db, "print"))
    finally:
        db.close()


def _group_id(db, code: str) -> int:
    from ..services.registration.groups import group_id_by_code

    with db.session() as session:
        return group_id_by_code(session, code)


def run_certificates(args) -> int:
    from ..services.documents.print_jobs import make_certificates

    def work(db, actor) -> int:
        count = make_certificates(db, actor, _group_id(db, args.group), args.out)
        if count == 0:
            say(f"Nobody in group {args.group} meets the completion rule yet; nothing printed.")
        else:
            say(f"Wrote {count:,} certificate{'s' if count != 1 else ''} to {args.out}")
        return 0

    return _run(args, work)


def run_session_sheet(args) -> int:
    from ..services.documents.print_jobs import make_sign_in_sheet_for_session

    def work(db, actor) -> int:
        gid = _group_id(db, args.group)
        make_sign_in_sheet_for_session(db, actor, gid, args.session, args.out)
        say(f"Wrote the sign-in sheet for session {args.session} of {args.group} to {args.out}")
        return 0

    return _run(args, work)


def run_session_plan(args) -> int:
    from ..services.documents.print_data import curriculum_session_id
    from ..services.documents.print_jobs import make_session_plan

    def work(db, actor) -> int:
        gid = _group_id(db, args.group) if args.group else None
        with db.session() as session:
            sid = curriculum_session_id(session, args.session, group_id=gid,
                                        curriculum_code=args.curriculum)  # fmt: skip
        make_session_plan(db, actor, sid, args.out, group_id=gid)
        say(f"Wrote the plan of session {args.session} to {args.out}")
        return 0

    return _run(args, work)


def run_schedule(args) -> int:
    from ..services.documents.print_jobs import make_schedule

    def work(db, actor) -> int:
        make_schedule(db, actor, _group_id(db, args.group), args.out)
        say(f"Wrote the schedule of {args.group} to {args.out}")
        return 0

    return _run(args, work)


def run_register(args) -> int:
    from ..services.documents.print_jobs import make_register

    def work(db, actor) -> int:
        make_register(db, actor, _group_id(db, args.group), args.out)
        say(f"Wrote the attendance register of {args.group} to {args.out}")
        return 0

    return _run(args, work)


def run_commitment_cards(args) -> int:
    from ..services.documents.print_jobs import make_commitment_cards

    def work(db, actor) -> int:
        count = make_commitment_cards(db, actor, _group_id(db, args.group), args.out)
        say(f"Wrote {count:,} commitment card{'s' if count != 1 else ''} to {args.out}")
        return 0

    return _run(args, work)


def run_check_in_sheet(args) -> int:
    from ..services.documents.print_jobs import make_check_in_sheet

    def work(db, actor) -> int:
        make_check_in_sheet(db, actor, _group_id(db, args.group), args.out)
        say(f"Wrote the check-in sheet of {args.group} to {args.out}")
        return 0

    return _run(args, work)


def run_follow_up(args) -> int:
    from ..services.documents.print_jobs import make_follow_up

    def work(db, actor) -> int:
        count = make_follow_up(db, actor, args.out, args.as_of)
        say(f"Wrote the follow-up list ({count:,} to call) to {args.out}")
        return 0

    return _run(args, work)


def run_questionnaire(args) -> int:
    from ..services.documents.print_jobs import make_questionnaires

    def work(db, actor) -> int:
        count = make_questionnaires(db, actor, _group_id(db, args.group), args.round, args.out)
        say(f"Wrote {count:,} {args.round} questionnaires of {args.group} to {args.out}")
        return 0

    return _run(args, work)
