"""The database opened on a worker thread while the sign-in dialog waits for the person.

Importing the database layer (SQLAlchemy and the mapped classes) and opening the file take
longer than drawing the window; done in order, they stood between the program's start and a
dialog anyone could type into. The person's typing gives the time back: the dialog is shown
first, and the opening runs while they type. Nothing on the UI thread may import the database
layer meanwhile — it would wait on the import lock — so the dialog's reads wait for `finished`.

The opening starts once the dialog has painted (LoginDialog starts it), not with the dialog:
the import holds Python's lock for most of its 0.3 s, and every event of the dialog's Python
widgets waits for that lock, up to 5 ms a time, which put ~15 ms between the dialog and the
person's first key.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal


class DatabaseOpening(QObject):
    """`open_for_use(target)` on a worker thread from `start()`; `finished` is emitted on the UI
    thread when it ends."""

    finished = Signal()

    def __init__(self, target: str | None, parent: QObject | None = None):
        super().__init__(parent)
        self.target = target
        self._db = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._open, name="open-database", daemon=True)

    def start(self) -> None:
        """Start opening; once only, however often it is asked."""
        if self._thread.ident is None:
            self._thread.start()

    def _open(self) -> None:
        try:
            from ..services.admin.database import open_for_use

            self._db = open_for_use(self.target)
        except BaseException as exc:  # handed to the UI thread, which says it or raises it
            self._error = exc
        finally:
            self._done.set()
            self.finished.emit()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def failed(self) -> BaseException | None:
        return self._error

    def result(self):
        """The open database, waiting for it if need be (starting it if no one has); the
        opening's error is raised here."""
        self.start()
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._db
