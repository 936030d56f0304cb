"""Writing a table to CSV or XLSX, the way spreadsheets expect it, and safely.

A cell that starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe so
that a spreadsheet shows it as text and never runs it as a formula.

CSV dates are ISO (2025-03-06): a spreadsheet guesses what a CSV date means from the PC's
regional settings, and under US settings 06/03/2025 becomes 3 June or stays text, while every
setting reads yyyy-mm-dd as the same day. XLSX carries real dates, shown as the office writes
them (`table_workbook.py`).
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from ..errors import UserError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_SUFFIXES = (".csv", ".xlsx")

Written = TypeVar("Written")


class Share(float):
    """A share between 0 and 1 that a spreadsheet shows as a percentage (0.25 is 25%).

    It stays a number in XLSX, so a column of them sorts and averages as figures do.
    """


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


def write_table(
    path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str
) -> int:
    """Write the rows to a .csv or .xlsx file; returns how many rows were written.

    `sheet` names the worksheet after the list ("Groups"): a file name may hold characters a
    sheet name may not ([ ] : * ? / \\ and a leading apostrophe).
    """
    path = check_table_path(path)
    if path.suffix.lower() == ".csv":
        return write_whole(path, lambda temp: _write_csv(temp, headers, rows))
    from .table_workbook import write_workbook

    return write_whole(path, lambda temp: write_workbook(temp, [(sheet, headers, rows)]))


def write_whole(path: Path, write: Callable[[Path], Written]) -> Written:
    """Call `write(temp)` on a file beside `path`, then rename it into place.

    The file appears whole or not at all. The temporary file is created private, so before it
    takes the target's name it gets the rights the user's other files get (or those of the file
    it replaces): an export is meant to be opened, shared and copied like any other document.
    """
    mode = _mode_for(path)
    fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        written = write(temp)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except PermissionError:
        temp.unlink(missing_ok=True)
        raise UserError(f"{path} cannot be written: is it open in another program?") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return written


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Linux reports the umask without changing it; elsewhere it can only be read by setting it,
    # briefly, to a value no more open than the usual one.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    umask = os.umask(0o077)
    os.umask(umask)
    return umask


def _cell_text(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Share):
        return f"{value:.0%}"
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
