"""`mwp-desktop export commitments`, `export women-feedback` and `print commitment-cards` as
the office would type them."""

from __future__ import annotations

import csv
from datetime import date

import pypdf
import pytest

from mwp_desktop.cli import main
from mwp_desktop.services.sessions.commitments import check_in, make_commitment
from mwp_desktop.services.sessions.women_feedback import FeedbackInput, record_feedback
from tests.builders.accounts import STAFF, add_user_accounts, sign_in_for_commands
from tests.builders.groups import add_group, add_meeting
from tests.builders.marks import add_held_group, add_marks
from tests.builders.people import add_members

TODAY = date(2026, 5, 1)


@pytest.fixture
def office(db, fast_hashing, monkeypatch):
    group_id, men, meetings = add_held_group(db, ["P" * 8, "P" * 8], code="WAR-M001", today=TODAY)
    with db.session() as s:
        first = make_commitment(s, STAFF, meetings[4], men[0], "housework_care",
                                "I fetch water on market days", today=TODAY)  # fmt: skip
        make_commitment(s, STAFF, meetings[4], men[0], "non_violence", "=I walk away", today=TODAY)
        check_in(s, STAFF, first, meetings[6], "partly", today=TODAY)
        check_in(s, STAFF, first, meetings[7], "kept", today=TODAY)
        women = add_group(s, "WAR-W001", kind="women")
        for present, day in ((5, date(2026, 3, 3)), (4, date(2026, 3, 10))):
            meeting = add_meeting(s, women, 2, day, status="held")
            add_marks(s, meeting, {w: "present" for w in add_members(s, women, present)})
            record_feedback(s, STAFF, FeedbackInput(meeting.id, "sharing_work", 2, "Water"))
        add_user_accounts(s, ("staff", "supervisor"))
    return db


def run(capsys, db, *args):
    code = main([*args, "--db", db.target()])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_commitments_lists_each_with_its_latest_check_in(
    office, capsys, tmp_path, monkeypatch
):
    sign_in_for_commands(monkeypatch, "staff")
    out = tmp_path / "commitments.csv"
    code, said, _ = run(
        capsys, office, "export", "commitments", "--group", "WAR-M001", "--out", str(out)
    )
    assert code == 0 and "Wrote 2 commitments of group WAR-M001" in said
    with out.open(encoding="utf-8-sig") as f:
        rows = [
            (r["Area"], r["His words"], r["Made at session"], r["Latest check-in"])
            for r in csv.DictReader(f)
        ]
    assert rows == [
        ("Sharing housework and care", "I fetch water on market days", "5", "Kept"),
        ("Non-violence", "'=I walk away", "5", ""),  # a formula is written as text
    ]


def test_export_women_feedback_is_the_supervisors_and_keeps_to_the_threshold(
    office, capsys, tmp_path, monkeypatch
):
    from openpyxl import load_workbook

    out = tmp_path / "feedback.xlsx"
    args = (
        "export",
        "women-feedback",
        "--from",
        "01/03/2026",
        "--to",
        "2026-03-31",
        "--out",
        str(out),
    )
    sign_in_for_commands(monkeypatch, "staff")
    code, _, err = run(capsys, office, *args)
    assert code != 0 and "cannot read the report of women's feedback" in err
    assert not out.exists()
    sign_in_for_commands(monkeypatch, "supervisor")
    code, said, _ = run(capsys, office, *args)
    assert code == 0 and "Wrote 1 themes" in said
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows == [
        ("Community", "Period", "Theme", "Women who raised it"),
        ("Waterloo", "01/03/2026 to 31/03/2026", "Sharing of work", 2),
    ]


def test_print_commitment_cards_one_page_a_man_read_back(office, capsys, tmp_path, monkeypatch):
    sign_in_for_commands(monkeypatch, "staff")
    out = tmp_path / "cards.pdf"
    code, said, _ = run(
        capsys, office, "print", "commitment-cards", "--group", "WAR-M001", "--out", str(out)
    )
    assert code == 0 and "Wrote 1 commitment card" in said
    (page,) = [p.extract_text() for p in pypdf.PdfReader(str(out), strict=True).pages]
    assert "I fetch water on market days" in page and "=I walk away" in page
    assert "Sharing housework and care" in page and "Non-violence" in page
    sheet = tmp_path / "sheet.pdf"
    code, said, _ = run(
        capsys, office, "print", "check-in-sheet", "--group", "WAR-M001", "--out", str(sheet)
    )
    assert code == 0
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(sheet), strict=True).pages)
    assert "I fetch water on market days" in text and "K kept" in text
