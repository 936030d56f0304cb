"""The follow-up list: men who missed meetings in a row, with a phone number, for calling."""

from __future__ import annotations

from pathlib import Path

from .data import Branding, FollowUpData
from .fonts import SANS, SANS_BOLD
from .page import (
    MUTED,
    Column,
    display_date,
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
ROW_HEIGHT = 26
COLUMNS = (
    Column("No.", 22, "center"),
    Column("Code", 52),
    Column("Name", 140, font=SANS_BOLD),
    Column("Phone", 84),
    Column("Group", 78),
    Column("Missed in a row", 44, "center", SANS_BOLD),
    Column("Last came", 54),
    Column("Called: date and outcome", 104),
)


def write_follow_up(path: Path | str, branding: Branding, data: FollowUpData) -> Path:
    with pdf_document(path, branding, "Follow-up list") as canvas:
        frame = frame_of(canvas)
        columns = scale_columns(COLUMNS, frame.inner_width)
        rows = [
            (
                str(i),
                line.code,
                line.name,
                line.phone,
                f"{line.group_code} {line.community}".strip(),
                str(line.consecutive_absences),
                display_date(line.last_attended) or "never",
                "",
            )
            for i, line in enumerate(data.lines, start=1)
        ]
        subtitle = f"as of {display_date(data.as_of)}"
        intro = (
            f"Men who missed {data.threshold} or more meetings in a row at their group's latest "
            f"held meetings: {len(rows)}. Call them kindly; note the outcome."
        )
        table_top = frame.top - 40 - 30
        per_page = int((table_top - HEADER_HEIGHT - frame.margin - 6) // ROW_HEIGHT)
        pages = paginate(len(rows), per_page, per_page)
        for number, page_rows in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Follow-up list", subtitle)
            canvas.setFillColor(MUTED)
            fit_line(canvas, intro, frame.left, y - 18, frame.inner_width, SANS, 9)
            y = draw_table_header(canvas, columns, frame.left, y - 30, HEADER_HEIGHT)
            if rows:
                draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT,
                                [rows[i] for i in page_rows])  # fmt: skip
            else:
                fit_line(canvas, "Nobody needs a call: no man has missed meetings in a row.",
                         frame.left + 4, y - 18, frame.inner_width, SANS, 10)  # fmt: skip
            draw_page_footer(canvas, frame, branding, number, len(pages), "Follow-up list")
            canvas.showPage()
        return finish(canvas)
