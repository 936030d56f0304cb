"""The session sign-in sheet: one meeting's roster for the men to sign or thumbprint.

The office types attendance back in from this paper, so each line carries the participant's
code; blank lines take newcomers; the facilitator signs and dates the last page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .data import Branding, SignInSheetData
from .fonts import SANS, SANS_BOLD
from .page import (
    INK,
    MUTED,
    RULE,
    Column,
    draw_facts,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    fit_line,
    frame_of,
    long_date,
    paginate,
    pdf_document,
    scale_columns,
)
from .progress import Progress, keep_going

HEADER_HEIGHT = 22
ROW_HEIGHT = 25
CLOSING_HEIGHT = 104
COLUMNS = (
    Column("No.", 24, "center"),
    Column("Code", 58),
    Column("Name", 186, font=SANS_BOLD),
    Column("Phone", 76),
    Column("Signature or thumbprint", 128),
    Column("Present", 44, "center"),
)


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


def draw_sign_in_sheet(canvas, branding: Branding, sheet: SignInSheetData) -> None:
    """Draw every page of one meeting's sheet; page numbers count within the meeting."""
    frame = frame_of(canvas)
    columns = scale_columns(COLUMNS, frame.inner_width)
    lines: list[tuple[str, ...]] = [
        (str(i), line.code, line.name, line.phone, "", "")
        for i, line in enumerate(sheet.roster, start=1)
    ]
    lines += [(str(len(lines) + i), "", "", "", "", "") for i in range(1, sheet.blank_rows + 1)]

    table_top = _page_top(canvas, frame, branding, sheet, dry_run=True)
    room = table_top - HEADER_HEIGHT - (frame.margin + 6)
    per_page = int(room // ROW_HEIGHT)
    pages = paginate(len(lines), per_page, int((room - CLOSING_HEIGHT) // ROW_HEIGHT))
    note = f"{sheet.group_code} · session {sheet.session_number} · {long_date(sheet.planned_date)}"
    for number, rows in enumerate(pages, start=1):
        top = _page_top(canvas, frame, branding, sheet)
        y = draw_table_header(canvas, columns, frame.left, top, HEADER_HEIGHT)
        y = draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT, [lines[i] for i in rows])
        _tick_boxes(canvas, columns, frame.left, y, len(rows))
        if number == len(pages):
            _closing(canvas, frame, y - 18)
        draw_page_footer(canvas, frame, branding, number, len(pages), note)
        canvas.showPage()


def _page_top(canvas, frame, branding: Branding, sheet: SignInSheetData, dry_run: bool = False):
    """The letterhead and the meeting's facts (repeated on every page, in case pages part)."""
    if dry_run:
        return frame.top - 40 - 8 - 3 * 14 - 12
    subtitle = f"{sheet.group_code} · Session {sheet.session_number}"
    if sheet.makeup:
        subtitle += " (make-up)"
    y = draw_letterhead(canvas, frame, branding, "Session sign-in sheet", subtitle)
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
    return draw_facts(canvas, frame, y - 8, facts) - 12


def _tick_boxes(canvas, columns, x: float, bottom: float, count: int) -> None:
    left = x + sum(c.width for c in columns[:-1])
    box = 11
    cx = left + columns[-1].width / 2
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    for i in range(count):
        y = bottom + i * ROW_HEIGHT + (ROW_HEIGHT - box) / 2
        canvas.rect(cx - box / 2, y, box, box)


def _closing(canvas, frame, y: float) -> None:
    """Facilitator's signature, the date the meeting was held, and notes lines."""
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
        canvas.line(x + 108, y - 2, x + width, y - 2)
    y -= 24
    canvas.setFont(SANS, 8.5)
    canvas.drawString(frame.left, y, "Notes")
    for i in range(3):
        canvas.line(frame.left + 34, y - 2 - i * 20, frame.right, y - 2 - i * 20)
    canvas.setFillColor(MUTED)
    fit_line(
        canvas,
        "Tick Present for each man who came; write newcomers on the blank lines with their phone.",
        frame.left, y - 68, frame.inner_width, SANS, 7.5,
    )  # fmt: skip
    canvas.setFillColor(INK)
