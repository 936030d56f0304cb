"""Sending a PDF's pages to a printer, on a worker thread.

The documents are PDFs, but a Windows printer driver takes only what a painter draws on it, so
each page is rendered by QtPdf at the printer's resolution (up to MAX_RENDER_DPI) and drawn as
one picture. Two things keep the job small enough for an office printer and its spooler:

- the page is flattened onto white first: QtPdf renders onto a transparent page, and a
  transparent picture goes to the printer with a second, soft-mask picture beside it (which
  also makes drivers rasterise slowly);
- a black-and-white document (everything but the certificate) is sent as 8-bit grey, a third
  of the bytes of colour, and mostly white, which the spooler's compression shrinks well.

On CUPS (Linux) Qt writes the job as a PDF of those pictures, Flate-compressed. On Windows Qt's
GDI engine hands each picture to the driver (StretchDIBits) in the EMF spool file; the driver
then encodes it in its own language (PCL or PostScript), compressed, for the printer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from ...errors import UserError
from ...printing.progress import Progress
from ..shared.operations import Cancelled

# A page is rendered at the printer's resolution up to this: 300 dpi is sharp on paper, while
# 1200 dpi would need ~500 MB of memory per A4 page on a 4 GB office PC.
MAX_RENDER_DPI = 300


class PrinterFailed(UserError):
    """The printer or its spooler refused the job; nothing was printed."""


def send_pages(pdf: Path, printer, pages: Sequence[int], *, grey: bool,
               progress: Progress) -> list[int]:  # fmt: skip
    """Draw `pages` (0-based) of `pdf` on `printer` as one job; returns the pages the spooler
    accepted. Cancel (progress answering False) aborts the job, so nothing is printed."""
    document = QPdfDocument()  # this thread's own: a QObject belongs to the thread that made it
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise UserError("The document could not be read for printing; make it again.")
    if grey:  # tells the driver too: no colour pass, and Qt sends one channel, not three
        printer.setColorMode(printer.ColorMode.GrayScale)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterFailed(
            "The printer could not be started. Check that it is switched on and chosen in "
            "the print dialog, or use Save as PDF."
        )
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for done, page in enumerate(pages):
            if not progress(done, len(pages)):
                printer.abort()
                raise Cancelled()
            if done:
                printer.newPage()
            _draw_page(painter, document, page, dpi, grey)
        progress(len(pages), len(pages))
    finally:
        ended = painter.end()
    if not ended or printer.printerState() == printer.PrinterState.Error:
        raise PrinterFailed("The printer refused the job, so nothing was printed. Try again.")
    return list(pages)


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, dpi: int, grey: bool):
    points = document.pagePointSize(page)
    pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = flattened(document.render(page, pixels), grey)
    area = painter.viewport()
    size = image.size().scaled(area.size(), Qt.KeepAspectRatio)
    painter.setViewport(area.x(), area.y(), size.width(), size.height())
    painter.setWindow(image.rect())
    painter.drawImage(0, 0, image)
    painter.setViewport(area)


def flattened(image: QImage, grey: bool) -> QImage:
    """`image` on a white page, without transparency: 8-bit grey, or RGB for colour."""
    white = QImage(image.size(), QImage.Format_RGB32)
    white.fill(Qt.white)
    painter = QPainter(white)
    painter.drawImage(0, 0, image)
    painter.end()
    return white.convertToFormat(QImage.Format_Grayscale8) if grey else white
