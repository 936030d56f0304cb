"""`mwp-desktop import participants FILE [--group CODE [--joined DD/MM/YYYY]] [--dry-run]
[--errors REPORT.csv]`.

Exit 0 when the file was processed, even if some rows were rejected (they are listed and can be
written to a report); exit 2 when the file could not be read at all.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..errors import UserError
from . import surveys
from .credentials import signed_in
from .output import say, warn

SHOW_PROBLEMS = 20


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser("import", help="bring a spreadsheet into the database")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    people = kinds.add_parser(
        "participants", parents=[common], help="a participant list from a .csv or .xlsx file"
    )
    people.add_argument("file", type=Path, metavar="FILE", help="the .csv or .xlsx list")
    people.add_argument("--group", metavar="CODE", help="enrol everyone imported in this group")
    people.add_argument(
        "--joined", type=joined_date, metavar="DD/MM/YYYY",
        help="the day they joined the group, where the list has no Joined column (default: "
        "the group's start for its first list, else today)",
    )  # fmt: skip
    people.add_argument(
        "--dry-run", action="store_true", help="check every row and report, but save nothing"
    )
    people.add_argument(
        "--errors", type=Path, metavar="REPORT.csv", help="write the rows not imported here"
    )
    people.set_defaults(handler=run)
    surveys.add_import_parser(kinds, common)


def joined_date(text: str) -> date:
    """--joined as the office writes dates (dd/mm/yyyy) or ISO (yyyy-mm-dd)."""
    from ..services.registration.validation import parse_date

    try:
        day = parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError("give the day they joined, as dd/mm/yyyy")
    return day


def _database(args) -> str | None:
    """--demo (given before the command) means the demo database, as for the window."""
    if getattr(args, "demo", False):
        from ..cli import ensure_demo_database

        return str(ensure_demo_database())
    return args.db


def run(args) -> int:
    from ..services.admin.database import open_existing
    from ..services.registration.groups import group_id_by_code
    from ..services.registration.participant_import import (
        REPORT_SHEET,
        load_source,
        plan_import,
        problem_rows_table,
        run_import,
        verdict,
    )
    from ..services.tables import check_table_path, write_table

    if args.errors is not None:
        check_table_path(args.errors)
    if args.joined is not None and not args.group:
        raise UserError("--joined is the day the list joined a group: name it with --group.")
    source = load_source(args.file)  # a file that cannot be read stops here, exit 2
    db = open_existing(_database(args))
    try:
        actor = signed_in(db, "import")  # a dry run too: it reads who is registered already
        with db.session() as session:
            group_id = group_id_by_code(session, args.group) if args.group else None
            plan = plan_import(session, source, group_id=group_id, joined=args.joined)
            if args.dry_run:
                result = None
                session.rollback()
            else:
                result = run_import(session, actor, plan, source_name=args.file.name)
    finally:
        db.close()
    columns = ", ".join(f"{field}={source.header[i]!r}" for field, i in source.mapping.items())
    say(f"{args.file.name}: header on row {source.header_row}; columns {columns}")
    if plan.joined is not None:
        say(f"Joining {args.group.upper()} on {plan.joined:%d/%m/%Y}, where a row has no date")
    for name, chiefdom, district in plan.new_communities:
        place = ", ".join(p for p in (chiefdom, district) if p)
        say(f"New community: {name}" + (f" ({place})" if place else ""))
    # The same words the window lists: the rows not imported, and those imported with a note.
    told = [r for r in plan.rows if r.status != "new" or r.note]
    for row in told[:SHOW_PROBLEMS]:
        warn(f"row {row.number}: {verdict(row)}" + (f" ({row.name})" if row.name else ""))
    if len(told) > SHOW_PROBLEMS:
        warn(f"… and {len(told) - SHOW_PROBLEMS:,} more rows to look at")
    if args.errors is not None:
        headers, problems = problem_rows_table(source, plan)
        write_table(args.errors, headers, problems, sheet=REPORT_SHEET)
        say(f"Rows not imported written to {args.errors}: fix them there and import it again")
    if result is None:
        say(f"Dry run, nothing saved. {plan.summary()}")
    else:
        say(result.summary())
    return 0
