"""Writing a table to CSV or XLSX, the way spreadsheets expect it, and safely.

A cell that starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe so
that a spreadsheet shows it as text and never runs it as a formula.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from ..errors import UserError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_SUFFIXES = (".csv", ".xlsx")


# "+23276123456", as exports write phone numbers for other systems: a number, never a formula.
INTERNATIONAL_PHONE = re.compile(r"\+\d{6,15}")


def neutralise(value: object) -> object:
    if isinstance(value, str) and INTERNATIONAL_PHONE.fullmatch(value):
        return value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def display_date(value: date | None) -> str:
    """The office's habit: dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""


def check_table_path(path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise UserError(f"{path.name}: the file name must end in .csv or .xlsx.")
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist.")
    return path


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write the rows to a .csv or .xlsx file; returns how many rows were written.

    The file appears whole or not at all: it is written beside the target and renamed into place.
    """
    path = check_table_path(path)
    fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        if path.suffix.lower() == ".csv":
            count = _write_csv(temp, headers, rows)
        else:
            count = _write_xlsx(temp, headers, rows, title=path.stem)
        os.replace(temp, path)
    except PermissionError:
        temp.unlink(missing_ok=True)
        raise UserError(f"{path} cannot be written: is it open in another program?") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


def _cell_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return display_date(value)
    if value is None:
        return ""
    return neutralise(value)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    # utf-8-sig: Excel on Windows then reads names with accents correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_cell_text(v) for v in row])
            count += 1
    return count


def _write_xlsx(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], title: str
) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Sheet1")
    sheet.append(list(headers))
    count = 0
    for row in rows:
        # Real dates stay dates in Excel; text is neutralised.
        sheet.append([v if isinstance(v, date | int | float) else _cell_text(v) for v in row])
        count += 1
    workbook.save(path)
    return count
