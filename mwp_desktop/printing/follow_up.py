"""The follow-up list: members who missed meetings in a row, with a phone number, for calling.

Grouped by group, each under a heading with its facilitator's name and phone (who makes the
calls, as the screen shows); the widest column is the one written in by hand.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from .data import Branding, FollowUpData, FollowUpLine
from .fonts import SANS, SANS_BOLD
from .page import (
    FILL,
    INK,
    MUTED,
    TEAL,
    Column,
    display_date,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    fit_line,
    frame_of,
    pdf_document,
    scale_columns,
)

HEADER_HEIGHT = 24
ROW_HEIGHT = 26
COLUMNS = (
    Column("No.", 22, "center"),
    Column("Code", 52),
    Column("Name", 128, font=SANS_BOLD),
    Column("Phone", 78),
    Column("Missed in a row", 44, "center", SANS_BOLD),
    Column("Last came", 56),
    Column("Called: date and outcome", 170),
)


def write_follow_up(path: Path | str, branding: Branding, data: FollowUpData) -> Path:
    with pdf_document(path, branding, "Follow-up list") as canvas:
        frame = frame_of(canvas)
        columns = scale_columns(COLUMNS, frame.inner_width)
        subtitle = f"as of {display_date(data.as_of)}"
        intro = (
            f"Members who missed {data.threshold} or more meetings in a row at their group's "
            f"latest held meetings: {len(data.lines)}. Call them kindly; note the outcome."
        )
        table_top = frame.top - 40 - 30
        per_page = int((table_top - HEADER_HEIGHT - frame.margin - 6) // ROW_HEIGHT)
        pages = _pages(data.lines, per_page)
        for number, page in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Follow-up list", subtitle)
            canvas.setFillColor(MUTED)
            fit_line(canvas, intro, frame.left, y - 18, frame.inner_width, SANS, 9)
            y = draw_table_header(canvas, columns, frame.left, y - 30, HEADER_HEIGHT)
            if not data.lines:
                fit_line(canvas, "Nobody needs a call: no member has missed meetings in a row.",
                         frame.left + 4, y - 18, frame.inner_width, SANS, 10)  # fmt: skip
            for item in page:
                if isinstance(item, str):
                    y = _heading(canvas, frame, columns, y, item)
                else:
                    number_, line = item
                    y = draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT,
                                        [_row(number_, line)], shade=False)  # fmt: skip
            draw_page_footer(canvas, frame, branding, number, len(pages), "Follow-up list")
            canvas.showPage()
        return finish(canvas)


def _row(number: int, line: FollowUpLine) -> tuple[str, ...]:
    return (str(number), line.code, line.name, line.phone, str(line.consecutive_absences),
            display_date(line.last_attended) or "never", "")  # fmt: skip


def group_heading(line: FollowUpLine) -> str:
    """ "WL-01 Waterloo Women · Waterloo · Facilitator: Isatu Sesay, +232…"."""
    who = ", ".join(part for part in (line.facilitator, line.facilitator_phone) if part)
    parts = [f"{line.group_code} {line.group_name}", line.community]
    if who:
        parts.append(f"Facilitator: {who}")
    return " · ".join(part for part in parts if part)


def _pages(lines, per_page: int) -> list[list]:
    """Headings and numbered members, a page at a time: a page is filled, a heading never ends
    a page, and a group that runs onto the next page is headed again there."""
    items: list = []
    number = 0
    by_group = sorted(lines, key=lambda line: line.group_code)  # stable: the screen's order within
    for _code, members in groupby(by_group, key=lambda line: line.group_code):
        members = list(members)
        items.append(group_heading(members[0]))
        for line in members:
            number += 1
            items.append((number, line))
    pages: list[list] = [[]]
    heading = ""
    for item in items:
        if isinstance(item, str):
            heading = item
        page = pages[-1]
        full = len(page) >= per_page or (isinstance(item, str) and len(page) >= per_page - 1)
        if full:
            page = []
            pages.append(page)
            if not isinstance(item, str):
                page.append(f"{heading} (continued)")
        page.append(item)
    return pages


def _heading(canvas, frame, columns, top: float, text: str) -> float:
    width = sum(c.width for c in columns)
    canvas.setFillColor(FILL)
    canvas.rect(frame.left, top - ROW_HEIGHT, width, ROW_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(TEAL)
    fit_line(canvas, text, frame.left + 4, top - ROW_HEIGHT + 9, width - 8, SANS_BOLD, 9.5)
    canvas.setFillColor(INK)
    return top - ROW_HEIGHT
