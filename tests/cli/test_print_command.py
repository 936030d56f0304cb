"""`mwp-desktop print …` as a group leader's helper would type it."""

from __future__ import annotations

import pypdf
import pytest

from mwp_desktop.cli import main
from tests.builders.printable_group import add_printable_group


@pytest.fixture
def db_path(db, db_url, command_line_staff):
    with db.session() as session:
        add_printable_group(session, code="WL-01", attended_by_index={1: 10})
        add_printable_group(session, code="WL-02", held=4)
    return db_url


def pages(path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(str(path), strict=True).pages]


def test_every_document_from_the_command_line(db_path, tmp_path, capsys):
    runs = {
        "certificates.pdf": ["certificates", "--group", "WL-01"],
        "sheet.pdf": ["session-sheet", "--group", "WL-02", "--session", "5"],
        "plan.pdf": ["session-plan", "--session", "3"],
        "schedule.pdf": ["schedule", "--group", "WL-01"],
        "register.pdf": ["register", "--group", "WL-01"],
        "follow-up.pdf": ["follow-up", "--as-of", "2026-02-10"],
    }
    for name, args in runs.items():
        out = tmp_path / name
        assert main(["print", *args, "--db", db_path, "--out", str(out)]) == 0, name
        assert pages(out), name
    said = capsys.readouterr().out
    assert "Wrote 5 certificates" in said
    assert len(pages(tmp_path / "certificates.pdf")) == 5
    assert "Session 5" in pages(tmp_path / "sheet.pdf")[0]
    assert "3." in pages(tmp_path / "plan.pdf")[0]


def test_nobody_eligible_prints_nothing_and_says_so(db_path, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    assert main(["print", "certificates", "--group", "WL-02", "--db", db_path,
                 "--out", str(out)]) == 0  # fmt: skip
    assert "nothing printed" in capsys.readouterr().out
    assert not out.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["schedule", "--group", "XX-99"], "no group with the code 'XX-99'"),
        (["session-sheet", "--group", "WL-01", "--session", "40"], "Session 40 is not"),
        (["session-plan", "--session", "30"], "Session 30 is not"),
    ],
)
def test_unknown_group_or_session_is_a_clear_error(db_path, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    assert main(["print", *args, "--db", db_path, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_out_must_be_a_pdf_in_an_existing_folder(db_path, tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["print", "schedule", "--group", "WL-01", "--db", db_path, "--out", "x.txt"])
    missing = tmp_path / "nowhere" / "x.pdf"
    assert main(["print", "schedule", "--group", "WL-01", "--db", db_path,
                 "--out", str(missing)]) == 2  # fmt: skip
    assert "does not exist" in capsys.readouterr().err


def test_a_session_plan_for_a_group_says_whose_when_and_where(db_path, tmp_path):
    out = tmp_path / "plan.pdf"
    assert main(["print", "session-plan", "--group", "WL-02", "--session", "5", "--db", db_path,
                 "--out", str(out)]) == 0  # fmt: skip
    text = " ".join(" ".join(page.split()) for page in pages(out))
    assert "Group: " in text and "(WL-02)" in text
    assert "Date: " in text and "Venue: " in text and "Facilitator: " in text
