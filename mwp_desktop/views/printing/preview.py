"""The document preview: the PDF shown in the program (QtPdf), with Print…, Save as PDF… and
Open in PDF reader.

Printing sends each page at the printer's own resolution, so small print (codes, phone
numbers) stays sharp, from a worker thread with progress and Cancel (printer_job.py). With no printer installed the dialog says so and offers Save as PDF, for
the print shop down the road.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...paths import data_dir
from ..shared import operations
from .printer_job import send_pages

log = logging.getLogger(__name__)
PREVIEW_FOLDER = "print-previews"
KEEP_PREVIEWS_SECONDS = 24 * 3600


def preview_path(name: str) -> Path:
    """A fresh file for a preview, in the data folder (not the shared temp folder: the names on
    a sheet are private). Previews older than a day are removed as new ones are made."""
    folder = data_dir() / PREVIEW_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_PREVIEWS_SECONDS
    for old in folder.glob("*.pdf"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # open in a reader; next time
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)[:60]
    return folder / f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{time.monotonic_ns() % 10**6}.pdf"


def printers_installed() -> bool:
    from PySide6.QtPrintSupport import QPrinterInfo

    return bool(QPrinterInfo.availablePrinterNames())


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, title: str, suggested_name: str,
                 parent: QWidget | None = None, *, colour: bool = False):  # fmt: skip
        super().__init__(parent)
        self.path = Path(path)
        self.suggested_name = suggested_name
        self.colour = colour  # printed in colour (a certificate); else grey, a smaller job
        # Run once before the whole document first leaves the program (saved, opened
        # elsewhere): certificates are issued then, not by looking. False stops the output.
        self.before_output: Callable[[], bool] | None = None
        # Printing may send only some pages, and a printer may refuse: `before_printing` may
        # stop the job (False), `after_printing` is given the pages the spooler accepted.
        self.before_printing: Callable[[], bool] | None = None
        self.after_printing: Callable[[list[int]], object] | None = None
        self.notice = QLabel("", objectName="PreviewNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.setWindowTitle(f"{title} — preview")
        self.setObjectName("PdfPreviewDialog")
        self.resize(980, 760)

        self.document = QPdfDocument(self)
        error = self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)

        self.pages_label = QLabel(self._pages_text(error))
        self.print_button = QPushButton("&Print…")
        self.print_button.setDefault(True)
        self.save_button = QPushButton("&Save as PDF…")
        self.open_button = QPushButton("&Open in PDF reader")
        self.fit_button = QPushButton("Fit &width")
        self.fit_button.setCheckable(True)
        close_button = QPushButton("Close")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.choose_and_save)
        self.open_button.clicked.connect(self.open_external)
        self.fit_button.toggled.connect(self._fit_width)
        close_button.clicked.connect(self.reject)
        for text, keys, slot in (
            ("Print", QKeySequence.Print, self.print_document),
            ("Save", QKeySequence.Save, self.choose_and_save),
            ("Zoom in", QKeySequence.ZoomIn, lambda: self._zoom(1.25)),
            ("Zoom out", QKeySequence.ZoomOut, lambda: self._zoom(0.8)),
        ):
            action = QAction(text, self, shortcut=keys)
            action.triggered.connect(slot)
            self.addAction(action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label, 1)
        for button in (self.fit_button, self.open_button, self.save_button, self.print_button,
                       close_button):  # fmt: skip
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def set_notice(self, text: str) -> None:
        self.notice.setText(f"<b>{text}</b>")
        self.notice.setVisible(bool(text))

    def _release(self) -> bool:
        """Run `before_output` once; False when it refuses (the output is not made)."""
        if self.before_output is None:
            return True
        if not self.before_output():
            return False
        self.before_output = None
        return True

    def _pages_text(self, error) -> str:
        if error != QPdfDocument.Error.None_:
            return "The document could not be shown; save it and open it in a PDF reader."
        count = self.document.pageCount()
        return f"{count} page{'s' if count != 1 else ''} · {self.suggested_name}"

    def _fit_width(self, on: bool) -> None:
        mode = QPdfView.ZoomMode.FitToWidth if on else QPdfView.ZoomMode.FitInView
        self.view.setZoomMode(mode)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    # -- saving -----------------------------------------------------------------------------

    def choose_and_save(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
        target, _ = QFileDialog.getSaveFileName(
            self, "Save as PDF", str(Path(folder) / self.suggested_name), "PDF files (*.pdf)"
        )
        if not target:
            return None
        return self.save_to(Path(target))

    def save_to(self, target: Path) -> Path | None:
        """Copy the document to `target` (adding .pdf); says so, or says why not."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        if not self._release():
            return None
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            QMessageBox.warning(
                self, "Save as PDF",
                f"{target} could not be written: {exc.strerror or exc}.\n"
                "If it is open in a PDF reader, close it, or choose another name or a USB stick.",
            )  # fmt: skip
            return None
        self.pages_label.setText(f"Saved to {target}")
        return target

    def open_external(self) -> bool:
        if not self._release():
            return False
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        if not opened:
            QMessageBox.information(
                self, "Open in PDF reader",
                "No PDF reader is set up on this computer. Use Save as PDF… and open the file "
                "on another computer, or install a PDF reader.",
            )  # fmt: skip
        return opened

    # -- printing ---------------------------------------------------------------------------

    def print_document(self) -> None:
        if not printers_installed():
            answer = QMessageBox.question(
                self, "No printer",
                "No printer is installed on this computer.\n\nSave the document as a PDF "
                "instead? You can print it elsewhere, for example at a print shop from a USB "
                "stick.",
                QMessageBox.Save | QMessageBox.Cancel, QMessageBox.Save,
            )  # fmt: skip
            if answer == QMessageBox.Save:
                self.choose_and_save()
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.suggested_name)
        first_size = self.document.pagePointSize(0)
        if first_size.width() > first_size.height():
            from PySide6.QtGui import QPageLayout

            printer.setPageOrientation(QPageLayout.Landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> operations.Task | None:
        """Send the chosen pages to `printer` off the window's thread, with progress and Cancel;
        `after_printing` then runs with the pages the spooler accepted. Returns the task."""
        from PySide6.QtPrintSupport import QPrinter

        count = self.document.pageCount()
        first, last = 1, count
        if printer.printRange() == QPrinter.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage() or count, count)
        pages = list(range(first - 1, last))
        if self.before_printing is not None and not self.before_printing():
            return None
        grey = not self.colour or printer.colorMode() == QPrinter.GrayScale
        self.print_button.setEnabled(False)

        def done(sent: list[int]) -> None:
            self.print_button.setEnabled(True)
            self.pages_label.setText(
                f"Sent {len(sent)} page{'s' if len(sent) != 1 else ''} to the printer"
            )
            if self.after_printing is not None:
                self.after_printing(sent)

        def stopped(error: BaseException | None = None) -> None:
            self.print_button.setEnabled(True)
            self.pages_label.setText("Not printed: the job was cancelled or refused.")
            if error is not None:
                operations.warn(self, "Print", error)

        return operations.run_in_background(
            self, lambda progress: send_pages(self.path, printer, pages, grey=grey,
                                              progress=progress),
            done, title="Print", progress_label="Sending the pages to the printer…",
            on_error=stopped, on_cancelled=stopped,
        )  # fmt: skip
