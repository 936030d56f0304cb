"""The certificates baseline: bare reportlab drawing the same text, lines and QR codes on as many
pages, the plain way — canvas calls drawn afresh on every page and reportlab's QR widget
rendered as a drawing. No forms, no fitting of names, no temporary file: what a developer would
write first. The program's own certificates must stay within 1.5× of this.

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


def draw_bare(path: Path, certificates, organisation: str = "LADY ELLEN WOMEN'S AID FOUNDATION",
              program: str = "Men and Women in Partnership") -> None:  # fmt: skip
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    width, height = landscape(A4)
    cx = width / 2
    canvas = Canvas(str(path), pagesize=(width, height), pageCompression=1)
    for c in certificates:
        # Paper tint, double border, corner diamonds and the colour band.
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

        # The QR code: reportlab's widget in a drawing, and the serial under it.
        widget = QrCodeWidget(c.qr_payload, barLevel="M")
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(66, 66, transform=[66 / (x1 - x0), 0, 0, 66 / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, cx - 33, 74)
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
