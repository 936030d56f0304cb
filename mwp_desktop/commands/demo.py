"""`mwp-desktop demo --scale small|office|national [--seed N]`: a database of believable data.

A new database needs no account: it gets the documented demo accounts. Writing into a database
that has accounts adds those accounts, whose passwords are public, so only its administrator may.
"""

from __future__ import annotations

import sys

from .credentials import signed_in
from .output import say


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "demo", parents=[common], help="fill a new database with believable demo data"
    )
    parser.add_argument(
        "--scale",
        choices=("small", "office", "national", "4x"),
        default="small",
        help="small ≈ 3 groups; office ≈ 120 groups; national ≈ 4,000 groups; 4x ≈ 16,000 (default small)",
    )
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.actor import SYSTEM
    from ..services.admin.database import open_for_use
    from ..services.admin.first_run import needs_first_admin
    from ..services.demo.builder import build_demo

    db = open_for_use(args.db)
    try:
        actor = SYSTEM if needs_first_admin(db) else signed_in(db, "users")
        summary = build_demo(db, args.scale, args.seed, progress=_progress_printer(), actor=actor)
    finally:
        db.close()
    say(
        f"Demo data ({summary.scale}) in {db.describe()}: {summary.groups:,} groups, "
        f"{summary.participants:,} participants, {summary.meetings:,} meetings, "
        f"{summary.attendance_marks:,} attendance marks ({summary.seconds:.1f} s)"
    )
    return 0


def _progress_printer():
    if sys.stderr is None or not sys.stderr.isatty():
        return None
    last = [""]

    def show(stage: str, fraction: float) -> None:
        line = f"\r{stage:<40} {fraction:6.0%}"
        if line != last[0]:
            sys.stderr.write(line)
            sys.stderr.flush()
            last[0] = line
        if fraction >= 1:
            sys.stderr.write("\n")

    return show
