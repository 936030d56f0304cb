"""The command line: what a user types, what they see, and the exit status."""

import csv
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtGui import QImage

from mwp_desktop import __version__
from mwp_desktop.cli import PANEL_NAMES, main
from tests.builders.groups import add_group
from tests.builders.people import add_members
from tests.builders.places import add_community, add_facilitator


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"mwp-desktop {__version__}"


def test_check_passes_on_a_sound_database(db, capsys):
    db.close()
    code, out, err = run_cli(capsys, "check", "--db", db.target())
    assert (code, err) == (0, "")
    assert out.strip().endswith(": OK")


def test_db_option_is_accepted_before_the_command(db, capsys):
    db.close()
    code, out, _ = run_cli(capsys, "--db", db.target(), "check")
    assert code == 0 and db.describe() in out


@pytest.mark.sqlite_only
def test_check_reports_broken_references_in_one_line(db, capsys):
    with db.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql(
            "INSERT INTO enrollments (uuid, participant_id, group_id, enrolled_on, status, reason)"
            " VALUES ('x1', 999, 999, '2026-01-01', 'active', '')"
        )
        conn.commit()
    db.close()
    code, out, err = run_cli(capsys, "check", "--db", db.target())
    assert code == 1
    assert "broken references" in err and err.count("\n") == 1


def test_check_on_a_missing_file_is_one_clear_line_and_creates_nothing(data_dir, capsys):
    target = data_dir / "nothing-here.sqlite3"
    code, out, err = run_cli(capsys, "check", "--db", str(target))
    assert code == 2
    assert err == f"mwp-desktop: There is no database at {target}.\n"
    assert not target.exists()


def test_export_groups_csv(db, data_dir, capsys, command_line_staff):
    with db.session() as s:
        waterloo = add_community(s, "Waterloo", chiefdom="Waterloo", district="Western Area Rural")
        lead = add_facilitator(s, "Abu Kamara")
        exported = add_group(s, "MOY-M014", name="Waterloo men's group", community=waterloo,
                             facilitator=lead, start=date(2026, 1, 5))  # fmt: skip
        add_members(s, exported, 4)
    db.close()
    out_file = data_dir / "groups.csv"
    code, out, _ = run_cli(capsys, "export", "groups", "--out", str(out_file), "--db", db.target())
    assert code == 0 and "1 groups" in out
    with out_file.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows == [
        {
            "Code": "MOY-M014",
            "Name": "Waterloo men's group",
            "Kind": "men",
            "Community": "Waterloo",
            "Chiefdom": "Waterloo",
            "District": "Western Area Rural",
            "Facilitator": "Abu Kamara",
            "Start date": "2026-01-05",  # ISO: read alike under any regional setting
            "Status": "active",
            "Members": "4",
        }
    ]


def test_export_groups_xlsx_keeps_dates_as_dates(db, data_dir, capsys, command_line_staff):
    from openpyxl import load_workbook

    with db.session() as s:
        add_group(s, "MOY-M014", start=date(2026, 1, 5))
    db.close()
    out_file = data_dir / "groups.xlsx"
    assert run_cli(capsys, "export", "groups", "--out", str(out_file), "--db", db.target())[0] == 0
    sheet = load_workbook(out_file).active
    header, first = list(sheet.iter_rows(values_only=True))[:2]
    assert header[0] == "Code" and first[0] == "MOY-M014"
    assert first[7].date().isoformat() == "2026-01-05"


def test_export_groups_to_a_file_name_a_sheet_could_not_have(
    db, data_dir, capsys, command_line_staff
):
    from openpyxl import load_workbook

    with db.session() as s:
        add_group(s, "MOY-M014", start=date(2026, 1, 5))
    db.close()
    out_file = data_dir / "groups [Dec 2026].xlsx"  # legal in a Windows file name, not a sheet's
    code, out, err = run_cli(
        capsys, "export", "groups", "--out", str(out_file), "--db", db.target()
    )
    assert (code, err) == (0, "")
    assert load_workbook(out_file).sheetnames == ["Groups"]


def test_export_to_a_wrong_kind_of_file_is_refused(db, data_dir, capsys, command_line_staff):
    db.close()
    code, _, err = run_cli(
        capsys, "export", "groups", "--out", str(data_dir / "g.pdf"), "--db", db.target()
    )
    assert code == 2 and ".csv or .xlsx" in err


@pytest.mark.parametrize("panel", PANEL_NAMES)
def test_screenshot_of_every_panel(qapp, db, data_dir, capsys, panel):
    db.close()
    picture = data_dir / f"{panel}.png"
    code, _, err = run_cli(
        capsys,
        "--db",
        db.target(),
        "--panel",
        panel,
        "--screenshot",
        str(picture),
        "--size",
        "1366x768",
    )
    assert code == 0, err
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1366, 768)


def test_user_mistake_from_a_real_process_has_no_traceback(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "mwp_desktop", "--db", "nosuchdb://x", "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        == "mwp-desktop: 'nosuchdb' is not a kind of database this program can use."
    )
