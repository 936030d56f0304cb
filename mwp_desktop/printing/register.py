"""The attendance register (A4 landscape): the group's grid of marks with totals, for the file."""

from __future__ import annotations

from pathlib import Path

from .data import Branding, RegisterData
from .fonts import SANS, SANS_BOLD
from .page import (
    ABSENT_SHADE,
    INK,
    MUTED,
    TEAL,
    Column,
    draw_facts,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    frame_of,
    paginate,
    pdf_document,
    scale_columns,
    wrap_text,
)

HEADER_HEIGHT = 30
ROW_HEIGHT = 14  # a full group of 25 with its totals and legend on one landscape page
STATUS_WORDS = {
    "active": "Active",
    "completed": "Completed",
    "not_completed": "Not completed",
    "dropped": "Dropped",
    "transferred": "Transferred",
}
TOTALS_HEIGHT = 28  # two lines: present or late, over "of" the members expected


def legend(labels: tuple[str, ...]) -> str:
    """The key to the marks, naming the make-up columns this register has (if any)."""
    makeups = [f"{label}: make-up of session {label[:-1]}" for label in labels
               if label.endswith("m")]  # fmt: skip
    return " · ".join([
        "P present", "L late", "E excused", "A absent (shaded)", "blank: no mark",
        "– not a member that day", "× cancelled", *makeups,
        "✓ enough sessions for a certificate",
    ]) + ". Attended: sessions attended of those held while a member."  # fmt: skip


def write_register(path: Path | str, branding: Branding, data: RegisterData) -> Path:
    with pdf_document(
        path, branding, f"Attendance register — {data.group_name}", landscape=True
    ) as canvas:
        frame = frame_of(canvas, margin=10 * 72 / 25.4)
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
        facts = [
            ("Group", f"{data.group_name} ({data.group_code})"),
            ("Community", data.community),
            ("Facilitator", data.facilitator),
            ("To complete", f"{data.required} of {data.total_sessions} sessions"),
        ]
        table_top = frame.top - 40 - 8 - 2 * 14 - 10
        room = table_top - HEADER_HEIGHT - frame.margin - 6
        per_page = int(room // ROW_HEIGHT)
        pages = paginate(len(rows), per_page, int((room - TOTALS_HEIGHT - 34) // ROW_HEIGHT))
        for number, page_rows in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Attendance register", data.group_code)
            y = draw_facts(canvas, frame, y - 8, facts) - 10
            y = _header(canvas, columns, frame.left, y, data)
            y = draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT,
                                [rows[i] for i in page_rows], size=8,
                                cell_fills={"A": ABSENT_SHADE})  # fmt: skip
            if number == len(pages):
                if data.column_totals:
                    y = _totals(canvas, columns, frame.left, y, data.column_totals)
                canvas.setFillColor(MUTED)
                lines, size = wrap_text(legend(data.column_labels), SANS, 7.5, frame.inner_width,
                                        max_lines=2)  # fmt: skip
                canvas.setFont(SANS, size)
                for n, line in enumerate(lines):
                    canvas.drawString(frame.left, y - 14 - n * size * 1.25, line)
            draw_page_footer(canvas, frame, branding, number, len(pages), data.group_code)
            canvas.showPage()
        return finish(canvas)


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
            canvas.setFont(SANS, 7)
            canvas.drawCentredString(centre, top - 24, when.strftime("%d/%m"))
        left += column.width
    return bottom


def _totals(canvas, columns, x: float, top: float, totals: tuple[str, ...]) -> float:
    """The row of each meeting's count, "5/6" printed as 5 over "of 6" at the marks' size."""
    y = draw_table_rows(canvas, columns, x, top, TOTALS_HEIGHT,
                        [("", "", "Present or late", "", *[""] * len(totals), "")],
                        size=8, shade=False)  # fmt: skip
    left = x + sum(c.width for c in columns[:4])
    canvas.setFillColor(INK)
    for total, column in zip(totals, columns[4:], strict=False):
        centre = left + column.width / 2
        if total:
            present, _, expected = total.partition("/")
            canvas.setFont(SANS_BOLD, 9)
            canvas.drawCentredString(centre, y + 16, present)
            canvas.setFont(SANS, 8)
            canvas.drawCentredString(centre, y + 5, f"of {expected}" if expected else "")
        left += column.width
    return y
