"""`mwp-desktop export WHAT --out FILE.csv|.xlsx`."""

from __future__ import annotations

from pathlib import Path

from ..services.actor import SYSTEM
from ..services.database import open_existing
from ..services.group_list import export_groups
from ..services.groups import group_id_by_code
from ..services.participant_export import export_participants
from .output import say


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser("export", help="write a table to a CSV or XLSX file")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    groups = kinds.add_parser(
        "groups", parents=[common], help="every group: code, name, community, facilitator …"
    )
    groups.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    groups.set_defaults(handler=run_groups)
    people = kinds.add_parser(
        "participants", parents=[common], help="every participant, or one group's members"
    )
    people.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    people.add_argument("--group", metavar="CODE", help="only the members of this group")
    people.set_defaults(handler=run_participants)


def run_groups(args) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            count = export_groups(session, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} groups to {args.out}")
    return 0


def run_participants(args) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            group_id = group_id_by_code(session, args.group) if args.group else None
            count = export_participants(session, SYSTEM, args.out, group_id)
    finally:
        db.close()
    say(f"Wrote {count:,} participants to {args.out}")
    return 0
