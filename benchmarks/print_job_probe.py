"""Run in a child process: send 100 sign-in sheet pages to a printer the way Print… in the
preview does (pages rendered at 300 dpi on a worker thread, flattened onto white, grey) and
measure the job. The printer is Qt's PDF output, which is also what Qt hands a CUPS queue, so
its size is the spooled job's. Prints {"seconds": …, "bytes_per_page": …} as JSON.

    print_job_probe.py DATABASE MEETING_ID SCRATCH_FOLDER
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PAGES = 100


def main() -> None:
    database, meeting_id, scratch = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    from PySide6.QtPrintSupport import QPrinter

    from mwp_desktop.app import make_application
    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.admin.database import open_existing
    from mwp_desktop.services.documents.print_jobs import make_sign_in_sheets
    from mwp_desktop.views.printing.preview import PdfPreviewDialog

    app = make_application(sys.argv[:1])
    db = open_existing(database)
    source = scratch / "sheets.pdf"
    make_sign_in_sheets(db, SYSTEM, [meeting_id] * PAGES, source)  # one page each
    dialog = PdfPreviewDialog(source, "Sign-in sheets", "sheets.pdf")
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setResolution(300)
    job = scratch / "job.pdf"
    printer.setOutputFileName(str(job))
    start = time.perf_counter()
    task = dialog.print_to(printer)
    while not task.finished:
        app.processEvents()
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    pages = dialog.document.pageCount()
    print(json.dumps({"seconds": seconds, "bytes_per_page": job.stat().st_size / pages,
                      "pages": pages}))  # fmt: skip


if __name__ == "__main__":
    main()
