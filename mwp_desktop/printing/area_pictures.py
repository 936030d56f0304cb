"""A simple picture for each commitment area, drawn with lines and shapes (no image files), so
a man who reads little knows each commitment on his card by its picture:
a house (housework and care), coins (decisions and money), two speech bubbles (communication
and respect), a heart (non-violence), an open book (her work or schooling), three people
(standing up in the community), a star (other)."""

from __future__ import annotations

from math import cos, pi, sin

from .page import GREEN, TEAL


def draw_area_picture(canvas, area: str, x: float, y: float, size: float) -> None:
    """The area's picture in the square whose lower left corner is (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(TEAL)
    canvas.setFillColor(GREEN)
    canvas.setLineWidth(max(size / 30, 1))
    _PICTURES.get(area, _star)(canvas, x, y, size)
    canvas.restoreState()


def _house(canvas, x, y, s):
    canvas.rect(x + 0.2 * s, y + 0.1 * s, 0.6 * s, 0.45 * s, stroke=1, fill=0)
    roof = canvas.beginPath()
    roof.moveTo(x + 0.1 * s, y + 0.55 * s)
    roof.lineTo(x + 0.5 * s, y + 0.9 * s)
    roof.lineTo(x + 0.9 * s, y + 0.55 * s)
    roof.close()
    canvas.drawPath(roof, stroke=1, fill=1)
    canvas.rect(x + 0.43 * s, y + 0.1 * s, 0.14 * s, 0.25 * s, stroke=1, fill=1)


def _coins(canvas, x, y, s):
    for i in range(3):
        canvas.ellipse(x + 0.2 * s, y + (0.12 + 0.16 * i) * s, x + 0.8 * s,
                       y + (0.32 + 0.16 * i) * s, stroke=1, fill=1)  # fmt: skip
    canvas.ellipse(x + 0.2 * s, y + 0.6 * s, x + 0.8 * s, y + 0.8 * s, stroke=1, fill=0)


def _bubbles(canvas, x, y, s):
    canvas.roundRect(x + 0.05 * s, y + 0.45 * s, 0.5 * s, 0.35 * s, 0.08 * s, stroke=1, fill=0)
    canvas.roundRect(x + 0.45 * s, y + 0.15 * s, 0.5 * s, 0.35 * s, 0.08 * s, stroke=1, fill=1)
    canvas.line(x + 0.15 * s, y + 0.45 * s, x + 0.1 * s, y + 0.33 * s)
    canvas.line(x + 0.85 * s, y + 0.15 * s, x + 0.9 * s, y + 0.05 * s)


def _heart(canvas, x, y, s):
    path = canvas.beginPath()
    path.moveTo(x + 0.5 * s, y + 0.12 * s)
    path.curveTo(x + 0.05 * s, y + 0.45 * s, x + 0.15 * s, y + 0.9 * s, x + 0.5 * s, y + 0.68 * s)
    path.curveTo(x + 0.85 * s, y + 0.9 * s, x + 0.95 * s, y + 0.45 * s, x + 0.5 * s, y + 0.12 * s)
    canvas.drawPath(path, stroke=1, fill=1)


def _book(canvas, x, y, s):
    for left, fill in ((0.08, 0), (0.5, 1)):
        page = canvas.beginPath()
        page.moveTo(x + 0.5 * s, y + 0.2 * s)
        page.lineTo(x + left * s if left < 0.5 else x + 0.92 * s, y + 0.28 * s)
        page.lineTo(x + left * s if left < 0.5 else x + 0.92 * s, y + 0.8 * s)
        page.lineTo(x + 0.5 * s, y + 0.72 * s)
        page.close()
        canvas.drawPath(page, stroke=1, fill=fill)


def _people(canvas, x, y, s):
    for i, cx in enumerate((0.22, 0.5, 0.78)):
        high = 0.06 if i == 1 else 0.0
        canvas.circle(x + cx * s, y + (0.62 + high) * s, 0.09 * s, stroke=1, fill=1)
        canvas.wedge(x + (cx - 0.15) * s, y + (0.18 + high) * s, x + (cx + 0.15) * s,
                     y + (0.62 + high) * s, 0, 180, stroke=1, fill=0)  # fmt: skip


def _star(canvas, x, y, s):
    path = canvas.beginPath()
    for i in range(10):
        radius = 0.42 * s if i % 2 == 0 else 0.18 * s
        angle = pi / 2 + i * pi / 5
        px, py = x + 0.5 * s + radius * cos(angle), y + 0.5 * s + radius * sin(angle)
        path.moveTo(px, py) if i == 0 else path.lineTo(px, py)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)


_PICTURES = {
    "housework_care": _house,
    "decisions_money": _coins,
    "communication_respect": _bubbles,
    "non_violence": _heart,
    "partner_work_school": _book,
    "community": _people,
    "other": _star,
}
