"""`mwp-desktop check`: integrity, references, schema and stored counts; exit 0 when sound, 1
otherwise. Each problem is one line on stderr (a national database can have many wrong counts)."""

from __future__ import annotations

from .output import say, warn


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "check", parents=[common], help="check the database is whole and up to date"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.admin.database import open_existing
    from ..services.admin.integrity import database_problems

    db = open_existing(args.db)
    try:
        problems = database_problems(db)
    finally:
        db.close()
    if problems:
        for problem in problems:
            warn(f"{db.describe()}: {problem}")
        return 1
    say(f"{db.describe()}: OK")
    return 0
