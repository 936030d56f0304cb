"""Run in a child process: open the preview of one sign-in sheet the way the Printing panel does
(the sheet made on a worker thread, then the QtPdf preview dialog shown) and time it until the
PDF view has painted. Prints one time in seconds per run, as JSON.

    preview_probe.py DATABASE MEETING_ID RUNS
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    database, meeting_id, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from mwp_desktop.app import make_application
    from mwp_desktop.printing.fonts import warm_up
    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.admin.database import open_existing
    from mwp_desktop.views.first_paint import show_and_wait_for_first_paint
    from mwp_desktop.views.printing.actions import preview_sign_in_sheet
    from mwp_desktop.views.shared.context import AppContext

    app = make_application(sys.argv[:1])
    context = AppContext(db=open_existing(database), actor=SYSTEM)
    warm_up()  # as the Printing panel does on a thread when it opens

    times = []
    for _ in range(runs + 1):  # the first opens QtPdf's library: reported apart
        start = time.perf_counter()
        dialog = preview_sign_in_sheet(None, context, meeting_id)
        if dialog is None:
            raise SystemExit("the preview did not open")
        show_and_wait_for_first_paint(dialog, dialog.view.viewport())
        times.append(time.perf_counter() - start)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    print(json.dumps(times))


if __name__ == "__main__":
    main()
