"""The attitude questionnaire, one per man: his code at the top (never his name), a consent
line, then each statement in large type with three boxes to tick. A facilitator reads the
statements aloud to men who cannot read and ticks the box of the answer he gives."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit

from .data import Branding, QuestionnaireData
from .fonts import SANS, SANS_BOLD
from .page import (
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

STATEMENT_SIZE = 14  # large type: read aloud, and by men with poor sight
LINE = STATEMENT_SIZE * 1.3
BOX = 14
CHOICES_HEIGHT = 26
GAP = 14
READ_ALOUD = ("Read each statement aloud slowly, then the three answers. Tick one box: the "
              "answer the man gives. If he refuses or does not know, tick none and write “–”.")  # fmt: skip


def write_questionnaires(path: Path | str, branding: Branding, data: QuestionnaireData) -> Path:
    title = f"{data.round_title} questionnaire"
    with pdf_document(path, branding, title) as canvas:
        for code in data.participant_codes:
            _questionnaire(canvas, branding, data, code, title)
        return finish(canvas)


def _questionnaire(canvas, branding: Branding, data: QuestionnaireData, code: str, title: str):
    frame = frame_of(canvas)
    pages = _pages(canvas, data)
    for number, statements in enumerate(pages, start=1):
        y = draw_letterhead(canvas, frame, branding, title, f"{data.group_code} · {code}")
        y = _man_header(canvas, frame, data, code, y) if number == 1 else y - 24
        for item, text in statements:
            y = _statement(canvas, frame, data, item, text, y)
        note = f"{data.instrument_title} · {code}"
        draw_page_footer(canvas, frame, branding, number, len(pages), note)
        canvas.showPage()


def _man_header(canvas, frame, data: QuestionnaireData, code: str, y: float) -> float:
    canvas.setFillColor(INK)
    fit_line(canvas, f"Participant code: {code}", frame.left, y - 26, frame.inner_width * 0.6,
             SANS_BOLD, 18)  # fmt: skip
    fit_line(canvas, f"Group {data.group_code} · {data.round_title}", frame.right, y - 26,
             frame.inner_width * 0.4, SANS, 11, "right")  # fmt: skip
    y -= 52
    fit_line(canvas, "Consent to answer:", frame.left, y, 120, SANS_BOLD, 12)
    for offset, word in ((130, "Yes"), (200, "No, refused")):
        _box(canvas, frame.left + offset, y - 3)
        fit_line(canvas, word, frame.left + offset + BOX + 6, y, 90, SANS, 12)
    fit_line(canvas, "Date: ____ / ____ / ________", frame.right, y, 200, SANS, 12, "right")
    canvas.setFillColor(MUTED)
    for index, line in enumerate(simpleSplit(READ_ALOUD, SANS, 9.5, frame.inner_width)):
        fit_line(canvas, line, frame.left, y - 22 - index * 12, frame.inner_width, SANS, 9.5)
    canvas.setFillColor(INK)
    return y - 22 - 2 * 12 - 8


def _height(canvas, frame, text: str) -> float:
    lines = simpleSplit(text, SANS, STATEMENT_SIZE, frame.inner_width - 34)
    return len(lines) * LINE + CHOICES_HEIGHT + GAP


def _pages(canvas, data: QuestionnaireData) -> list[list[tuple[int, str]]]:
    """The statements of each page: as many whole statements as fit, none split across pages."""
    frame = frame_of(canvas)
    first_top = frame.top - 40 - 112
    later_top = frame.top - 40 - 24
    bottom = frame.margin + 8
    pages, page, room = [], [], first_top - bottom
    for item, text in data.statements:
        needed = _height(canvas, frame, text)
        if page and needed > room:
            pages.append(page)
            page, room = [], later_top - bottom
        page.append((item, text))
        room -= needed
    pages.append(page)
    return pages


def _statement(canvas, frame, data: QuestionnaireData, item: int, text: str, y: float) -> float:
    canvas.setFillColor(TEAL)
    fit_line(canvas, f"{item}.", frame.left, y - STATEMENT_SIZE, 30, SANS_BOLD, STATEMENT_SIZE)
    canvas.setFillColor(INK)
    lines = simpleSplit(text, SANS, STATEMENT_SIZE, frame.inner_width - 34)
    for index, line in enumerate(lines):
        canvas.setFont(SANS, STATEMENT_SIZE)
        canvas.drawString(frame.left + 34, y - STATEMENT_SIZE - index * LINE, line)
    y -= len(lines) * LINE + 6
    x = frame.left + 34
    for answer in data.responses:
        _box(canvas, x, y - BOX)
        fit_line(canvas, answer, x + BOX + 6, y - BOX + 3, 130, SANS, 12)
        x += 160
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    bottom = y - CHOICES_HEIGHT + 2 - GAP / 2
    canvas.line(frame.left, bottom, frame.right, bottom)
    return y - CHOICES_HEIGHT - GAP + 6


def _box(canvas, x: float, y: float) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1)
    canvas.rect(x, y, BOX, BOX, stroke=1, fill=0)
