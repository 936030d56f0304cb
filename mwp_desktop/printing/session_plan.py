"""The session plan: a facilitator's guide to one curriculum session.

Objectives, activities and materials are stored one item a line; they print as lists that wrap
and flow onto a second page when a session is long.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .data import Branding, SessionPlanData
from .fonts import SANS, SANS_BOLD
from .page import (
    GREEN,
    INK,
    MUTED,
    RULE,
    TEAL,
    draw_letterhead,
    draw_page_footer,
    finish,
    fit_line,
    frame_of,
    pdf_document,
)

BODY_SIZE = 10.5
LEADING = 14.5


def write_session_plans(
    path: Path | str, branding: Branding, plans: Sequence[SessionPlanData]
) -> Path:
    with pdf_document(path, branding, "Session plan") as canvas:
        for plan in plans:
            draw_session_plan(canvas, branding, plan)
        return finish(canvas)


def draw_session_plan(canvas, branding: Branding, plan: SessionPlanData) -> None:
    from reportlab.lib.utils import simpleSplit

    frame = frame_of(canvas, margin=18 * 72 / 25.4)
    # Lay out first (a list of draw steps with their heights), then paginate.
    steps: list[tuple[str, str, float]] = []  # (kind, text, height)
    for heading, items, numbered in (
        ("Objectives", plan.objectives, False),
        ("Activities", plan.activities, True),
        ("Materials", plan.materials, False),
    ):
        steps.append(("heading", heading, 30))
        if not items:
            steps.append(("muted", "None listed.", LEADING))
        for index, item in enumerate(items, start=1):
            marker = f"{index}." if numbered else "•"
            lines = simpleSplit(item, SANS, BODY_SIZE, frame.inner_width - 24) or [""]
            for n, line in enumerate(lines):
                steps.append(("item" if n == 0 else "cont", f"{marker}\t{line}", LEADING))
            steps.append(("gap", "", 3))
    if plan.women_raised:
        steps.append(("heading", "What women in the community raised", 30))
        steps.append(("muted", "Themes from the women's dialogue sessions: never ask who said it.",
                      LEADING))  # fmt: skip
        for theme, summary in plan.women_raised:
            lines = simpleSplit(f"{theme}: {summary}", SANS, BODY_SIZE, frame.inner_width - 24)
            for n, line in enumerate(lines or [""]):
                steps.append(("item" if n == 0 else "cont", f"•\t{line}", LEADING))
            steps.append(("gap", "", 3))
    steps.append(("heading", "Facilitator's notes", 30))
    steps += [("rule", "", 22)] * 4

    title_lines = simpleSplit(f"{plan.number}. {plan.title}", SANS_BOLD, 17, frame.inner_width)
    title_lines = title_lines[:2] or [""]
    first_top = frame.top - 40 - 78 - 21 * (len(title_lines) - 1)
    later_top = frame.top - 40 - 20
    bottom = frame.margin + 10
    pages: list[list[tuple[str, str, float]]] = [[]]
    y = first_top
    for index, step in enumerate(steps):
        # A heading stays with its first line: never alone at the foot of a page.
        needed = step[2] + (
            steps[index + 1][2] if step[0] == "heading" and index + 1 < len(steps) else 0
        )
        if y - needed < bottom:
            pages.append([])
            y = later_top
        pages[-1].append(step)
        y -= step[2]

    title = f"Session {plan.number} of {plan.sessions_total}"
    for number, page_steps in enumerate(pages, start=1):
        y = draw_letterhead(canvas, frame, branding, "Session plan", title)
        if number == 1:
            canvas.setFillColor(TEAL)
            for i, line in enumerate(title_lines):
                fit_line(canvas, line, frame.left, y - 30 - 21 * i, frame.inner_width,
                         SANS_BOLD, 17)  # fmt: skip
            canvas.setFillColor(MUTED)
            fit_line(canvas, f"{plan.curriculum_name} · about {plan.minutes} minutes",
                     frame.left, y - 50 - 21 * (len(title_lines) - 1), frame.inner_width,
                     SANS, 10)  # fmt: skip
            y = first_top
        else:
            y = later_top
        for kind, text, height in page_steps:
            _draw_step(canvas, frame, kind, text, y)
            y -= height
        draw_page_footer(canvas, frame, branding, number, len(pages),
                         f"Session plan · {plan.number}. {plan.title}")  # fmt: skip
        canvas.showPage()


def _draw_step(canvas, frame, kind: str, text: str, y: float) -> None:
    if kind == "heading":
        canvas.setFillColor(GREEN)
        canvas.setFont(SANS_BOLD, 12)
        canvas.drawString(frame.left, y - 20, text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(frame.left, y - 24, frame.right, y - 24)
    elif kind in ("item", "cont"):
        marker, line = text.split("\t", 1)
        canvas.setFillColor(INK)
        canvas.setFont(SANS, BODY_SIZE)
        if kind == "item":
            canvas.drawRightString(frame.left + 14, y - 11, marker)
        canvas.drawString(frame.left + 22, y - 11, line)
    elif kind == "muted":
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, BODY_SIZE)
        canvas.drawString(frame.left + 22, y - 11, text)
    elif kind == "rule":
        canvas.setStrokeColor(RULE)
        canvas.line(frame.left, y - 16, frame.right, y - 16)
