"""Every certificate's QR code scans back to what it carries.

The certificates draw their QR codes with one fixed mask pattern rather than the one that scores
best for each code (issue 19: choosing took three quarters of a certificate's time). The
standard allows any of the eight; this checks, for many codes of the shape the program prints,
that a reader really gets each back.
"""

from __future__ import annotations

import random

from mwp_desktop.printing.qr import QR_MASK, draw_qr, qr_modules

QR_PREFIX = "MWP-CERT"  # as services/documents/certificates.py writes it


def payloads(count: int) -> list[str]:
    """Serials of several years and verification codes as the program makes them."""
    chance = random.Random(19)
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    codes = []
    for number in range(1, count + 1):
        serial = f"MWP-{chance.choice((2025, 2026, 2031))}-{number * 977 % 100_000:05d}"
        code = "".join(chance.choice(alphabet) for _ in range(10))
        codes.append(f"{QR_PREFIX}/{serial}/{code[:5]}-{code[5:]}")
    return codes


def test_each_qr_code_drawn_with_the_fixed_mask_scans_back(tmp_path, qapp):
    import zxingcpp
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument
    from reportlab.pdfgen.canvas import Canvas

    texts = payloads(60)
    path = tmp_path / "codes.pdf"
    canvas = Canvas(str(path), pagesize=(100, 100))
    for text in texts:
        draw_qr(canvas, text, 17, 17, 66)  # the size a certificate prints it at
        canvas.showPage()
    canvas.save()

    document = QPdfDocument()
    document.load(str(path))
    scanned = []
    for page in range(document.pageCount()):
        # About what a phone sees of a printed code: a few pixels a module.
        image = document.render(page, QSize(300, 300)).convertToFormat(QImage.Format_RGB888)
        picture = Image.frombytes(
            "RGB", (image.width(), image.height()), bytes(image.constBits()), "raw", "RGB",
            image.bytesPerLine(),
        )  # fmt: skip
        scanned.append([barcode.text for barcode in zxingcpp.read_barcodes(picture)])
    assert scanned == [[text] for text in texts]


def test_the_squares_are_those_reportlab_draws_with_the_same_mask():
    """The fast encoder lays out exactly what reportlab's own encoder does (level M, the fixed
    mask), for the program's codes and for texts of every mode and of sizes up to version 20."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    chance = random.Random(17)
    texts = [*payloads(40), "", "7", "0123456789" * 30, "HELLO WORLD $%*+-./:", "Fatmata Kargbo"]
    texts += ["".join(chance.choice("aZ09 -/é") for _ in range(chance.randint(1, 600)))
              for _ in range(40)]  # fmt: skip
    for text in texts:
        reportlab = QRCode(None, QRErrorCorrectLevel.M)
        reportlab.addData(text)
        reportlab.version = reportlab.calculate_version()
        reportlab.makeImpl(False, QR_MASK)
        assert qr_modules(text) == reportlab.modules, text
