"""The certificates baseline: the same pages drawn as cheaply as reportlab allows — the tightest
honest script, not the first one a developer would write. What is the same on every page (the
tinted paper, the double border, the corner diamonds and the colour band) is drawn once as a
form and placed on each page; the text is plain canvas calls; the QR code comes from
reportlab's own encoder used the standard way (`make()`, which picks the best-scoring mask) and
is written as one PDF path of its dark runs. The program's certificates must take at most 0.6×
this (issue 19).

The same DejaVu faces are registered under their own names, so both sides embed the same fonts.
"""

from __future__ import annotations

from pathlib import Path

from mwp_desktop.resource_files import resource_path

FONTS = {
    "BareSans": "DejaVuSans.ttf",
    "BareSans-Bold": "DejaVuSans-Bold.ttf",
    "BareSerif": "DejaVuSerif.ttf",
    "BareSerif-Bold": "DejaVuSerif-Bold.ttf",
    "BareSerif-Italic": "DejaVuSerif-Italic.ttf",
}


def register_bare_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))


FRAME = "bareFrame"


def _frame(canvas, width: float, height: float) -> None:
    """Paper tint, double border, corner diamonds and the colour band, as one form."""
    cx = width / 2
    canvas.beginForm(FRAME)
    canvas.setFillColor("#fffdf7")
    canvas.rect(14, 14, width - 28, height - 28, stroke=0, fill=1)
    canvas.setStrokeColor("#1f4e5f")
    canvas.setLineWidth(4)
    canvas.rect(18, 18, width - 36, height - 36)
    canvas.setStrokeColor("#c9a227")
    canvas.setLineWidth(1.2)
    canvas.rect(27, 27, width - 54, height - 54)
    canvas.setLineWidth(0.5)
    canvas.rect(31, 31, width - 62, height - 62)
    canvas.setFillColor("#c9a227")
    for x, y in ((31, 31), (width - 31, 31), (31, height - 31), (width - 31, height - 31)):
        p = canvas.beginPath()
        p.moveTo(x, y - 9)
        p.lineTo(x + 9, y)
        p.lineTo(x, y + 9)
        p.lineTo(x - 9, y)
        p.close()
        canvas.drawPath(p, stroke=0, fill=1)
    for colour, left in (("#2a7f62", -90), ("#c9a227", -30), ("#1f4e5f", 30)):
        canvas.setFillColor(colour)
        canvas.rect(cx + left, height - 40, 60, 3, stroke=0, fill=1)
    canvas.endForm()


def _qr(canvas, payload: str, x: float, y: float, size: float) -> None:
    """reportlab's encoder, level M, as it encodes by default; the dark runs as one path."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    qr = QrCodeWidget(payload, barLevel="M").qr
    qr.make()
    count = qr.getModuleCount()
    box = size / (count + 4)
    runs = []
    for r, row in enumerate(qr.modules):
        start = None
        for c, dark in enumerate((*row, False)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                runs.append(f"{start} {count - 1 - r} {c - start} 1 re")
                start = None
    canvas.setFillColor("#ffffff")
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.saveState()
    canvas.translate(x + 2 * box, y + 2 * box)
    canvas.scale(box, box)
    canvas.setFillColor("#000000")
    canvas.addLiteral("\n".join(runs) + "\nf")
    canvas.restoreState()


def draw_bare(path: Path, certificates, organisation: str = "LADY ELLEN WOMEN'S AID FOUNDATION",
              program: str = "Men and Women in Partnership") -> None:  # fmt: skip
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    width, height = landscape(A4)
    cx = width / 2
    canvas = Canvas(str(path), pagesize=(width, height), pageCompression=1)
    _frame(canvas, width, height)
    for c in certificates:
        canvas.doForm(FRAME)

        # The text, line by line.
        canvas.setFillColor("#1f4e5f")
        text = canvas.beginText(cx - 220, height - 92)
        text.setFont("BareSans-Bold", 12)
        text.setCharSpace(2.2)
        text.textOut(organisation)
        text.setCharSpace(0)
        canvas.drawText(text)
        canvas.setFont("BareSerif-Bold", 36)
        canvas.drawCentredString(cx, height - 144, "Certificate of Completion")
        canvas.setStrokeColor("#c9a227")
        canvas.setLineWidth(1)
        canvas.line(cx - 70, height - 158, cx + 70, height - 158)
        canvas.setFillColor("#5c6b71")
        canvas.setFont("BareSerif-Italic", 13)
        canvas.drawCentredString(cx, height - 192, "This is to certify that")
        canvas.setFillColor("#1d2a2f")
        canvas.setFont("BareSerif-Bold", 40)
        canvas.drawCentredString(cx, height - 252, c.participant_name)
        canvas.setStrokeColor("#c9a227")
        canvas.setLineWidth(0.8)
        canvas.line(cx - 230, height - 266, cx + 230, height - 266)
        canvas.setFont("BareSerif", 13)
        canvas.drawCentredString(
            cx, height - 296, f"has completed the {c.sessions_total}-session program"
        )
        canvas.setFillColor("#2a7f62")
        canvas.setFont("BareSerif-Bold", 19)
        canvas.drawCentredString(cx, height - 320, program)
        canvas.setFillColor("#1d2a2f")
        canvas.setFont("BareSans", 10.5)
        canvas.drawCentredString(
            cx, height - 352, f"as a member of {c.group_name} ({c.group_code}), {c.community}"
        )
        canvas.drawCentredString(
            cx,
            height - 369,
            f"From {c.first_session:%d/%m/%Y} to {c.last_session:%d/%m/%Y}, attending "
            f"{c.sessions_attended} of {c.sessions_total} sessions",
        )

        # Two signature lines with names and titles.
        for centre, name, title in (
            (width * 0.2, "Signatory One", "Executive Director"),
            (width * 0.8, "Signatory Two", "Program Manager"),
        ):
            canvas.setStrokeColor("#1d2a2f")
            canvas.setLineWidth(0.7)
            canvas.line(centre - 100, 116, centre + 100, 116)
            canvas.setFillColor("#1d2a2f")
            canvas.setFont("BareSans-Bold", 10)
            canvas.drawCentredString(centre, 102, name)
            canvas.setFillColor("#5c6b71")
            canvas.setFont("BareSans", 9)
            canvas.drawCentredString(centre, 90, title)

        # The QR code and the serial under it.
        _qr(canvas, c.qr_payload, cx - 33, 74, 66)
        canvas.setFillColor("#1d2a2f")
        canvas.setFont("BareSans-Bold", 8.5)
        canvas.drawCentredString(cx, 62, f"Serial {c.serial}")
        canvas.setFillColor("#5c6b71")
        canvas.setFont("BareSans", 7.5)
        canvas.drawCentredString(
            cx, 51, f"Verification code {c.verification_code} · issued {c.issued_on:%d/%m/%Y}"
        )
        canvas.showPage()
    canvas.save()
