"""The command line: import participants and export them again."""

import csv

from mwp_desktop.cli import main
from tests.builders.groups import add_group
from tests.builders.places import add_community


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
    assert rows[0][:3] == ["Row", "Status", "Reason"] and rows[1][:2] == ["3", "error"]

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
