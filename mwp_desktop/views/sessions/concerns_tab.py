"""The Safeguarding tab: concerns sessions brought out, who they were referred to, and which
follow-ups are due. Supervisors and administrators see every concern, office staff the ones they
recorded, and facilitators do not get the tab at all (services/sessions/concerns.py refuses them
anyway).

Every reading is audited, so the list is read when the tab is first shown (not when the panel is
built) and again after a change to concerns or the directory. Ctrl+N records a concern; Enter
opens the chosen one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...services.sessions.concerns import list_concerns, open_concern
from ..shared import operations
from ..shared.forms import date_text
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.table_model import FIT, STRETCH, Column, RowTableModel
from .concern_dialog import ConcernDialog
from .tables import current_row_object, sorted_table

if TYPE_CHECKING:
    from .panel import SessionsPanel

TITLE = "Safeguarding"
OVERDUE = QColor("#f9dedc")
BACKGROUND = int(Qt.BackgroundRole)


class ConcernsModel(RowTableModel):
    columns = (
        Column("Noted", lambda r: date_text(r.noted_on), lambda r: r.noted_on, width=FIT),
        Column("Group", lambda r: r.group_code, width=FIT),
        Column("Community", lambda r: r.community, width=FIT),
        Column("Kind", lambda r: r.kind_title, width=FIT),
        Column("Referred to", lambda r: r.referred_to, width=FIT,
               tip=lambda r: r.referred_phone),
        Column("Follow up by", lambda r: date_text(r.follow_up_on),
               lambda r: (r.follow_up_on is None, r.follow_up_on), width=FIT),
        Column("Status", lambda r: r.status_title, width=FIT),
        Column("Note", lambda r: r.note, width=STRETCH, tip=lambda r: r.note),
        Column("Recorded by", lambda r: r.recorded_by, width=FIT),
    )  # fmt: skip

    def role_data(self, row, column: int, role: int):
        if role == BACKGROUND and row.overdue:  # the follow-up's day has passed
            return QBrush(OVERDUE)
        return None


class ConcernsTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.context = panel.context
        self.read_once = False
        self.awaiting = QCheckBox("Only those awaiting follow-up", checked=True)
        self.summary = QLabel("")
        top = QHBoxLayout()
        top.addWidget(self.awaiting)
        top.addStretch(1)
        top.addWidget(self.summary)
        self.model = ConcernsModel(self)
        self.table, self.proxy = sorted_table(self.model)
        self.table.setObjectName("ConcernsTable")
        new_button = QPushButton("&Record a concern… (Ctrl+N)")
        new_button.clicked.connect(self.record_new)
        open_button = QPushButton("&Open… (Enter)")
        open_button.clicked.connect(self.open_current)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(new_button)
        actions.addWidget(open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.table.activated.connect(lambda _index: self.open_current())
        self.awaiting.toggled.connect(lambda _on: self.refresh())
        follow_changes(self, Changed.CONCERNS, self.refresh)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.read_once:
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        # Ctrl+N reaches the tab from its table, which passes on what it does not use (a
        # window-wide shortcut would clash with the other panels' Ctrl+N).
        if event.key() == Qt.Key_N and event.modifiers() == Qt.ControlModifier:
            event.accept()
            self.record_new()
            return
        super().keyPressEvent(event)

    def refresh(self) -> None:
        """Read the concerns again (an audited reading), keeping the chosen one chosen."""
        chosen = current_row_object(self.table)
        awaiting = self.awaiting.isChecked()
        done = operations.change(
            self, self.context,
            lambda session, actor: list_concerns(session, actor, awaiting_only=awaiting),
            changes=Changed.AUDIT, title=TITLE,
        )  # fmt: skip
        if not done:
            return
        self.read_once = True
        rows = done.value
        self.model.set_rows(rows)
        overdue = sum(row.overdue for row in rows)
        late = f"{overdue:,} follow-up{'' if overdue == 1 else 's'} overdue"
        self.summary.setText(
            f"{len(rows):,} concern{'' if len(rows) == 1 else 's'}"
            + (f" · <b style='color:#a12b1f'>{late}</b>" if overdue else "")
        )
        if chosen is not None and (line := self.model.row_of(chosen.id)) >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(line, 0)).row())

    def record_new(self) -> None:
        ConcernDialog(self.context, None, self).exec()

    def open_current(self) -> None:
        row = current_row_object(self.table)
        if row is None:
            return
        done = operations.change(
            self, self.context, lambda session, actor: open_concern(session, actor, row.id),
            changes=Changed.AUDIT, title=TITLE,
        )  # fmt: skip
        if done:
            ConcernDialog(self.context, done.value, self).exec()
