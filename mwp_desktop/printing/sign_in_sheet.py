"""The session sign-in sheet: one meeting's roster for the men to sign or thumbprint.

The office types attendance back in from this paper, so each line carries the participant's
code and a box for present, late and excused; blank lines take newcomers; the facilitator signs
and dates the last page. The sheet passes from hand to hand, so phone numbers are printed only
when the office asks for them (Settings).

Pages are filled before breaking, and rows are as tall as the fewest pages allow: 12 mm (room
for a thumbprint) when the roster fits, down to 7 mm so that a full group of 25 men with its
blank lines and closing block still fits one A4 sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .data import Branding, SignInSheetData
from .fonts import SANS, SANS_BOLD, text_width
from .page import (
    INK,
    MM,
    MUTED,
    RULE,
    Column,
    draw_facts,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    frame_of,
    long_date,
    paginate,
    pdf_document,
    wrap_text,
)
from .progress import Progress, keep_going

HEADER_HEIGHT = 20
TALLEST_ROW = 12 * MM  # a thumbprint
SHORTEST_ROW = 7 * MM  # still two lines of a long name and a signature
CLOSING_HEIGHT = 52
MARK_TITLES = ("Present", "Late", "Excused")
MARK_WIDTH = 39
BOX = 11


def write_sign_in_sheets(
    path: Path | str,
    branding: Branding,
    sheets: Sequence[SignInSheetData],
    progress: Progress | None = None,
) -> Path:
    """One or more meetings' sheets in one file (next week's sheets print as one job)."""
    title = "Session sign-in sheet" if len(sheets) == 1 else "Session sign-in sheets"
    with pdf_document(path, branding, title) as canvas:
        for index, sheet in enumerate(sheets):
            keep_going(progress, index, len(sheets))
            draw_sign_in_sheet(canvas, branding, sheet)
        keep_going(progress, len(sheets), len(sheets))
        return finish(canvas)


def sheet_columns(width: float, phones: bool) -> list[Column]:
    """Number, code and the three mark boxes keep their width; the name and the signature share
    the rest: the name enough for two lines of an 80-letter name, the signature some 55 mm (a
    thumbprint is pressed sideways in it)."""
    fixed = [Column("No.", 22, "center"), Column("Code", 48)]
    if phones:
        fixed.append(Column("Phone", 72))
    marks = [Column(title, MARK_WIDTH, "center") for title in MARK_TITLES]
    rest = width - sum(c.width for c in (*fixed, *marks))
    name = Column("Name", rest * 0.54, font=SANS_BOLD)
    signature = Column("Signature or thumbprint", rest * 0.46)
    return [*fixed[:2], name, *fixed[2:], signature, *marks]


def draw_sign_in_sheet(canvas, branding: Branding, sheet: SignInSheetData) -> None:
    """Draw every page of one meeting's sheet; page numbers count within the meeting."""
    frame = frame_of(canvas, margin=12 * MM)
    phones = branding.sign_in_phones
    columns = sheet_columns(frame.inner_width, phones)
    lines: list[tuple[str, ...]] = [
        (str(i), line.code, line.name, *((line.phone,) if phones else ()))
        for i, line in enumerate(sheet.roster, start=1)
    ]
    lines += [(str(len(lines) + i),) for i in range(1, sheet.blank_rows + 1)]

    table_top = _page_top(canvas, frame, branding, sheet, draw=False)
    room = table_top - HEADER_HEIGHT - (frame.margin + 6)
    row_height, pages = rows_and_pages(len(lines), room)
    note = f"{sheet.group_code} · session {sheet.session_number} · {long_date(sheet.planned_date)}"
    for number, rows in enumerate(pages, start=1):
        top = _page_top(canvas, frame, branding, sheet)
        y = draw_table_header(canvas, columns, frame.left, top, HEADER_HEIGHT, size=7.5)
        y = draw_table_rows(canvas, columns, frame.left, y, row_height, [lines[i] for i in rows])
        _mark_boxes(canvas, columns, frame.left, y, len(rows), row_height)
        if number == len(pages):
            _closing(canvas, frame, y - 14, phones)
        draw_page_footer(canvas, frame, branding, number, len(pages), note)
        canvas.showPage()


def rows_and_pages(count: int, room: float) -> tuple[float, list[range]]:
    """The row height and the pages for `count` rows in `room` points a page: the fewest pages
    any allowed height gives, then the tallest rows that keep to that many."""
    steps = int((TALLEST_ROW - SHORTEST_ROW) / 0.25)
    best: tuple[float, list[range]] | None = None
    for height in [TALLEST_ROW - 0.25 * i for i in range(steps + 1)] + [SHORTEST_ROW]:
        pages = paginate(count, int(room // height), int((room - CLOSING_HEIGHT) // height))
        if best is None or len(pages) < len(best[1]):
            best = (height, pages)
    return best


def _page_top(canvas, frame, branding: Branding, sheet: SignInSheetData, draw: bool = True):
    """The letterhead and the meeting's facts (repeated on every page, in case pages part);
    with `draw=False` only where the table starts."""
    when = long_date(sheet.planned_date)
    if sheet.planned_time:
        when += f" at {sheet.planned_time}"
    facts = [
        ("Group", f"{sheet.group_name} ({sheet.group_code})"),
        ("Community", sheet.community),
        ("Facilitator", sheet.facilitator),
        ("Session", f"{sheet.session_number}. {sheet.session_title}"),
        ("Date", when),
        ("Venue", sheet.venue),
    ]
    if draw:
        subtitle = f"{sheet.group_code} · Session {sheet.session_number}"
        if sheet.makeup:
            subtitle += " (make-up)"
        y = draw_letterhead(canvas, frame, branding, "Session sign-in sheet", subtitle)
    else:
        y = frame.top - 40
    return draw_facts(canvas, frame, y - 6, facts, line=13, draw=draw) - 8


def _mark_boxes(canvas, columns, x: float, bottom: float, count: int, row_height: float) -> None:
    """An empty box in each of the three mark columns of every row, for a tick."""
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    left = x + sum(c.width for c in columns[: -len(MARK_TITLES)])
    for column in columns[-len(MARK_TITLES) :]:
        cx = left + column.width / 2
        for i in range(count):
            y = bottom + i * row_height + (row_height - BOX) / 2
            canvas.rect(cx - BOX / 2, y, BOX, BOX)
        left += column.width


def _closing(canvas, frame, y: float, phones: bool) -> None:
    """Facilitator's signature, the date the meeting was held, a notes line, and the key."""
    canvas.setFillColor(INK)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    half = frame.inner_width / 2
    for label, x, width in (
        ("Facilitator's signature", frame.left, half - 20),
        ("Date held (dd/mm/yyyy)", frame.left + half + 10, half - 10),
    ):
        canvas.setFont(SANS, 8.5)
        canvas.drawString(x, y, label)
        start = x + text_width(label, SANS, 8.5) + 6
        canvas.line(start, y - 2, x + width, y - 2)
    y -= 18
    canvas.setFont(SANS, 8.5)
    canvas.drawString(frame.left, y, "Notes")
    canvas.line(frame.left + 34, y - 2, frame.right, y - 2)
    newcomers = (
        "Write newcomers on the blank lines with their phone."
        if phones
        else "Write newcomers' names on the blank lines; give their phone numbers to the office."
    )
    key = (
        "Tick one box for each member: Present, Late, or Excused (absent with a reason); "
        f"leave all three empty for a member who is absent. {newcomers}"
    )
    canvas.setFillColor(MUTED)
    lines, size = wrap_text(key, SANS, 7.5, frame.inner_width, max_lines=2)
    canvas.setFont(SANS, size)
    for n, line in enumerate(lines):
        canvas.drawString(frame.left, y - 13 - n * size * 1.2, line)
    canvas.setFillColor(INK)
