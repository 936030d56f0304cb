"""`mwp-desktop init --db PATH_OR_URL --organisation NAME --admin USER`: a new database and its
first administrator, as the window's welcome makes them; how an office sets up its server.

The password comes from MWP_PASSWORD or is asked twice at the terminal. A database that already
has accounts is refused: its administrators add users from Settings.
"""

from __future__ import annotations

from .credentials import new_password
from .output import say


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "init",
        parents=[common],
        help="set up a new database: the organisation's name and its first administrator",
    )
    parser.add_argument("--organisation", required=True, metavar="NAME")
    parser.add_argument(
        "--admin", required=True, metavar="USER", help="the first administrator's user name"
    )
    parser.add_argument("--full-name", default="", metavar="NAME", help="default: the user name")
    parser.add_argument("--logo", default="", metavar="FILE", help="a PNG or JPEG picture")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.admin.database import open_for_use
    from ..services.admin.first_run import set_up_office

    password = new_password("init")  # before the database is made: a refusal leaves nothing
    db = open_for_use(args.db)
    try:
        actor = set_up_office(
            db,
            organisation=args.organisation,
            logo=args.logo,
            username=args.admin,
            full_name=args.full_name or args.admin,
            password=password,
        )
    finally:
        db.close()
    say(f"{db.describe()} is set up; its first administrator is {actor.username}.")
    return 0
