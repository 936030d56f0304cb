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
    donor = kinds.add_parser(
        "deidentified",
        parents=[common],
        help="memberships for donor reports: codes not names, no phones, ages in bands",
    )
    donor.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    donor.set_defaults(handler=run_deidentified)


def run_groups(args) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            count = export_groups(session, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} groups to {args.out}")
    return 0


def run_deidentified(args) -> int:
    from ..services.actor import SYSTEM
    from ..services.deidentified_export import export_deidentified

    db = open_existing(args.db)
    try:
        with db.session() as session:
            count = export_deidentified(session, SYSTEM, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} de-identified memberships to {args.out}")
    return 0
