"""The command line: import participants and export them again."""

import csv
from datetime import date

import pytest
from sqlalchemy import select

from mwp_desktop.cli import main
from mwp_desktop.commands.import_participants import joined_date
from mwp_desktop.models import Enrollment
from mwp_desktop.paths import demo_database_path
from tests.builders.groups import add_group
from tests.builders.places import add_community

START = date(2026, 1, 5)


def test_import_dry_run_then_import_then_export(db, tmp_path, capsys, command_line_staff):
    with db.session() as s:
        add_group(s, "M26-009", community=add_community(s, "Tombo", chiefdom="Koya"))
    target = db.describe()
    lines = ["Name;Sex;Age;Phone;Community", "Mohamed Kamara;M;34;076123456;Tombo",
             "Bad Row;Q;;;Tombo", "Sorie Koroma;M;;;Lumley"]  # fmt: skip
    source = tmp_path / "list.csv"
    source.write_text("\n".join(lines), encoding="cp1252")
    report = tmp_path / "errors.csv"

    assert main(["import", "participants", str(source), "--db", target, "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "Dry run, nothing saved. 2 rows will be imported" in out.out
    assert "row 3: error" in out.err

    code = main(["import", "participants", str(source), "--db", target, "--group", "m26-009",
                 "--errors", str(report)])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "2 imported" in out and "New community: Lumley" in out
    with report.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows == [
        ["Name", "Sex", "Age", "Phone", "Community", "Not imported because"],
        ["Bad Row", "Q", "", "", "Tombo", "error: 'Q' is not a sex: use M (male) or F (female)."],
    ]

    exported = tmp_path / "members.csv"
    assert (
        main(
            ["export", "participants", "--db", target, "--out", str(exported), "--group", "M26-009"]
        )
        == 0
    )
    with exported.open(encoding="utf-8-sig") as f:
        table = list(csv.DictReader(f))
    assert sorted(r["Surname"] for r in table) == ["Kamara", "Koroma"]
    assert {r["Group"] for r in table} == {"M26-009"}


def test_unreadable_file_exits_non_zero(db, tmp_path, capsys):
    missing = tmp_path / "nowhere.csv"
    assert main(["import", "participants", str(missing), "--db", db.describe()]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_unknown_group_is_a_user_error(db, tmp_path, capsys, command_line_staff):
    source = tmp_path / "list.csv"
    source.write_text("Name,Sex\nMohamed Kamara,M\n")
    assert (
        main(["import", "participants", str(source), "--db", db.describe(), "--group", "NOPE"]) == 2
    )
    assert "no group with the code 'NOPE'" in capsys.readouterr().err


def test_the_command_line_gives_the_windows_verdicts(db, tmp_path, capsys, command_line_staff):
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    source = tmp_path / "participants_tombo.csv"
    source.write_text(
        "Name,Sex,Age,Phone,Community\nSorie Koroma,M,40,088 111 222,Tombo\n"
        "Brima Koroma,M,19,088111222,Tombo\nSorie Koroma,M,40,,Tombo\n"
    )
    assert main(["import", "participants", str(source), "--db", db.describe(), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "row 3: will be imported; Same phone number as row 2 (Sorie Koroma)." in out.err
    assert "row 4: duplicate in file: Same name, community and age as row 2." in out.err
    assert "2 rows will be imported (1 row to check). Not imported: 0 rows with errors, " in out.out
    assert "1 row duplicated in the file" in out.out


def test_joined_gives_the_day_the_list_joined_its_group(db, tmp_path, capsys, command_line_staff):
    with db.session() as s:
        gid = add_group(s, "M26-009", community=add_community(s, "Tombo"), start=START).id
    source = tmp_path / "list.csv"
    source.write_text("Name,Age\nMohamed Kamara,34\n")
    assert main(["import", "participants", str(source), "--db", db.describe(),
                 "--group", "M26-009", "--joined", "19/01/2026"]) == 0  # fmt: skip
    with db.session() as s:
        assert s.scalar(select(Enrollment.enrolled_on).where(Enrollment.group_id == gid)) == (
            date(2026, 1, 19)
        )
    assert "Joining M26-009 on 19/01/2026" in capsys.readouterr().out


@pytest.mark.parametrize("typed", ["2026-01-19", "19/01/2026"])
def test_joined_takes_the_offices_dates_and_iso(typed):
    assert joined_date(typed) == date(2026, 1, 19)


def test_a_joined_date_that_is_not_a_date_is_said_in_one_line(db, tmp_path, capsys):
    source = tmp_path / "list.csv"
    source.write_text("Name,Sex\nMohamed Kamara,M\n")
    with pytest.raises(SystemExit):
        main(["import", "participants", str(source), "--db", db.describe(), "--joined", "31/02"])
    assert "'31/02' is not a date: write it as dd/mm/yyyy" in capsys.readouterr().err


def test_demo_imports_into_the_demo_database(tmp_path, capsys, fast_hashing, monkeypatch):
    monkeypatch.setenv("MWP_USER", "staff")
    monkeypatch.setenv("MWP_PASSWORD", "demo-staff")
    source = tmp_path / "list.csv"
    source.write_text("Name,Sex,Age\nMohamed Kamara,M,34\n")
    assert main(["--demo", "import", "participants", str(source), "--dry-run"]) == 0
    assert demo_database_path().exists()
    assert "1 row will be imported" in capsys.readouterr().out
