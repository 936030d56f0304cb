"""Changing one meeting: move, postpone and shift, cancel with a reason, plan a make-up.

Each asks what it needs in a small dialog, calls the service, and says what happened.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.sessions import scheduling
from ..shared.context import AppContext
from .schedule_dialog import date_edit


def ask_date(parent: QWidget, title: str, text: str, initial: date) -> date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    label = QLabel(text)
    label.setWordWrap(True)
    edit = date_edit(initial)
    form = QFormLayout()
    form.addRow("Date:", edit)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addLayout(form)
    layout.addWidget(buttons)
    edit.setFocus()
    return edit.date().toPython() if dialog.exec() == QDialog.Accepted else None


def _run(parent: QWidget, context: AppContext, title: str, work) -> object | None:
    try:
        with context.db.session() as session:
            return work(session)
    except UserError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def move(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    with context.db.session() as session:
        info = scheduling.meeting_info(session, meeting_id)
    day = ask_date(
        parent, "Move meeting", f"Move session {info.number} ({info.title}) to:", info.planned_date
    )
    if day is None:
        return False
    done = _run(
        parent,
        context,
        "Move meeting",
        lambda s: scheduling.move_meeting(s, context.actor, meeting_id, day) or True,
    )
    return bool(done)


def postpone(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    with context.db.session() as session:
        info = scheduling.meeting_info(session, meeting_id)
    answer = QMessageBox.question(
        parent,
        "Postpone",
        f"Postpone session {info.number} by a week, and every later meeting with it?",
    )
    if answer != QMessageBox.Yes:
        return False
    moves = _run(
        parent,
        context,
        "Postpone",
        lambda s: scheduling.postpone_and_shift(s, context.actor, meeting_id),
    )
    if moves:
        QMessageBox.information(
            parent,
            "Postpone",
            f"Session {info.number} is now on {moves[0][2]:%d/%m/%Y}; "
            f"{len(moves) - 1} later meetings moved a week or more.",
        )
    return bool(moves)


def cancel(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    with context.db.session() as session:
        info = scheduling.meeting_info(session, meeting_id)
    reason, ok = QInputDialog.getText(
        parent, "Cancel meeting", f"Why is session {info.number} on {info.date:%d/%m/%Y} cancelled?"
    )
    if not ok:
        return False
    done = _run(
        parent,
        context,
        "Cancel meeting",
        lambda s: scheduling.cancel_meeting(s, context.actor, meeting_id, reason) or True,
    )
    return bool(done)


def makeup(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    with context.db.session() as session:
        info = scheduling.meeting_info(session, meeting_id)
    day = ask_date(
        parent,
        "Make-up meeting",
        f"Plan a make-up meeting for session {info.number} ({info.title}) on:",
        max(info.date + timedelta(days=2), date.today()),
    )
    if day is None:
        return False
    made = _run(
        parent,
        context,
        "Make-up meeting",
        lambda s: scheduling.add_makeup(s, context.actor, meeting_id, day),
    )
    return made is not None
