"""Start-up: open the database, then show the main window.

Kept light on purpose: nothing here imports reportlab, pyqtgraph, openpyxl or Alembic, so the
window appears quickly on an old PC.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import APP_NAME, ORG_NAME, __version__
from .errors import UserError


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from .views.style import apply_style

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    apply_style(app)
    return app


def build_main_window(db, panel: str | None = None, size: tuple[int, int] | None = None):
    """The main window on an open database, on the chosen (or last used) panel."""
    from .views.context import AppContext
    from .views.main_window import MainWindow

    window = MainWindow(AppContext(db=db))
    if size is not None:
        window.resize(*size)
    window.show_panel(panel or window.last_panel())
    return window


def run_gui(
    db_target: str | None,
    *,
    panel: str | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] | None = None,
) -> int:
    """Open the main window. With `screenshot`, save a picture of it once painted and exit."""
    app = make_application()
    from PySide6.QtWidgets import QMessageBox

    from .services.database import open_for_use
    from .views.errors import install_exception_hook

    try:
        db = open_for_use(db_target)
    except UserError as exc:
        if screenshot is None:
            QMessageBox.critical(None, APP_NAME, str(exc))
        raise
    install_exception_hook()
    window = build_main_window(db, panel, size)
    window.show()
    if screenshot is not None:
        return _save_screenshot(app, window, screenshot)
    try:
        return app.exec()
    finally:
        db.close()


def _save_screenshot(app, window, path: Path) -> int:
    from PySide6.QtTest import QTest

    QTest.qWaitForWindowExposed(window, 5000)
    # Let queued work (status counts, lazy panels) finish and the window repaint.
    for _ in range(5):
        app.processEvents()
        QTest.qWait(50)
    image = window.grab()
    if not image.save(str(path)):
        raise UserError(f"The picture could not be saved to {path}.")
    window.close()
    window.context.db.close()
    return 0
