"""`mwp-desktop export WHAT --out FILE.csv|.xlsx`."""

from __future__ import annotations

from pathlib import Path

from . import surveys
from .credentials import signed_in
from .output import say


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser("export", help="write a table to a CSV or XLSX file")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    groups = kinds.add_parser(
        "groups", parents=[common], help="every group: code, name, community, facilitator …"
    )
    groups.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    groups.set_defaults(handler=run_groups)
    for what, helptext, handler in (
        ("attendance", "a group's register: one column per session, P/L/E/A", run_attendance),
        ("schedule", "a group's meetings: session, title, planned and held dates", run_schedule),
        ("commitments", "a group's commitments: code, area, words, session, latest check-in, "
         "next step", run_commitments),
    ):  # fmt: skip
        parser = kinds.add_parser(what, parents=[common], help=helptext)
        parser.add_argument("--group", required=True, metavar="CODE", help="the group's code")
        parser.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
        parser.set_defaults(handler=handler)
    summary = kinds.add_parser(
        "summary", parents=[common], help="the dashboard's figures: every chart's numbers"
    )
    summary.add_argument("--out", required=True, type=Path, help="FILE.xlsx or FILE.csv")
    summary.add_argument(
        "--from", dest="date_from", metavar="DATE", help="dd/mm/yyyy or yyyy-mm-dd"
    )
    summary.add_argument("--to", dest="date_to", metavar="DATE", help="default: today")
    summary.add_argument("--district", metavar="NAME", help="only this district's groups")
    summary.set_defaults(handler=run_summary)
    feedback = kinds.add_parser(
        "women-feedback", parents=[common],
        help="themes women raised, per community (only sessions with enough women present)",
    )  # fmt: skip
    feedback.add_argument("--from", dest="date_from", required=True, metavar="DATE",
                          help="dd/mm/yyyy or yyyy-mm-dd")  # fmt: skip
    feedback.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    feedback.add_argument("--out", required=True, type=Path, help="FILE.xlsx or FILE.csv")
    feedback.set_defaults(handler=run_women_feedback)
    donor = kinds.add_parser(
        "deidentified",
        parents=[common],
        help="memberships for donor reports: codes not names, no phones, ages in bands",
    )
    donor.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    donor.add_argument("--with-answers", action="store_true",
                       help="add each man's attitude survey answers, for an evaluator "
                            "(supervisors and administrators)")  # fmt: skip
    donor.set_defaults(handler=run_deidentified)
    people = kinds.add_parser(
        "participants", parents=[common], help="every participant, or one group's members"
    )
    people.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    people.add_argument("--group", metavar="CODE", help="only the members of this group")
    people.set_defaults(handler=run_participants)
    surveys.add_export_parser(kinds, common)


def _open(args):
    """The database and the signed-in account, which must be allowed to export."""
    from ..services.admin.database import open_existing

    db = open_existing(args.db)
    try:
        return db, signed_in(db, "export")
    except BaseException:
        db.close()
        raise


def run_groups(args) -> int:
    from ..services.registration.group_list import export_groups

    db, actor = _open(args)
    try:
        with db.session() as session:
            count = export_groups(session, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} groups to {args.out}")
    return 0


def _export_group_table(args, export, noun: str) -> int:
    from ..services.registration.groups import group_id_by_code
    from ..services.sessions.scheduling import group_header

    db, actor = _open(args)
    try:
        with db.session() as session:
            group_id = group_id_by_code(session, args.group)
            code = group_header(session, group_id).code
            count = export(session, actor, group_id, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} {noun} of group {code} to {args.out}")
    return 0


def run_attendance(args) -> int:
    from ..services.sessions.register_export import export_attendance

    return _export_group_table(args, export_attendance, "participants")


def run_schedule(args) -> int:
    from ..services.sessions.register_export import export_schedule

    return _export_group_table(args, export_schedule, "meetings")


def run_commitments(args) -> int:
    from ..services.sessions.commitments_export import export_commitments

    return _export_group_table(args, export_commitments, "commitments")


def run_women_feedback(args) -> int:
    from ..errors import UserError
    from ..services.sessions.women_feedback_export import export_women_feedback
    from ..services.statistics.summary_export import parse_date
    from ..services.tables import check_table_path

    check_table_path(args.out)
    start, end = parse_date(args.date_from, "--from"), parse_date(args.date_to, "--to")
    if start > end:
        raise UserError(f"--from {start:%d/%m/%Y} is after --to {end:%d/%m/%Y}.")
    db, actor = _open(args)
    try:
        with db.session() as session:
            count = export_women_feedback(session, actor, start, end, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} themes women raised to {args.out}")
    return 0


def run_summary(args) -> int:
    from ..services.statistics.summary_export import summary_for_command

    db, actor = _open(args)
    try:
        with db.session() as session:
            count, description = summary_for_command(
                session, args.out, args.date_from, args.date_to, args.district
            )
    finally:
        db.close()
    say(f"Wrote the dashboard figures ({description}; {count:,} rows) to {args.out}")
    return 0


def run_deidentified(args) -> int:
    from ..services.statistics.deidentified_export import export_deidentified

    db, actor = _open(args)
    try:
        with db.session() as session:
            count = export_deidentified(session, actor, args.out, with_answers=args.with_answers)
    finally:
        db.close()
    say(f"Wrote {count:,} de-identified memberships to {args.out}")
    return 0


def run_participants(args) -> int:
    from ..services.registration.groups import group_id_by_code
    from ..services.registration.participant_export import export_participants

    db, actor = _open(args)
    try:
        with db.session() as session:
            group_id = group_id_by_code(session, args.group) if args.group else None
            count = export_participants(session, actor, args.out, group_id)
    finally:
        db.close()
    say(f"Wrote {count:,} participants to {args.out}")
    return 0
