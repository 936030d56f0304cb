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


def run_groups(args) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            count = export_groups(session, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} groups to {args.out}")
    return 0
