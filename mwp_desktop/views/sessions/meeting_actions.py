"""Changing one meeting: move, postpone and shift, cancel with a reason, plan a make-up.

Each asks what it needs in a small dialog, saves through operations (which announces that the
schedule changed: the register, the agenda and the status bar follow it), and says what happened.
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

from ...services.sessions import scheduling
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
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


def _change(
    parent: QWidget | None, context: AppContext, title: str, service, *args, **options
) -> operations.Outcome:
    """`service(session, actor, *args)` saved as the signed-in user; the schedule changed."""
    return operations.change(
        parent, context, lambda session, actor: service(session, actor, *args, **options),
        changes=Changed.MEETINGS, title=title,
    )  # fmt: skip


def _meeting(context: AppContext, meeting_id: int) -> scheduling.ScheduledMeeting:
    return operations.read(context, lambda s: scheduling.meeting_info(s, meeting_id))


def move(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    info = _meeting(context, meeting_id)
    day = ask_date(
        parent, "Move meeting", f"Move session {info.number} ({info.title}) to:", info.planned_date
    )
    if day is None:
        return False
    # The version read when the dialog opened: a move saved on another PC meanwhile is said,
    # not undone.
    return bool(
        _change(parent, context, "Move meeting", scheduling.move_meeting, meeting_id, day,
                version=info.version)
    )  # fmt: skip


def postpone(parent: QWidget | None, context: AppContext, meeting_id: int) -> bool:
    info = _meeting(context, meeting_id)
    answer = QMessageBox.question(
        parent,
        "Postpone",
        f"Postpone session {info.number} by a week, and every later meeting with it?",
    )
    if answer != QMessageBox.Yes:
        return False
    done = _change(parent, context, "Postpone", scheduling.postpone_and_shift, meeting_id)
    if done:
        moves = done.value
        QMessageBox.information(
            parent,
            "Postpone",
            f"Session {info.number} is now on {moves[0][2]:%d/%m/%Y}; "
            f"{len(moves) - 1} later meetings moved a week or more.",
        )
    return bool(done)


def cancel(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    info = _meeting(context, meeting_id)
    reason, ok = QInputDialog.getText(
        parent, "Cancel meeting", f"Why is session {info.number} on {info.date:%d/%m/%Y} cancelled?"
    )
    if not ok:
        return False
    return bool(
        _change(
            parent,
            context,
            "Cancel meeting",
            scheduling.cancel_meeting,
            meeting_id,
            reason,
            version=info.version,
        )  # fmt: skip
    )


def makeup(parent: QWidget, context: AppContext, meeting_id: int) -> bool:
    info = _meeting(context, meeting_id)
    day = ask_date(
        parent,
        "Make-up meeting",
        f"Plan a make-up meeting for session {info.number} ({info.title}) on:",
        max(info.date + timedelta(days=2), date.today()),
    )
    if day is None:
        return False
    return bool(_change(parent, context, "Make-up meeting", scheduling.add_makeup, meeting_id, day))
