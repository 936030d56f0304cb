"""The completion certificate: A4 landscape, one a page, the man's name at the centre.

Built for speed in bulk: everything that is the same on every page of a batch (the paper and
border, the logo, the headings, the signatories' lines, names and titles) is drawn once into a
PDF form and placed on each page; a page draws only what is the man's own. The QR code's
modules are drawn as one filled path rather than a shape per square (printing/qr.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import UserError
from .data import Branding, CertificateData, Signatory
from .fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC, text_width
from .page import (
    GOLD,
    GREEN,
    INK,
    MUTED,
    TEAL,
    display_date,
    draw_logo,
    finish,
    fit_line,
    has_logo,
    logo_size,
    pdf_colour,
    pdf_document,
    wrap_text,
)
from .progress import Progress, keep_going
from .qr import draw_qr

FIXED_FORM = "mwpCertificateFixed"
PAPER_TINT = "#fffdf7"


def write_certificates(
    path: Path | str,
    branding: Branding,
    certificates: Sequence[CertificateData],
    progress: Progress | None = None,
) -> Path:
    """One certificate a page. `progress(done, total)` returning False cancels (no file)."""
    if not certificates:
        raise UserError("There are no certificates to print.")
    fonts = (SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC)
    title = "Certificates of Completion"
    with pdf_document(path, branding, title, landscape=True, fonts=fonts) as canvas:
        width, height = canvas._pagesize
        _fixed_form(canvas, branding, width, height)
        total = len(certificates)
        for index, certificate in enumerate(certificates):
            if index % 10 == 0:
                keep_going(progress, index, total)
            draw_certificate(canvas, branding, certificate, width, height)
            canvas.showPage()
        keep_going(progress, total, total)
        return finish(canvas)


def _fixed_form(canvas, branding: Branding, width: float, height: float) -> None:
    """What every certificate of the batch shows alike, as one form placed on each page."""
    canvas.beginForm(FIXED_FORM)
    _frame(canvas, width, height, cream=branding.certificate_cream)
    _headings(canvas, branding, width, height)
    _signatories(canvas, branding, width)
    canvas.endForm()


def _frame(canvas, width: float, height: float, cream: bool) -> None:
    """The paper (cream, or white: a print shop charges for a full-page fill), a double border
    with corner ornaments."""
    if cream:
        canvas.setFillColor(pdf_colour(PAPER_TINT))
        canvas.rect(14, 14, width - 28, height - 28, stroke=0, fill=1)
    canvas.setStrokeColor(pdf_colour(TEAL))
    canvas.setLineWidth(4)
    canvas.rect(18, 18, width - 36, height - 36)
    canvas.setStrokeColor(pdf_colour(GOLD))
    canvas.setLineWidth(1.2)
    canvas.rect(27, 27, width - 54, height - 54)
    canvas.setLineWidth(0.5)
    canvas.rect(31, 31, width - 62, height - 62)
    canvas.setFillColor(pdf_colour(GOLD))
    for cx, cy in ((31, 31), (width - 31, 31), (31, height - 31), (width - 31, height - 31)):
        path = canvas.beginPath()
        path.moveTo(cx, cy - 9)
        path.lineTo(cx + 9, cy)
        path.lineTo(cx, cy + 9)
        path.lineTo(cx - 9, cy)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    # A thin band of the program's colours under the top border.
    for colour, left in ((GREEN, -90), (GOLD, -30), (TEAL, 30)):
        canvas.setFillColor(pdf_colour(colour))
        canvas.rect(width / 2 + left, height - 40, 60, 3, stroke=0, fill=1)


def _headings_bottom(canvas, height: float) -> float:
    """The baseline of "This is to certify that": lower when a logo sits above the headings."""
    return height - 192 - (36 if has_logo(canvas) else 0)


def _headings(canvas, branding: Branding, width: float, height: float) -> None:
    """The logo, the organisation, the title and "This is to certify that"."""
    cx = width / 2
    y = height - 92
    if has_logo(canvas):
        logo_width, _ = logo_size(canvas, 120, 56)  # a wide logo may be wider than tall
        draw_logo(canvas, cx - logo_width / 2, height - 112, 120, 56)
        y -= 36
    canvas.setFillColor(pdf_colour(TEAL))
    _spaced(canvas, branding.organisation_name.upper(), cx, y, width - 160, SANS_BOLD, 12)
    y -= 52
    fit_line(canvas, "Certificate of Completion", cx, y, width - 160, SERIF_BOLD, 36, "center")
    canvas.setStrokeColor(pdf_colour(GOLD))
    canvas.setLineWidth(1)
    canvas.line(cx - 70, y - 14, cx + 70, y - 14)
    y -= 48
    canvas.setFillColor(pdf_colour(MUTED))
    fit_line(canvas, "This is to certify that", cx, y, width - 160, SERIF_ITALIC, 13, "center")


def draw_certificate(canvas, branding: Branding, data: CertificateData, width: float,
                     height: float) -> None:  # fmt: skip
    cx = width / 2
    canvas.doForm(FIXED_FORM)

    # Fixed steps down the page, so every certificate of a batch looks the same.
    y = _headings_bottom(canvas, height) - 60
    name_bottom = _draw_name(canvas, data.participant_name, cx, y, width - 190)
    canvas.setStrokeColor(pdf_colour(GOLD))
    canvas.setLineWidth(0.8)
    canvas.line(cx - 230, name_bottom - 14, cx + 230, name_bottom - 14)

    y = name_bottom - 44
    canvas.setFillColor(pdf_colour(INK))
    fit_line(
        canvas,
        f"has completed the {data.sessions_total}-session program",
        cx, y, width - 160, SERIF, 13, "center",
    )  # fmt: skip
    y -= 24
    canvas.setFillColor(pdf_colour(GREEN))
    fit_line(canvas, branding.program_name, cx, y, width - 160, SERIF_BOLD, 19, "center")
    y -= 32
    canvas.setFillColor(pdf_colour(INK))
    place = f"as a member of {data.group_name} ({data.group_code})"
    if data.community:
        place += f", {data.community}"
    lines, size = wrap_text(place, SANS, 10.5, width - 180, max_lines=2, min_size=10)
    for line in lines:  # a long group name wraps; the lines below move down
        canvas.setFont(SANS, size)
        canvas.drawCentredString(cx, y, line)
        y -= 17
    when = ""
    if data.first_session and data.last_session:
        when = f"from {display_date(data.first_session)} to {display_date(data.last_session)}"
    if branding.certificate_attendance:  # off by default: the paper is framed for life
        attended = f"attending {data.sessions_attended} of {data.sessions_total} sessions"
        when = f"{when}, {attended}" if when else attended
    if when:
        fit_line(canvas, when[0].upper() + when[1:], cx, y, width - 180, SANS, 10.5, "center")

    _facilitator(canvas, data.facilitator, width)
    _verification(canvas, data, cx)


def _draw_name(canvas, name: str, cx: float, baseline: float, room: float) -> float:
    """The name as large as fits on one line (40 pt down to 24), else on two lines.
    Returns the lowest baseline used."""
    canvas.setFillColor(INK)
    size = 40.0
    natural = text_width(name, SERIF_BOLD, size)
    if natural <= room or size * room / natural >= 24:
        fit_line(canvas, name, cx, baseline, room, SERIF_BOLD, size, "center")
        return baseline
    from reportlab.lib.utils import simpleSplit

    size = 26.0
    lines = simpleSplit(name, SERIF_BOLD, size, room)
    while len(lines) > 2 and size > 14:
        size -= 1
        lines = simpleSplit(name, SERIF_BOLD, size, room)
    top = baseline + size * 0.45
    for i, line in enumerate(lines[:2]):
        fit_line(canvas, line, cx, top - i * size * 1.15, room, SERIF_BOLD, size, "center")
    return top - (min(len(lines), 2) - 1) * size * 1.15


def _spaced(canvas, text: str, cx: float, y: float, room: float, font: str, size: float):
    """Letter-spaced capitals for the organisation's name, shrunk if the name is long."""
    spacing = 2.2
    natural = text_width(text, font, size) + spacing * max(len(text) - 1, 0)
    if natural > room:
        factor = room / natural
        size, spacing = size * factor, spacing * factor
        natural = room
    text_object = canvas.beginText(cx - natural / 2, y)
    text_object.setFont(font, size)
    text_object.setCharSpace(spacing)
    text_object.textOut(text)
    text_object.setCharSpace(0)  # text state outlives the text object in PDF: reset it
    canvas.drawText(text_object)


SIGNATURE_LINE_Y = 150


def _signatories(canvas, branding: Branding, width: float) -> None:
    """Three lines to sign: the first signatory, the group's facilitator (named on each page),
    the second; the name in bold, the title in ink at a size read from across a room."""
    first, second = (*branding.signatories, Signatory("", ""), Signatory("", ""))[:2]
    for centre in (width * 0.2, width * 0.5, width * 0.8):
        canvas.setStrokeColor(pdf_colour(INK))
        canvas.setLineWidth(0.7)
        canvas.line(centre - 95, SIGNATURE_LINE_Y, centre + 95, SIGNATURE_LINE_Y)
    for signatory, centre in ((first, width * 0.2), (second, width * 0.8)):
        _signatory(canvas, signatory, centre)


def _facilitator(canvas, name: str, width: float) -> None:
    _signatory(canvas, Signatory(name, "Facilitator"), width * 0.5)


def _signatory(canvas, signatory: Signatory, centre: float) -> None:
    y = SIGNATURE_LINE_Y - 15
    canvas.setFillColor(pdf_colour(INK))
    if signatory.name:
        fit_line(canvas, signatory.name, centre, y, 190, SANS_BOLD, 10.5, "center")
        y -= 13
    fit_line(canvas, signatory.title, centre, y, 190, SANS, 10, "center")


def _verification(canvas, data: CertificateData, cx: float) -> None:
    size = 58
    draw_qr(canvas, data.qr_payload, cx - size / 2, 50, size)
    canvas.setFillColor(pdf_colour(INK))
    fit_line(
        canvas,
        f"Serial {data.serial} · verification code {data.verification_code} · "
        f"issued {display_date(data.issued_on)}",
        cx, 39, 380, SANS, 8, "center",
    )  # fmt: skip
