"""`mwp-desktop import participants FILE [--group CODE] [--dry-run] [--errors REPORT.csv]`.

Exit 0 when the file was processed, even if some rows were rejected (they are listed and can be
written to a report); exit 2 when the file could not be read at all.
"""

from __future__ import annotations

from pathlib import Path

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
        "--dry-run", action="store_true", help="check every row and report, but save nothing"
    )
    people.add_argument(
        "--errors", type=Path, metavar="REPORT.csv", help="write the rows not imported here"
    )
    people.set_defaults(handler=run)
    surveys.add_import_parser(kinds, common)


def run(args) -> int:
    from ..services.admin.database import open_existing
    from ..services.registration.groups import group_id_by_code
    from ..services.registration.participant_import import (
        REPORT_HEADERS,
        load_source,
        plan_import,
        report_rows,
        run_import,
    )
    from ..services.tables import check_table_path, write_table

    if args.errors is not None:
        check_table_path(args.errors)
    source = load_source(args.file)  # a file that cannot be read stops here, exit 2
    db = open_existing(args.db)
    try:
        actor = signed_in(db, "import")  # a dry run too: it reads who is registered already
        with db.session() as session:
            group_id = group_id_by_code(session, args.group) if args.group else None
            plan = plan_import(session, source, group_id=group_id)
            if args.dry_run:
                result = None
                session.rollback()
            else:
                result = run_import(session, actor, plan, source_name=args.file.name)
    finally:
        db.close()
    columns = ", ".join(f"{field}={source.header[i]!r}" for field, i in source.mapping.items())
    say(f"{args.file.name}: header on row {source.header_row}; columns {columns}")
    for name, chiefdom, district in plan.new_communities:
        place = ", ".join(p for p in (chiefdom, district) if p)
        say(f"New community: {name}" + (f" ({place})" if place else ""))
    problems = report_rows(plan)
    for number, status, reason, name, _community in problems[:SHOW_PROBLEMS]:
        warn(f"row {number}: {status}: {reason}" + (f" ({name})" if name else ""))
    if len(problems) > SHOW_PROBLEMS:
        warn(f"… and {len(problems) - SHOW_PROBLEMS:,} more rows not imported")
    if args.errors is not None:
        write_table(args.errors, REPORT_HEADERS, problems)
        say(f"Rows not imported written to {args.errors}")
    if result is None:
        say(f"Dry run, nothing saved: {_rows(plan.count('new'))} would be imported; "
            f"{_rows(len(problems))} would be skipped")  # fmt: skip
    else:
        say(result.summary())
    return 0


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"
