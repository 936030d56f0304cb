"""The exported figures are the statistics service's figures, in XLSX, CSV and from the command line."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from mwp_desktop.cli import main
from mwp_desktop.services.statistics.dashboard import dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from mwp_desktop.services.statistics.summary_export import summary_tables, write_summary
from tests.builders.dashboard_office import PERIOD, TODAY, add_dashboard_office, d


@pytest.fixture
def board(db):
    add_dashboard_office(db)
    with db.session() as s:
        return dashboard(s, DashboardFilter(date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY))


def sheet_rows(path, title):
    sheet = load_workbook(path, read_only=True)[title]
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_has_a_sheet_per_chart_with_the_service_numbers(board, tmp_path):
    path = tmp_path / "figures.xlsx"
    write_summary(path, board, "01/01/2026 to 31/03/2026")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == [
        "About",
        "Headline figures",
        "Attendance by week",
        "Retention by session",
        "Completion by place",
        "Enrolment by month",
        "Attendance marks by month",
        "Facilitators",
        "Attitude change (GEM)",
        "Change by sessions attended",
        "Commitments by area",
        "Commitments by group",
    ]
    headline = sheet_rows(path, "Headline figures")
    assert headline[0][:4] == ("Figure", "Value", "Previous period", "Change")
    by_label = {row[0]: row[1:4] for row in headline[1:]}
    assert by_label["Groups that met"] == (3, 0, 3)
    assert by_label["Completion of finished groups (%)"] == (66.7, None, None)
    assert by_label["Need a follow-up call"] == (2, 0, 2)
    targets = {row[0]: row[5:7] for row in headline[1:]}
    assert targets["Attendance, last 8 weeks (%)"] == ("8 weeks before", 80)  # the office target
    # No target for a count (a read-only workbook leaves out a row's empty last cell).
    assert targets["Meetings held this month"] in (("last month",), ("last month", None))

    weeks = sheet_rows(path, "Attendance by week")[1:]
    assert [(w[0].date(), w[1], w[2], w[3]) for w in weeks] == [
        (p.week_start, p.meetings, p.marks, p.attended) for p in board.weeks
    ]
    assert weeks[2][:4][1:] == (2, 6, 3)  # week of 12/01: a meeting and its make-up
    assert weeks[2][0].date() == d(12, 1)

    retention = sheet_rows(path, "Retention by session")[1:]
    expected = [
        (line.label, p.number, p.attended, p.enrolled, p.groups)
        for line in board.retention
        for p in line.points
    ]
    assert [row[:5] for row in retention] == expected
    facilitators = sheet_rows(path, "Facilitators")[1:]
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in facilitators] == [
        ("Fatmata Kamara", 6, 5, 17, 9),
        ("Alusine Bangura", 2, 2, 5, 3),
    ]


def test_csv_holds_the_same_tables_one_after_another(board, tmp_path):
    path = tmp_path / "figures.csv"
    count = write_summary(path, board, "test period")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Dashboard figures", "test period"]
    tables = summary_tables(board)[1:]
    assert count == sum(len(t.rows) for t in tables)
    for table in tables:
        start = rows.index([table.title])
        assert rows[start + 1] == list(table.headers)
    mix_at = rows.index(["Attendance marks by month"])
    assert rows[mix_at + 2] == ["Jan 2026", "9", "1", "2", "7", "19"]


def test_command_line_export_matches_the_service(db, tmp_path, capsys, command_line_staff):
    add_dashboard_office(db)
    db.close()
    out = tmp_path / "summary.xlsx"
    code = main(
        [
            "export", "summary", "--db", db.target(), "--out", str(out),
            "--from", "01/01/2026", "--to", "2026-03-31", "--district", "bo",
        ]
    )  # fmt: skip
    assert code == 0
    assert "district: Bo" in capsys.readouterr().out
    weeks = sheet_rows(out, "Attendance by week")[1:]
    assert sum(w[1] for w in weeks) == 3  # Bo's meetings: M6, M7, M8
    completion = sheet_rows(out, "Completion by place")
    assert completion[0][0] == "Community"
    assert completion[1][:4] == ("Gerihun", 2, 1, 0)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "31/02/2026"], "is not a date"),
        (["--from", "01/03/2026", "--to", "01/02/2026"], "is after"),
        (["--district", "Kono"], "There is no district 'Kono'"),
    ],
)
def test_command_line_mistakes_get_one_clear_line(
    db, tmp_path, capsys, args, message, command_line_staff
):
    add_dashboard_office(db)
    db.close()
    out = tmp_path / "summary.csv"
    code = main(["export", "summary", "--db", db.target(), "--out", str(out), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
