"""The facilitator's check-in sheet: every man's commitments, one line each, with a box for
each later session to write K (kept), P (partly), N (not yet) or C (changed)."""

from __future__ import annotations

from pathlib import Path

from .data import Branding, CheckInSheetData
from .fonts import SANS, SANS_BOLD
from .page import (
    MUTED,
    Column,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    fit_line,
    frame_of,
    paginate,
    pdf_document,
    scale_columns,
)

HEADER_HEIGHT = 24
ROW_HEIGHT = 24
LEGEND = "Write in each box: K kept · P partly · N not yet · C changed"


def write_check_in_sheet(path: Path | str, branding: Branding, data: CheckInSheetData) -> Path:
    with pdf_document(path, branding, "Check-in sheet", landscape=True) as canvas:
        frame = frame_of(canvas)
        columns = scale_columns(
            (Column("Code", 50), Column("Name", 110, font=SANS_BOLD), Column("Area", 90),
             Column("His words", 240),
             *(Column(f"S{n}", 26, "center") for n in data.sessions)),
            frame.inner_width,
        )  # fmt: skip
        rows = [(line.code, line.name, line.area_title, line.words, *("" for _ in data.sessions))
                for line in data.lines]  # fmt: skip
        table_top = frame.top - 40 - 30
        per_page = max(int((table_top - HEADER_HEIGHT - frame.margin - 6) // ROW_HEIGHT), 1)
        pages = paginate(len(rows), per_page, per_page)
        subtitle = f"{data.group_code} {data.group_name}".strip()
        for number, page_rows in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Check-in sheet", subtitle)
            canvas.setFillColor(MUTED)
            fit_line(canvas, LEGEND, frame.left, y - 18, frame.inner_width, SANS, 9)
            y = draw_table_header(canvas, columns, frame.left, y - 30, HEADER_HEIGHT)
            if rows:
                draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT,
                                [rows[i] for i in page_rows])  # fmt: skip
            else:
                fit_line(canvas, "No commitments recorded yet for this group.",
                         frame.left + 4, y - 18, frame.inner_width, SANS, 10)  # fmt: skip
            draw_page_footer(canvas, frame, branding, number, len(pages),
                             f"Check-in sheet · {data.group_code}")  # fmt: skip
            canvas.showPage()
        return finish(canvas)
