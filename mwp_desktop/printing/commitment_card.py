"""Take-home commitment cards, one page a man: his commitments in large type, each beside the
picture of its area (printing/area_pictures.py), and his next step once he has one. Nothing on
the card says anything about a woman or a partner."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .area_pictures import draw_area_picture
from .data import Branding, CommitmentCardData
from .fonts import SANS, SANS_BOLD
from .page import (
    GREEN,
    INK,
    MUTED,
    RULE,
    TEAL,
    draw_letterhead,
    finish,
    fit_line,
    frame_of,
    pdf_document,
)

WORDS_SIZE = 20
LEADING = 25
PICTURE = 70


def write_commitment_cards(
    path: Path | str, branding: Branding, cards: Sequence[CommitmentCardData]
) -> Path:
    with pdf_document(path, branding, "My commitments") as canvas:
        for card in cards:
            _draw_card(canvas, branding, card)
        return finish(canvas)


def _draw_card(canvas, branding: Branding, card: CommitmentCardData) -> None:
    from reportlab.lib.utils import simpleSplit

    frame = frame_of(canvas)
    y = draw_letterhead(canvas, frame, branding, "My commitments", card.group_code)
    canvas.setFillColor(TEAL)
    fit_line(canvas, card.man_name, frame.left, y - 36, frame.inner_width, SANS_BOLD, 24)
    canvas.setFillColor(MUTED)
    fit_line(canvas, f"{card.man_code} · the steps I take for the women in my life",
             frame.left, y - 56, frame.inner_width, SANS, 11)  # fmt: skip
    y -= 80
    text_x = frame.left + PICTURE + 18
    text_width = frame.right - text_x
    for item in card.commitments:
        lines = simpleSplit(item.words, SANS_BOLD, WORDS_SIZE, text_width)[:3] or [""]
        height = max(PICTURE, 20 + LEADING * len(lines)) + 16
        draw_area_picture(canvas, item.area, frame.left, y - PICTURE, PICTURE)
        canvas.setFillColor(GREEN)
        fit_line(canvas, item.area_title, text_x, y - 12, text_width, SANS, 11)
        canvas.setFillColor(INK)
        for n, line in enumerate(lines):
            fit_line(canvas, line, text_x, y - 34 - LEADING * n, text_width, SANS_BOLD, WORDS_SIZE)
        y -= height
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(frame.left, y + 8, frame.right, y + 8)
    if card.next_step:
        canvas.setFillColor(TEAL)
        fit_line(canvas, "My next step after the program", frame.left, y - 14,
                 frame.inner_width, SANS_BOLD, 13)  # fmt: skip
        canvas.setFillColor(INK)
        for n, line in enumerate(simpleSplit(card.next_step, SANS, 16, frame.inner_width)[:3]):
            fit_line(canvas, line, frame.left, y - 38 - 21 * n, frame.inner_width, SANS, 16)
    canvas.showPage()
