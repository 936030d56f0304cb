"""`mwp-desktop import survey FILE --round baseline|endline|follow-up [--instrument NAME]
[--dry-run]` and `mwp-desktop export survey --group CODE --out FILE.csv|.xlsx`.

An import with any row in trouble saves nothing, lists the rows and exits 1, so a script sees
it; a file that cannot be read at all exits 2."""

from __future__ import annotations

from pathlib import Path

from .credentials import signed_in
from .output import say, warn

SHOW_PROBLEMS = 20
EXIT_ROWS_REFUSED = 1


def add_import_parser(kinds, common) -> None:
    survey = kinds.add_parser(
        "survey", parents=[common],
        help="attitude survey answers from a .csv or .xlsx file (KoboToolbox or ODK export)",
    )  # fmt: skip
    survey.add_argument("file", type=Path, metavar="FILE", help="the .csv or .xlsx answers")
    survey.add_argument("--round", required=True, choices=("baseline", "endline", "follow-up"))
    survey.add_argument("--instrument", metavar="NAME",
                        help="the instrument version for rounds not yet started, e.g. "
                             "'GEM Scale' or 'GEM Scale v2' (default: the one in use)")  # fmt: skip
    survey.add_argument(
        "--dry-run", action="store_true", help="check every row and report, but save nothing"
    )
    survey.set_defaults(handler=run_import)


def add_export_parser(kinds, common) -> None:
    survey = kinds.add_parser(
        "survey", parents=[common], help="a group's survey scores: one row per man per round"
    )
    survey.add_argument("--group", required=True, metavar="CODE", help="the group's code")
    survey.add_argument("--out", required=True, type=Path, help="FILE.csv or FILE.xlsx")
    survey.set_defaults(handler=run_export)


def run_import(args) -> int:
    from ..services.admin.database import open_existing
    from ..services.registration.table_reader import read_table
    from ..services.surveys.survey_import import import_survey

    read_table(args.file)  # a file that cannot be read stops here, before signing in
    db = open_existing(args.db)
    try:
        actor = signed_in(db, "survey_entry")
        with db.session() as session:
            result = import_survey(
                session, actor, args.file, args.round, instrument_name=args.instrument
            )
            if args.dry_run:
                session.rollback()
    finally:
        db.close()
    for number, reason in result.problems[:SHOW_PROBLEMS]:
        warn(f"row {number}: {reason}")
    if len(result.problems) > SHOW_PROBLEMS:
        warn(f"… and {len(result.problems) - SHOW_PROBLEMS:,} more rows with problems")
    say(result.summary(args.dry_run))
    return EXIT_ROWS_REFUSED if result.problems else 0


def run_export(args) -> int:
    from ..services.admin.database import open_existing
    from ..services.registration.groups import group_id_by_code
    from ..services.surveys.survey_export import export_survey

    db = open_existing(args.db)
    try:
        actor = signed_in(db, "survey_answers")
        with db.session() as session:
            group_id = group_id_by_code(session, args.group)
            count = export_survey(session, actor, group_id, args.out)
    finally:
        db.close()
    say(f"Wrote {count:,} survey rows of group {args.group.strip().upper()} to {args.out}")
    return 0
