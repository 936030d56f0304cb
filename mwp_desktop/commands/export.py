"""`mwp-desktop export WHAT --out FILE.csv|.xlsx`."""

from __future__ import annotations

from pathlib import Path

from ..services.actor import SYSTEM
from ..services.database import open_existing
from ..services.group_list import export_groups
from ..services.register_export import export_attendance, export_schedule
from ..services.scheduling import group_header, group_id_by_code
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
    ):
        parser = kinds.add_parser(what, parents=[common], help=helptext)
        parser.add_argument("--group", required=True, metavar="CODE", help="the group's code")
        parser.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
        parser.set_defaults(handler=handler)


def run_groups(args) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            count = export_groups(session, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} groups to {args.out}")
    return 0


def _export_group_table(args, export, noun: str) -> int:
    db = open_existing(args.db)
    try:
        with db.session() as session:
            group_id = group_id_by_code(session, args.group)
            code = group_header(session, group_id).code
            count = export(session, SYSTEM, group_id, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} {noun} of group {code} to {args.out}")
    return 0


def run_attendance(args) -> int:
    return _export_group_table(args, export_attendance, "participants")


def run_schedule(args) -> int:
    return _export_group_table(args, export_schedule, "meetings")
