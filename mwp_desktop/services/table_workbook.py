"""Tables as an XLSX workbook that reads well the moment it opens.

Every sheet has a bold header that stays in view while scrolling, columns wide enough for what
they hold, dates as real dates shown dd/mm/yyyy and shares as percentages: values stay numbers
and dates, so a column sorts and sums as figures do. Rows are streamed (a national participant
list is 100,000 rows); only the first few are held to size the columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .tables import Share, neutralise

DATE_FORMAT = "dd/mm/yyyy"
TIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0%"
ROWS_SIZING_COLUMNS = 200
WIDEST_COLUMN = 50
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")

Table = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # sheet name, headers, rows


def write_workbook(path: Path, tables: Iterable[Table]) -> int:
    """Write each table to its own sheet; returns the number of data rows written."""
    workbook = Workbook(write_only=True)
    count = sum(_write_sheet(workbook, *table) for table in tables)
    workbook.save(path)
    return count


def sheet_name(name: str) -> str:
    """`name` as Excel accepts it: none of [ ] : * ? / \\, no apostrophe at either end, ≤ 31."""
    return name.translate(SHEET_NAME_FORBIDDEN).strip("'")[:31].strip() or "Sheet1"


def _write_sheet(
    workbook: Workbook, name: str, headers: Sequence[str], rows: Iterable[Sequence[object]]
) -> int:
    rows = iter(rows)
    first_rows = [tuple(row) for row in islice(rows, ROWS_SIZING_COLUMNS)]
    sheet = workbook.create_sheet(title=sheet_name(name))
    for column, width in enumerate(column_widths(headers, first_rows), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, header) for header in headers])
    count = 0
    for row in chain(first_rows, rows):
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    return count


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[float]:
    """Characters per column: the longest header or value, plus a margin, up to a limit."""
    widths = []
    for column, header in enumerate(headers):
        longest = max(
            [len(str(header))] + [_shown_length(row[column]) for row in rows if column < len(row)]
        )
        widths.append(min(WIDEST_COLUMN, longest + 2))
    return widths


def _shown_length(value: object) -> int:
    if isinstance(value, datetime):
        return len("00/00/0000 00:00")
    if isinstance(value, date):
        return len("00/00/0000")
    if isinstance(value, Share):
        return len("100%")
    return 0 if value is None else len(str(value))


def _header_cell(sheet, header: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, neutralise(str(header)))
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value: object) -> object:
    if isinstance(value, Share):
        return _formatted(sheet, float(value), PERCENT_FORMAT)
    if isinstance(value, datetime):
        return _formatted(sheet, value, TIME_FORMAT)
    if isinstance(value, date):
        return _formatted(sheet, value, DATE_FORMAT)
    if value is None or isinstance(value, int | float):
        return value
    return neutralise(str(value))


def _formatted(sheet, value: object, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = number_format
    return cell
