"""What an empty table says: on a new database a blank grid tells a new user nothing, so the
table says what to do first ("No groups yet — New group…"), or why nothing matches.

The words lie over the table's empty viewport and go as soon as a row appears. The panel gives
a function for them, asked each time the table becomes empty, because the right words depend on
the moment: nothing registered yet, nothing matching the search, or still reading (None: say
nothing yet).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyState(QLabel):
    def __init__(self, table: QAbstractItemView, words: Callable[[], str | None]):
        super().__init__(table.viewport(), objectName="EmptyState")
        self.table = table
        self.words = words
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.PlainText)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)  # clicks still reach the table
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):  # fmt: skip
            signal.connect(self.update_state)
        table.viewport().installEventFilter(self)
        self.update_state()

    def update_state(self) -> None:
        """Show the words when the table has no rows (and the panel has some to say)."""
        words = self.words() if self.table.model().rowCount() == 0 else None
        if not words:
            self.hide()
            return
        self.setText(words)
        self.setGeometry(self.parentWidget().rect().adjusted(24, 24, -24, -24))
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect().adjusted(24, 24, -24, -24))
        return False
