"""A group's schedule: every session with its date, title, venue and status, for the wall."""

from __future__ import annotations

from pathlib import Path

from .data import Branding, ScheduleData
from .fonts import SANS, SANS_BOLD
from .page import (
    MUTED,
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

HEADER_HEIGHT = 22
ROW_HEIGHT = 26
STATUS_WORDS = {
    "planned": "Planned",
    "held": "Held",
    "postponed": "Postponed",
    "cancelled": "Cancelled",
}
COLUMNS = (
    Column("No.", 26, "center", SANS_BOLD),
    Column("Session", 210),
    Column("Planned date", 84),
    Column("Held on", 80),
    Column("Venue", 96),
    Column("Status", 60),
)


def write_schedule(path: Path | str, branding: Branding, data: ScheduleData) -> Path:
    with pdf_document(path, branding, f"Schedule — {data.group_name}") as canvas:
        frame = frame_of(canvas)
        # The venue column only when some meeting is away from the group's usual venue (which
        # the facts above the table already give): otherwise titles get its room.
        show_venue = any(line.venue and line.venue != data.venue for line in data.lines)
        chosen = [c for c in COLUMNS if show_venue or c.title != "Venue"]
        columns = scale_columns(chosen, frame.inner_width)
        rows = [
            tuple(
                value
                for value, column in zip(
                    (
                        str(line.session_number),
                        line.title + (" (make-up)" if line.makeup else ""),
                        long_date(line.planned_date),
                        long_date(line.held_date),
                        line.venue,
                        STATUS_WORDS.get(line.status, line.status),
                    ),
                    COLUMNS,
                    strict=True,
                )
                if column in chosen
            )
            for line in data.lines
        ]
        facts = [
            ("Group", f"{data.group_name} ({data.group_code})"),
            ("Community", data.community),
            ("Facilitator", data.facilitator),
            ("Curriculum", data.curriculum_name),
            ("Meets", data.meeting_day),
            ("Venue", data.venue),
        ]
        table_top = draw_facts(canvas, frame, frame.top - 48, facts, draw=False) - 12
        per_page = int((table_top - HEADER_HEIGHT - frame.margin - 30) // ROW_HEIGHT)
        pages = paginate(len(rows), per_page, per_page)
        for number, page_rows in enumerate(pages, start=1):
            y = draw_letterhead(canvas, frame, branding, "Group schedule", data.group_code)
            y = draw_facts(canvas, frame, y - 8, facts) - 12
            y = draw_table_header(canvas, columns, frame.left, y, HEADER_HEIGHT)
            y = draw_table_rows(canvas, columns, frame.left, y, ROW_HEIGHT,
                                [rows[i] for i in page_rows], size=8.5)  # fmt: skip
            if number == len(pages):
                canvas.setFillColor(MUTED)
                fit_line(
                    canvas,
                    "Dates can move for holidays and closed days; the office tells the group "
                    "leader of every change.",
                    frame.left, y - 16, frame.inner_width, SANS, 8,
                )  # fmt: skip
            draw_page_footer(canvas, frame, branding, number, len(pages), data.group_code)
            canvas.showPage()
        return finish(canvas)
