"""`mwp-desktop export WHAT --out FILE.csv|.xlsx`."""

from __future__ import annotations

from pathlib import Path

from ..services.database import open_existing
from ..services.group_list import export_groups
from .output import say


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser("export", help="write a table to a CSV or XLSX file")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    groups = kinds.add_parser(
        "groups", parents=[common], help="every group: code, name, community, facilitator …"
    )
    groups.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    groups.set_defaults(handler=run_groups)
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


def run_groups(args) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            count = export_groups(session, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} groups to {args.out}")
    return 0


def run_summary(args) -> int:
    from ..services.summary_export import summary_for_command

    db = open_existing(args.db)
    try:
        with db.session() as session:
            count, description = summary_for_command(
                session, args.out, args.date_from, args.date_to, args.district
            )
    finally:
        db.close()
    say(f"Wrote the dashboard figures ({description}; {count:,} rows) to {args.out}")
    return 0
