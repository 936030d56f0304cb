"""Opening the window reads only the window's options: the commands' parsers are built when a
command is named, help is asked for, or something else was typed (and a mistake then reads as
it always has)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mwp_desktop.cli import parse_command_line


def test_opening_the_window_builds_no_command_parser():
    script = (
        "import sys\n"
        "from mwp_desktop.cli import parse_command_line\n"
        "args = parse_command_line(['--db', 'office.sqlite3', '--panel', 'dashboard'])\n"
        "print(args.command, args.db, args.panel,\n"
        "      sorted(m for m in sys.modules if m.startswith('mwp_desktop.commands.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "None office.sqlite3 dashboard ['mwp_desktop.commands.output']"


def test_a_command_is_parsed_with_the_db_given_before_it():
    args = parse_command_line(["--db", "office.sqlite3", "check"])
    assert (args.command, args.db) == ("check", "office.sqlite3")


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as stopped:
        parse_command_line(["--help"])
    assert stopped.value.code == 0
    said = capsys.readouterr().out
    assert "COMMAND" in said and "check" in said and "backup" in said


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (["--bogus"], "mwp-desktop: unrecognized arguments: --bogus"),
        (["--panel", "nowhere"], "mwp-desktop: argument --panel: invalid choice: 'nowhere'"),
        (["nowhere"], "mwp-desktop: argument COMMAND: invalid choice: 'nowhere'"),
    ],
)
def test_a_mistake_is_one_line_as_before(capsys, typed, said):
    with pytest.raises(SystemExit) as stopped:
        parse_command_line(typed)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(said) and err.count("\n") == 1
