"""The command line: `mwp-desktop` opens the program; subcommands do office work without a window.

A user's mistake (a missing file, an unknown group code, a bad address) prints one plain line on
stderr and exits non-zero. A fault in the program is logged in full and reported in one line.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from importlib import import_module
from pathlib import Path

from . import __version__
from .commands import COMMAND_MODULES
from .commands.output import never_fail_on_encoding, warn
from .errors import UserError
from .logs import setup_logging

PROG = "mwp-desktop"
EXIT_USER_ERROR = 2
EXIT_FAULT = 3
PANEL_NAMES = ("groups", "participants", "sessions", "dashboard", "printing", "settings")
log = logging.getLogger(__name__)
DB_HELP = (
    "the database: a file path or a URL such as postgresql+psycopg://user@host/mwp "
    "(default: MWP_DB, else mwp.sqlite3 in the data folder)"
)


class OneLineParser(argparse.ArgumentParser):
    """A mistake in what was typed is one plain line, like every other mistake the commands
    answer, not argparse's usage text followed by the reason. Subcommands inherit the class."""

    def error(self, message: str):
        warn(f"{self.prog}: {message} ({self.prog} --help lists what it takes)")
        self.exit(EXIT_USER_ERROR)


def parse_command_line(argv: list[str] | None = None) -> argparse.Namespace:
    """What was typed; `command` None to open the window.

    Opening the window needs only the window's options, so the commands' parsers (29, each
    with its options and help) are built only when the line names a command, asks for help, or
    has something the window's options do not take (a mistake then reads as it always has):
    building them was ~25 ms of every start of the program, before its window."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not {"-h", "--help"} & set(argv):
        args, rest = build_parser(with_commands=False).parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="MWP Desktop: records for the Men and Women in Partnership program.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--db",
        default=None,
        metavar="PATH_OR_URL",
        help=DB_HELP,
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo database (demo.sqlite3 in the data folder), making it if needed",
    )
    parser.add_argument("--panel", choices=PANEL_NAMES, help="the panel to open on")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="save a picture of the window once painted, then exit",
    )
    parser.add_argument(
        "--size", type=_size, metavar="WxH", help="window size, e.g. 1366x768 (for pictures)"
    )
    if not with_commands:
        return parser
    # --db is accepted before or after the subcommand; SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH_OR_URL", help=DB_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f".commands.{name}", __package__).add_parser(subparsers, common)
    return parser


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1366x768") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"'{text}' is not a sensible window size")
    return width, height


def main(argv: list[str] | None = None) -> int:
    never_fail_on_encoding()
    setup_logging()
    _remove_plaintext_left_by_a_killed_run()
    args = parse_command_line(argv)
    try:
        if args.command is None:
            return _open_window(args)
        return args.handler(args)
    except UserError as exc:
        warn(f"{PROG}: {exc}")
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        warn(f"{PROG}: stopped.")
        return 130
    except Exception as exc:  # a fault in the program, not the user's doing
        from .models.disk_full import DISK_FULL, is_disk_full

        if is_disk_full(exc):  # raised outside a session (a backup's copy, the demo builder)
            warn(f"{PROG}: {DISK_FULL}")
            return EXIT_USER_ERROR
        log.exception("command failed: %s", args.command or "window")
        warn(f"{PROG}: unexpected error ({type(exc).__name__}: {exc}); details in the log file.")
        return EXIT_FAULT


def _remove_plaintext_left_by_a_killed_run() -> None:
    from .services.admin.private_temp import remove_leftovers

    remove_leftovers()


def _open_window(args) -> int:
    # The window collects Python's garbage on its own timer (views/ui_thread_gc.py), from
    # before its first paint; switched off here, the collector does not also run ~35 times
    # while Qt and the window's modules load (~5 ms of every start).
    gc.disable()
    from .app import run_gui

    if args.screenshot is not None and args.screenshot.suffix.lower() != ".png":
        raise UserError(f"{args.screenshot.name}: a screenshot is saved as a .png file.")
    if args.screenshot is not None and _no_screen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no display
    target = args.db
    if args.demo:
        target = str(ensure_demo_database())
    return run_gui(target, panel=args.panel, screenshot=args.screenshot, size=args.size)


def _no_screen() -> bool:
    return (
        sys.platform.startswith("linux")
        and "QT_QPA_PLATFORM" not in os.environ
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def ensure_demo_database() -> Path:
    """The demo database's path, made first if need be (the window's and commands' --demo)."""
    from .paths import data_dir, demo_database_path
    from .services.admin.database import open_for_use

    path = demo_database_path()
    if not path.exists():
        from .services.demo.builder import build_demo

        data_dir().mkdir(parents=True, exist_ok=True)
        db = open_for_use(str(path))
        try:
            build_demo(db, "office", 1)
        finally:
            db.close()
    return path


if __name__ == "__main__":
    sys.exit(main())
