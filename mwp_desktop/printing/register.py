"""The attendance register (A4 landscape): the group's grid of marks with totals, for the file."""

from __future__ import annotations

from pathlib import Path

from .data import Branding, RegisterData
from .fonts import SANS, SANS_BOLD
from .page import (
    MUTED,
    TEAL,
    Column,
    abandon,
    draw_facts,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    fit_line,
    frame_of,
    new_canvas,
    paginate,
    scale_columns,
)

HEADER_HEIGHT = 30
ROW_HEIGHT = 17
STATUS_WORDS = {
    "active": "Active",
    "completed": "Completed",
    "not_completed": "Not completed",
    "dropped": "Dropped",
    "transferred": "Transferred",
}
LEGEND = (
    "P present · L late · E excused · A absent · blank: no mark · – not a member that day · "
    "× cancelled · 4m: make-up of session 4 · ✓ enough sessions for a certificate. "
    "Attended: sessions attended of those held while a member."
)


def write_register(path: Path | str, branding: Branding, data: RegisterData) -> Path:
    canvas = new_canvas(path, branding, f"Attendance register — {data.group_name}", landscape=True)
    try:
        frame = frame_of(canvas, margin=12 * 72 / 25.4)
        columns = scale_columns(
            [
                Column("No.", 22, "center"),
                Column("Code", 52),
                Column("Name", 150, font=SANS_BOLD),
                Column("Status", 62),
                *[Column("", 24, "center", SANS_BOLD) for _ in data.column_labels],
                Column("Attended", 78, "center", SANS_BOLD),
            ],
            frame.inner_width,
        )
        rows = [
            (
                str(i),
                row.code,
                row.name,
                STATUS_WORDS.get(row.enrollment_status, row.enrollment_status),
                *row.marks,
                f"✓ {row.total}" if row.eligible else row.total,
            )
            for i, row in enumerate(data.rows, start=1)
        ]
        totals = ("", "", "Present or late", "", *data.column_totals, "")
        facts = [
            ("Group", f"{data.group_name} ({data.group_code})"),
            ("Community", data.community),
            ("Facilitator", data.facilitator),
            ("To complete", f"{data.required} of {data.total_sessions} sessions"),
        ]
        table_top = frame.top - 40 - 8 - 2 * 14 - 10
        room = table_top - HEADER_HEIGHT - frame.margin - 6
        per_page = int(room // ROW_HEIGHT)
        pages = paginate(len(rows), per_page, per_page - 3)
        for number, page_rows in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Attendance register", data.group_code)
            y = draw_facts(canvas, frame, y - 8, facts) - 10
            y = _header(canvas, columns, frame.left, y, data)
            y = draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT,
                                [rows[i] for i in page_rows], size=8)  # fmt: skip
            if number == len(pages):
                if data.column_totals:
                    y = draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT + 2, [totals],
                                        size=8, shade=False)  # fmt: skip
                canvas.setFillColor(MUTED)
                fit_line(canvas, LEGEND, frame.left, y - 14, frame.inner_width, SANS, 7.5)
            draw_page_footer(canvas, frame, branding, number, len(pages), data.group_code)
            canvas.showPage()
        return finish(canvas)
    except BaseException:
        abandon(canvas)
        raise


def _header(canvas, columns, x: float, top: float, data: RegisterData) -> float:
    bottom = draw_table_header(canvas, columns, x, top, HEADER_HEIGHT)
    left = x + sum(c.width for c in columns[:4])
    canvas.setFillColor(TEAL)
    for label, when, column in zip(
        data.column_labels, data.column_dates, columns[4:], strict=False
    ):
        centre = left + column.width / 2
        canvas.setFont(SANS_BOLD, 8.5)
        canvas.drawCentredString(centre, top - 13, label)
        if when:
            canvas.setFont(SANS, 6)
            canvas.drawCentredString(centre, top - 24, when.strftime("%d/%m"))
        left += column.width
    return bottom
