"""The command line: import a round's answers, then export the scores a supervisor reads."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from mwp_desktop.cli import main
from mwp_desktop.models import Participant
from tests.builders.accounts import add_user_accounts, sign_in_for_commands
from tests.builders.groups import add_group_with_members


@pytest.fixture
def office(db, fast_hashing):
    """A group of two men whose sessions ended months ago, and staff and supervisor accounts."""
    with db.session() as s:
        add_user_accounts(s, roles=("staff", "supervisor"))
        _group, ids = add_group_with_members(
            s, 2, code="WR-001", start=date(2025, 1, 6), enrolled_on=date(2025, 1, 1), planned=True
        )
        return [s.get(Participant, pid).code for pid in ids]


def answers_file(tmp_path, rows):
    path = tmp_path / "baseline.csv"
    header = ["start", "Code", *(f"Q{n}" for n in range(1, 24)), "_uuid"]
    path.write_text("\n".join(",".join(r) for r in [header, *rows]), encoding="utf-8")
    return path


def test_import_then_export_the_scores(db, tmp_path, capsys, monkeypatch, office):
    target = db.describe()
    first, second = office
    path = answers_file(tmp_path, [
        ["x", first, *(["Do not agree"] * 17 + ["Agree"] * 6), "u1"],
        ["x", second, *(["2"] * 18 + [""] * 5), "u2"],  # 18 of 23: not scored
    ])  # fmt: skip
    sign_in_for_commands(monkeypatch, "staff")

    args = ["import", "survey", str(path), "--round", "baseline", "--db", target]
    assert main([*args, "--dry-run"]) == 0
    assert "would be imported" in capsys.readouterr().out
    assert main(args) == 0
    assert "Baseline answers of 2 men and 0 refusals were imported." in capsys.readouterr().out

    out = tmp_path / "scores.csv"
    export = ["export", "survey", "--group", "wr-001", "--out", str(out), "--db", target]
    assert main(export) == 2  # staff enter answers; they do not read scores
    assert "cannot see individual survey answers" in capsys.readouterr().err
    assert not out.exists()

    sign_in_for_commands(monkeypatch, "supervisor")
    assert main(export) == 0
    with out.open(encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    assert table[0] == ["Code", "Round", "Date", "Answered", "Total", "Inequitable",
                        "Equitable", "Band"]  # fmt: skip
    assert sorted(table[1:]) == sorted([
        [first, "Baseline", "06/01/2025", "23", "69.0", "51.0", "18.0", "High equity"],
        [second, "Baseline", "06/01/2025", "18", "", "", "", ""],
    ])  # fmt: skip


def test_an_import_with_a_bad_row_saves_nothing_and_exits_1(db, tmp_path, capsys, monkeypatch,
                                                             office):  # fmt: skip
    first, _second = office
    path = answers_file(tmp_path, [["x", first, *(["4"] * 23), "u1"]])
    sign_in_for_commands(monkeypatch, "staff")
    assert main(["import", "survey", str(path), "--round", "baseline", "--db", db.describe()]) == 1
    out = capsys.readouterr()
    assert "row 2: statement 1: '4' is not an answer" in out.err
    assert "Nothing imported" in out.out


def test_an_unknown_instrument_is_a_user_error(db, tmp_path, capsys, monkeypatch, office):
    first, _second = office
    path = answers_file(tmp_path, [["x", first, *(["1"] * 23), "u1"]])
    sign_in_for_commands(monkeypatch, "staff")
    args = ["import", "survey", str(path), "--round", "endline", "--instrument", "Nope",
            "--db", db.describe()]  # fmt: skip
    assert main(args) == 2
    assert "no survey instrument called 'Nope'" in capsys.readouterr().err
