"""`mwp-desktop verify CODE`: is a certificate genuine? Prints the verdict; exit 0 when genuine,
1 when not. The verdict names no one (serial, group code, date), so no account is asked for."""

from __future__ import annotations

from .output import say

NOT_GENUINE = 1


def add_parser(subparsers, common) -> None:
    parser = subparsers.add_parser(
        "verify",
        parents=[common],
        help="check a certificate's code (or its QR code's text) against this office's records",
    )
    parser.add_argument(
        "code", metavar="CODE", help="e.g. 7KQ2M-X9D4P or MWP-CERT/MWP-2026-00042/7KQ2M-X9D4P"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..services.admin.database import open_existing
    from ..services.documents.certificates import verify

    db = open_existing(args.db)
    try:
        with db.session() as session:
            result = verify(session, args.code)
    finally:
        db.close()
    say(result.message)
    return 0 if result.genuine else NOT_GENUINE
