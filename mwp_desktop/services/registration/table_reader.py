"""Reading a spreadsheet the way lists really arrive: CSV or XLSX, any usual encoding or separator.

Returns the non-blank rows as lists of text with their row number in the file (as a spreadsheet
program numbers them), so a problem can be reported as "row 14". Finding the header row and the
meaning of each column is `column_mapping`'s job.

A list is refused before it is read whole when it is larger than any real list: a few kilobytes
of XLSX can unpack to millions of rows, and reading those would take minutes and gigabytes
before saying anything. The file's size is checked first; an XLSX's unpacked size (what its zip
says each part holds, which `zipfile` never exceeds) and its sheet's stated dimension next;
then rows are read one at a time and reading stops at the row limit, whatever the file claims.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ...errors import UserError

MAX_ROWS = 50_000
MAX_MEGABYTES = 20
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
MAX_UNPACKED_MEGABYTES = 200  # an honest 50,000-row XLSX unpacks to a few tens of MB
MAX_COLUMNS = 200  # cells beyond are no participant's details; they are not kept
SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True)
class SheetRow:
    number: int  # 1-based row number in the file
    cells: tuple[str, ...]


def read_table(path: Path) -> list[SheetRow]:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} does not exist or is not a file.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv_bytes(_read_bytes(path), path.name)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".xls":
        raise UserError(
            f"{path.name} is an old Excel file: open it in Excel and save it as .xlsx or .csv."
        )
    raise UserError(f"{path.name}: only .csv and .xlsx files can be imported.")


def too_large(what: str) -> UserError:
    return UserError(
        f"{what}; a participant list may have at most {MAX_ROWS:,} rows and {MAX_MEGABYTES} MB "
        f"({MAX_UNPACKED_MEGABYTES} MB once an Excel file is unpacked): split it into smaller "
        "lists and import each."
    )


def _check_size(path: Path) -> None:
    if path.stat().st_size > MAX_BYTES:
        raise too_large(f"{path.name} is larger than {MAX_MEGABYTES} MB")


def _check_row(name: str, number: int) -> None:
    if number > MAX_ROWS:
        raise too_large(f"{name} has more than {MAX_ROWS:,} rows")


def _read_bytes(path: Path) -> bytes:
    _check_size(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None


def decode(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252, the usual two."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # every byte is something; never refuse a file for it


def guess_separator(text: str) -> str:
    """The separator that splits the first lines most consistently into the most columns."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1.0
    for sep in SEPARATORS:
        counts = [line.count(sep) for line in lines]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        score = common * counts.count(common)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_csv_bytes(data: bytes, name: str = "The list") -> list[SheetRow]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError("This file is not a text (CSV) file: save the list as .csv or .xlsx.")
    text = decode(data).replace("\x00", "")
    first_line, _, rest = text.partition("\n")
    start = 1
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's own hint line, "sep=;", names the separator and is not part of the list.
        separator, text, start = first_line.strip()[4], rest, 2
    else:
        separator = guess_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows = []
    try:
        for number, cells in enumerate(reader, start=start):
            _check_row(name, number)
            tidy = tuple(c.strip() for c in cells[:MAX_COLUMNS])
            if any(tidy):
                rows.append(SheetRow(number, tidy))
    except csv.Error as exc:
        raise UserError(f"The file cannot be read as CSV: {exc}.") from None
    return rows


def cell_text(value: object) -> str:
    """A spreadsheet value as the text the user saw: 34.0 → "34", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def read_xlsx(path: Path) -> list[SheetRow]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    _check_size(path)
    try:
        _check_unpacked_size(path)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UserError(f"{path.name} cannot be read as an Excel (.xlsx) file ({exc}).") from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return []
        _check_row(path.name, sheet.max_row or 0)
        # A stated dimension makes openpyxl pad every row to its width and the sheet to its
        # length; rows are read as they are instead, and counted as they come.
        sheet.reset_dimensions()
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            _check_row(path.name, number)
            cells = tuple(cell_text(v) for v in values[:MAX_COLUMNS])
            if any(cells):
                rows.append(SheetRow(number, cells))
        return rows
    finally:
        workbook.close()


def _check_unpacked_size(path: Path) -> None:
    from zipfile import ZipFile

    with ZipFile(path) as archive:
        unpacked = sum(part.file_size for part in archive.infolist())
    if unpacked > MAX_UNPACKED_MEGABYTES * 1024 * 1024:
        raise too_large(f"{path.name} unpacks to more than {MAX_UNPACKED_MEGABYTES} MB")
