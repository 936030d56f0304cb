"""Every command takes dates as the office writes them (dd/mm/yyyy) or as ISO, and answers a
mistake in one plain line rather than argparse's usage text (issue 15, item 15)."""

from __future__ import annotations

import pypdf
import pytest

from mwp_desktop.cli import EXIT_USER_ERROR, main
from tests.builders.printable_group import add_printable_group


@pytest.fixture
def db_path(db, db_url, command_line_staff):
    with db.session() as session:
        add_printable_group(session, code="WL-01", attended_by_index={1: 10})
    return db_url


def exit_status(args) -> int:
    """What the shell sees: the return value, or argparse's SystemExit."""
    try:
        return main(args)
    except SystemExit as exited:
        return exited.code


@pytest.mark.parametrize("as_of", ["10/02/2026", "2026-02-10"])
def test_follow_up_takes_the_offices_date_and_iso(db_path, tmp_path, capsys, as_of):
    out = tmp_path / "calls.pdf"
    args = ["print", "follow-up", "--as-of", as_of, "--db", db_path, "--out", str(out)]
    assert exit_status(args) == 0, capsys.readouterr().err
    assert "10/02/2026" in pypdf.PdfReader(str(out)).pages[0].extract_text()


@pytest.mark.parametrize(
    "args, said",
    [
        (["print", "follow-up", "--as-of", "31/02/2026", "--out", "x.pdf"],
         "'31/02/2026' is not a date: write it as dd/mm/yyyy"),
        (["print", "follow-up", "--as-of", "tomorrow", "--out", "x.pdf"],
         "'tomorrow' is not a date: write it as dd/mm/yyyy"),
        (["export", "summary", "--out", "x.xlsx", "--from", "2026-13-01"],
         "'2026-13-01' is not a date"),
        (["print", "schedule", "--group", "WL-01", "--out", "x.txt"], "ending in .pdf"),
        (["export", "groups"], "the following arguments are required: --out"),
        (["export", "groups", "--out", "g.csv", "--colour", "red"], "unrecognized arguments"),
        (["printt", "schedule"], "invalid choice: 'printt'"),
    ],
)  # fmt: skip
def test_a_mistake_is_answered_in_one_line(db_path, tmp_path, monkeypatch, capsys, args, said):
    monkeypatch.chdir(tmp_path)
    assert exit_status([*args, "--db", db_path]) == EXIT_USER_ERROR
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert said in lines[0] and "usage:" not in err
    assert lines[0].startswith("mwp-desktop")


@pytest.mark.parametrize("command", [["export", "groups"], ["print", "follow-up"], ["check"]])
def test_every_subcommand_says_what_db_is(capsys, command):
    assert exit_status([*command, "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--db PATH_OR_URL the database: a file path or a URL" in help_text
