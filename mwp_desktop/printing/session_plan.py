"""The session plan: a facilitator's guide to one curriculum session, laid out as it is used.

Whose session it is (group, date, venue, facilitator, when printed for a group), what it is
for and what to bring come first; then the activities as a table the facilitator runs the
session from: the clock at which each starts, its minutes, its name and the notes. Activities
are stored as "Name (15 min): what to do"; one not in that form prints whole in the notes.
The facilitator's notes lines take the room left on the last page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .data import Branding, SessionPlanData
from .fonts import SANS, SANS_BOLD
from .page import (
    GREEN,
    INK,
    MM,
    MUTED,
    RULE,
    TEAL,
    Column,
    draw_facts,
    draw_letterhead,
    draw_page_footer,
    draw_table_header,
    finish,
    flow_blocks,
    frame_of,
    long_date,
    pdf_document,
    scale_columns,
    wrap_text,
)

HEADING_HEIGHT = 24
TABLE_HEADER_HEIGHT = 18
NOTES_RULE = 20
ACTIVITY = re.compile(r"^\s*(?P<name>[^:()]+?)\s*\((?P<minutes>\d+)\s*min\)\s*:\s*(?P<notes>.*)$",
                      re.DOTALL)  # fmt: skip
COLUMNS = (
    Column("Clock", 40, "center"),
    Column("Min", 30, "center"),
    Column("Activity", 118, font=SANS_BOLD),
    Column("Notes", 330),
)


@dataclass(frozen=True)
class Sizes:
    body: float  # objectives and materials
    leading: float
    note: float  # the activities table
    note_leading: float


# The usual sizes, and a tighter set used only when it saves a page that would hold little.
USUAL = Sizes(9.5, 12.5, 9, 11.5)
TIGHT = Sizes(8.5, 11, 8, 10)


@dataclass(frozen=True)
class Activity:
    minutes: int | None
    name: str
    notes: str


def activity(text: str) -> Activity:
    found = ACTIVITY.match(text)
    if found is None:
        return Activity(None, "", text.strip())
    return Activity(int(found["minutes"]), found["name"].strip(), found["notes"].strip())


def clock(start_minutes: int, elapsed: int) -> str:
    """ "14:15" from a 14:00 start, or "0:15" into a session with no time set."""
    total = start_minutes + elapsed
    return (
        f"{total // 60}:{total % 60:02d}"
        if start_minutes
        else f"{elapsed // 60}:{elapsed % 60:02d}"
    )


def write_session_plans(
    path: Path | str, branding: Branding, plans: Sequence[SessionPlanData]
) -> Path:
    with pdf_document(path, branding, "Session plan") as canvas:
        for plan in plans:
            draw_session_plan(canvas, branding, plan)
        return finish(canvas)


# A block is (kind, height, payload): laid out first, then put on pages, then drawn.
Block = tuple[str, float, object]


def draw_session_plan(canvas, branding: Branding, plan: SessionPlanData) -> None:
    frame = frame_of(canvas, margin=15 * MM)
    columns = scale_columns(COLUMNS, frame.inner_width)
    first_top = _title_block(canvas, frame, branding, plan, draw=False)
    sizes, pages, y = (
        USUAL,
        *flow_blocks(_blocks(plan, frame, columns, USUAL), first_top, *_tops(frame)),
    )
    if len(pages) > 1:
        tight = flow_blocks(_blocks(plan, frame, columns, TIGHT), first_top, *_tops(frame))
        if len(tight[0]) < len(pages):
            sizes, (pages, y) = TIGHT, tight
    # The notes lines fill what is left of the last page (at least three).
    room = int((y - frame.margin - 10) // NOTES_RULE)
    pages[-1] += [("rule", NOTES_RULE, None)] * max(3, room)

    subtitle = f"Session {plan.number} of {plan.sessions_total}"
    for number, page_blocks in enumerate(pages, start=1):
        if number == 1:
            y = _title_block(canvas, frame, branding, plan)
        else:
            draw_letterhead(canvas, frame, branding, "Session plan", subtitle)
            y = frame.top - 40 - 12
        for kind, height, payload in page_blocks:
            _draw_block(canvas, frame, columns, sizes, kind, payload, y, height)
            y -= height
        draw_page_footer(canvas, frame, branding, number, len(pages),
                         f"Session plan · {plan.number}. {plan.title}")  # fmt: skip
        canvas.showPage()


def _tops(frame) -> tuple[float, float]:
    """Where a later page's blocks start, and the lowest they may reach."""
    return frame.top - 40 - 12, frame.margin + 10


def _title_block(canvas, frame, branding: Branding, plan: SessionPlanData, draw: bool = True):
    """Letterhead, the session's title (up to two lines), its length, and the group's facts."""
    subtitle = f"Session {plan.number} of {plan.sessions_total}"
    y = (
        draw_letterhead(canvas, frame, branding, "Session plan", subtitle)
        if draw
        else frame.top - 40
    )
    lines, size = wrap_text(f"{plan.number}. {plan.title}", SANS_BOLD, 16, frame.inner_width,
                            max_lines=2, min_size=12)  # fmt: skip
    y -= 8
    for line in lines:
        y -= size * 1.2
        if draw:
            canvas.setFillColor(TEAL)
            canvas.setFont(SANS_BOLD, size)
            canvas.drawString(frame.left, y, line)
    y -= 15
    if draw:
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, 9.5)
        canvas.drawString(frame.left, y, f"{plan.curriculum_name} · about {plan.minutes} minutes")
    if plan.group:
        when = long_date(plan.planned_date)
        if plan.planned_time:
            when = f"{when} at {plan.planned_time}".strip()
        facts = [("Group", plan.group), ("Facilitator", plan.facilitator),
                 ("Date", when), ("Venue", plan.venue)]  # fmt: skip
        y = draw_facts(canvas, frame, y - 4, facts, line=13, draw=draw)
    return y - 4


def _blocks(plan: SessionPlanData, frame, columns, sizes: Sizes) -> list[Block]:
    blocks: list[Block] = []
    for heading, items in (("Objectives", plan.objectives), ("Materials", plan.materials)):
        blocks.append(("heading", HEADING_HEIGHT, heading))
        if not items:
            blocks.append(("muted", sizes.leading, "None listed."))
        for item in items:
            lines, _size = wrap_text(item, SANS, sizes.body, frame.inner_width - 18, 8)
            blocks.append(("bullet", len(lines) * sizes.leading + 2, lines))
    blocks.append(("heading", HEADING_HEIGHT, "Activities"))
    blocks.append(("header", TABLE_HEADER_HEIGHT, None))
    start = _minutes_of(plan.planned_time)
    elapsed = 0
    for text in plan.activities:
        item = activity(text)
        name_lines, _ = wrap_text(item.name, SANS_BOLD, sizes.note, columns[2].width - 6, 3)
        note_lines, _ = wrap_text(item.notes, SANS, sizes.note, columns[3].width - 6, 12)
        height = max(len(name_lines), len(note_lines)) * sizes.note_leading + 7
        at = clock(start, elapsed) if item.minutes is not None else ""
        minutes = str(item.minutes) if item.minutes is not None else ""
        blocks.append(("row", height, (at, minutes, name_lines, note_lines)))
        elapsed += item.minutes or 0
    if not plan.activities:
        blocks.append(("muted", sizes.leading, "None listed."))
    if plan.women_raised:
        blocks.append(("heading", HEADING_HEIGHT, "What women in the community raised"))
        blocks.append(("muted", sizes.leading,
                       "Themes from the women's dialogue sessions: never ask who said it."))  # fmt: skip
        for theme, summary in plan.women_raised:
            lines, _size = wrap_text(f"{theme}: {summary}", SANS, sizes.body,
                                     frame.inner_width - 18, 8)  # fmt: skip
            blocks.append(("bullet", len(lines) * sizes.leading + 2, lines))
    blocks.append(("heading", HEADING_HEIGHT, "Facilitator's notes"))
    return blocks


def _minutes_of(planned_time: str) -> int:
    found = re.match(r"^(\d{1,2}):(\d{2})$", planned_time or "")
    return int(found[1]) * 60 + int(found[2]) if found else 0


def _draw_block(canvas, frame, columns, sizes: Sizes, kind: str, payload, y: float,
                height: float) -> None:  # fmt: skip
    if kind == "heading":
        canvas.setFillColor(GREEN)
        canvas.setFont(SANS_BOLD, 11.5)
        canvas.drawString(frame.left, y - 17, payload)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(frame.left, y - 21, frame.right, y - 21)
    elif kind == "bullet":
        canvas.setFillColor(INK)
        canvas.setFont(SANS, sizes.body)
        canvas.drawString(frame.left + 6, y - 10, "•")
        for n, line in enumerate(payload):
            canvas.drawString(frame.left + 18, y - 10 - n * sizes.leading, line)
    elif kind == "muted":
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, sizes.body)
        canvas.drawString(frame.left + 18, y - 10, payload)
    elif kind == "header":
        draw_table_header(canvas, columns, frame.left, y, height, size=8)
    elif kind == "row":
        _draw_row(canvas, frame, columns, sizes, payload, y, height)
    elif kind == "rule":
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(frame.left, y - height + 4, frame.right, y - height + 4)


def _draw_row(canvas, frame, columns, sizes: Sizes, payload, top: float, height: float) -> None:
    at, minutes, name_lines, note_lines = payload
    x = [frame.left]
    for column in columns:
        x.append(x[-1] + column.width)
    baseline = top - 4 - sizes.note
    canvas.setFillColor(INK)
    canvas.setFont(SANS_BOLD, 9.5)
    canvas.drawCentredString((x[0] + x[1]) / 2, baseline, at)
    canvas.setFont(SANS, 9.5)
    canvas.drawCentredString((x[1] + x[2]) / 2, baseline, minutes)
    for font, lines, left in ((SANS_BOLD, name_lines, x[2]), (SANS, note_lines, x[3])):
        canvas.setFont(font, sizes.note)
        for n, line in enumerate(lines):
            canvas.drawString(left + 3, baseline - n * sizes.note_leading, line)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.lines([(x[0], top - height, x[-1], top - height)]
                 + [(edge, top, edge, top - height) for edge in x])  # fmt: skip
