"""The dashboard as a printable report: headline figures, the charts, and the key tables, in
the house style of every other document (letterhead, embedded fonts, "Page x of y").

Qt-free: the charts arrive as PNG pictures the window rendered (the report shows exactly what the
supervisor saw). Without pictures — from a script — the report still gives every figure in tables.

The figures and tables arrive as printing.data's DashboardReportData, made by the dashboard the
panel shows (`Dashboard.report_data()`), as every document gets its data: printing never imports
the services that compute them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path

from .data import Branding, DashboardReportData
from .fonts import SANS, SANS_BOLD
from .page import (
    GREEN,
    INK,
    MM,
    MUTED,
    RULE,
    SHADE,
    Column,
    display_date,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    draw_table_rows,
    finish,
    fit_line,
    flow_blocks,
    frame_of,
    pdf_document,
    scale_columns,
)

MAX_TABLE_ROWS = 12
KEEP_WHOLE = 6
ROW_HEIGHT = 17
HEADER_HEIGHT = 19
HEADING_HEIGHT = 26
GAP = 6

# A block is (kind, height, payload): laid out first, put on pages, then drawn with page x of y.
Block = tuple[str, float, object]


def write_dashboard_report(
    path: str | Path,
    branding: Branding,
    report: DashboardReportData,
    description: str,
    pictures: Sequence[tuple[str, bytes]] = (),
) -> Path:
    """Write the report to `path`; returns the path. The file appears whole or not at all."""
    with pdf_document(path, branding, "Dashboard report") as canvas:
        frame = frame_of(canvas, margin=14 * MM)
        blocks = _blocks(frame, report, pictures)
        top = frame.top - 40 - 22
        pages, _end = flow_blocks(blocks, top, top, frame.margin + 8)
        for number, page_blocks in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Dashboard report", description)
            canvas.setFillColor(MUTED)
            canvas.setFont(SANS, 8)
            canvas.drawString(frame.left, y - 13, f"Made on {display_date(date.today())}")
            y = top
            for kind, height, payload in page_blocks:
                _draw(canvas, frame, kind, payload, y, height)
                y -= height
            draw_page_footer(canvas, frame, branding, number, len(pages), "Dashboard report")
            canvas.showPage()
        return finish(canvas)


def _blocks(frame, report: DashboardReportData, pictures) -> list[Block]:
    blocks: list[Block] = []
    figures = scale_columns([Column("Figure", 46), Column("Now", 18, "right"),
                             Column("Before", 18, "right"), Column("Change", 18, "right")],
                            frame.inner_width)  # fmt: skip
    _table(blocks, figures, [(f.label, f.now, f.before, f.change) for f in report.figures],
           "No figures for this period")  # fmt: skip

    blocks.append(("heading", HEADING_HEIGHT,
                   "Completion by place (groups that finished in the period)"))  # fmt: skip
    completion = scale_columns(
        [Column(report.completion_by.capitalize(), 40)]
        + [Column(t, 15, "right") for t in ("Completed", "Did not", "Dropped", "Rate")],
        frame.inner_width,
    )
    _table(blocks, completion, [
        (b.place, str(b.completed), str(b.not_completed), str(b.dropped), _percent(b.rate))
        for b in report.completion[:MAX_TABLE_ROWS]
    ], "No group finished in this period")  # fmt: skip

    blocks.append(("heading", HEADING_HEIGHT, "Facilitators"))
    leaders = scale_columns([Column("Facilitator", 40), Column("Meetings", 15, "right"),
                             Column("On the planned day", 20, "right"),
                             Column("Attendance", 25, "right")], frame.inner_width)  # fmt: skip
    _table(blocks, leaders, [
        (r.name, str(r.meetings), _percent(r.on_time_share),
         "–" if r.rate is None else f"{r.rate:.0%} ({r.attended:,}/{r.marks:,})")
        for r in report.facilitators[:MAX_TABLE_ROWS]
    ], "No meetings in this period")  # fmt: skip

    if pictures:
        blocks.append(("heading", HEADING_HEIGHT, "Charts"))
        cell = (frame.inner_width - 8) / 2
        for i in range(0, len(pictures), 2):
            pair = [_picture(png, cell) for _caption, png in pictures[i : i + 2]]
            blocks.append(("pictures", max(h for _png, h in pair) + GAP, pair))

    return blocks


def _table(blocks: list[Block], columns, rows, empty: str) -> None:
    """A table's header and rows; a short table (up to KEEP_WHOLE rows) moves as one piece, so
    a page never ends with a lone header or starts with a table's last row."""
    rows = rows or [(empty,)]
    lines = [("header", HEADER_HEIGHT, columns)] + [
        ("row", ROW_HEIGHT, (columns, row, index % 2 == 1)) for index, row in enumerate(rows)
    ]
    if len(rows) <= KEEP_WHOLE:
        blocks.append(("whole", sum(line[1] for line in lines), lines))
    else:
        blocks.extend(lines)
    blocks.append(("gap", GAP * 2, None))


def _picture(png: bytes, width: float) -> tuple[bytes, float]:
    from reportlab.lib.utils import ImageReader

    pixels_wide, pixels_high = ImageReader(BytesIO(png)).getSize()
    return png, width * pixels_high / pixels_wide


def _draw(canvas, frame, kind: str, payload, y: float, height: float) -> None:
    if kind == "heading":
        canvas.setFillColor(GREEN)
        fit_line(canvas, payload, frame.left, y - 18, frame.inner_width, SANS_BOLD, 11.5)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(frame.left, y - 22, frame.right, y - 22)
    elif kind == "header":
        draw_table_header(canvas, payload, frame.left, y, height, size=8.5)
    elif kind == "row":
        columns, values, shaded = payload
        if shaded:  # the shared row drawing shades every other row of one call; here one a call
            canvas.setFillColor(SHADE)
            canvas.rect(frame.left, y - height, frame.inner_width, height, stroke=0, fill=1)
            canvas.setFillColor(INK)
        draw_table_rows(canvas, columns, frame.left, y, height, [values], size=9, shade=False)
    elif kind == "whole":
        for line_kind, line_height, line_payload in payload:
            _draw(canvas, frame, line_kind, line_payload, y, line_height)
            y -= line_height
    elif kind == "pictures":
        from reportlab.lib.utils import ImageReader

        cell = (frame.inner_width - 8) / 2
        for index, (png, picture_height) in enumerate(payload):
            x = frame.left + index * (cell + 8)
            canvas.drawImage(ImageReader(BytesIO(png)), x, y - picture_height, cell,
                             picture_height)  # fmt: skip


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"
