"""Exported tables as a spreadsheet reads them (issue 16, items 13-16).

CSV carries ISO dates, which every regional setting reads as the same day; XLSX carries real
dates shown as dd/mm/yyyy, a bold frozen header, column widths and percentages as numbers.
"""

from __future__ import annotations

import csv
import os
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from mwp_desktop.services.tables import Share, write_table

HEADERS = ("Code", "Name", "Start date", "Rate")
ROWS = [
    ("MOY-M014", "Waterloo men's group", date(2025, 3, 6), Share(0.25)),
    ("BO-W002", "Tikonko women", date(2025, 12, 31), Share(0.875)),
    ("KEN-M003", "Not started", None, None),
]


def normal_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def test_csv_dates_are_iso_so_no_regional_setting_swaps_day_and_month(tmp_path):
    path = tmp_path / "groups.csv"
    write_table(path, HEADERS, ROWS, sheet="Groups")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert [row[2] for row in rows[1:]] == ["2025-03-06", "2025-12-31", ""]
    assert [row[3] for row in rows[1:]] == ["25%", "88%", ""]


def test_csv_times_are_iso_too(tmp_path):
    path = tmp_path / "log.csv"
    write_table(path, ("When",), [(datetime(2025, 3, 6, 14, 5),)], sheet="Log")
    assert path.read_text("utf-8-sig").splitlines()[1] == "2025-03-06 14:05"


def test_xlsx_dates_are_real_dates_shown_day_first(tmp_path):
    path = tmp_path / "groups.xlsx"
    write_table(path, HEADERS, ROWS, sheet="Groups")
    sheet = load_workbook(path)["Groups"]
    start = sheet["C2"]
    assert start.is_date and start.value.date() == date(2025, 3, 6)
    assert start.number_format == "dd/mm/yyyy"


def test_xlsx_percentages_are_numbers_that_sort(tmp_path):
    path = tmp_path / "register.xlsx"
    write_table(path, HEADERS, ROWS, sheet="Register")
    sheet = load_workbook(path)["Register"]
    assert sheet["D2"].value == 0.25 and sheet["D3"].value == 0.875
    assert sheet["D2"].number_format == "0%"
    assert sheet["D4"].value is None


def test_xlsx_header_is_bold_and_frozen_and_columns_fit(tmp_path):
    path = tmp_path / "groups.xlsx"
    write_table(path, HEADERS, ROWS, sheet="Groups")
    sheet = load_workbook(path)["Groups"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert widths["B"] >= len("Waterloo men's group")  # the longest name shows whole
    assert 10 <= widths["C"] < widths["B"]  # a date fits, no wider than it needs


@pytest.mark.parametrize("name", ["groups [Dec 2026].xlsx", "'groups'.xlsx", "a:b*c?.xlsx"])
def test_the_sheet_is_named_after_the_list_not_the_file(tmp_path, name):
    path = tmp_path / name
    write_table(path, HEADERS, ROWS, sheet="Groups")
    assert load_workbook(path).sheetnames == ["Groups"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX idea")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_gets_the_users_normal_permissions(tmp_path, suffix):
    path = tmp_path / f"groups{suffix}"
    write_table(path, HEADERS, ROWS, sheet="Groups")
    assert path.stat().st_mode & 0o777 == normal_mode()


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX idea")
def test_writing_over_an_export_keeps_its_permissions(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("old")
    path.chmod(0o640)
    write_table(path, HEADERS, ROWS, sheet="Groups")
    assert path.stat().st_mode & 0o777 == 0o640
