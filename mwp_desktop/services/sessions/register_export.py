"""A group's register and schedule as spreadsheets (`mwp-desktop export attendance|schedule`)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ..actor import Actor
from ..permissions import require
from ..tables import Share, write_table
from .attendance import STATUS_LETTERS, Register, load_register
from .scheduling import group_schedule

SCHEDULE_HEADERS = ("Session", "Title", "Make-up", "Planned date", "Held date", "Status", "Note")


def register_table(register: Register) -> tuple[list[str], list[tuple]]:
    """The register as the paper shows it: P/L/E/A or blank per meeting, then the totals."""
    headers = ["Code", "Name"]
    headers += [
        f"S{c.meeting.number} make-up" if c.meeting.is_makeup else f"S{c.meeting.number}"
        for c in register.columns
    ]
    headers += ["Attended", "Rate", "Completed"]
    rows = []
    for row in register.rows:
        total = register.row_total(row)
        letters = [
            STATUS_LETTERS.get(register.mark(row.participant_id, c.meeting_id), "")
            for c in register.columns
        ]
        rate = Share(total.attended / total.held) if total.held else None
        completed = "yes" if row.enrollment_status == "completed" else "no"
        rows.append((row.code, row.name, *letters, total.attended, rate, completed))
    return headers, rows


def export_attendance(session: Session, actor: Actor, group_id: int, path: Path) -> int:
    require(actor, "export")
    headers, rows = register_table(load_register(session, actor, group_id))
    return write_table(path, headers, rows, sheet="Register")


def schedule_rows(session: Session, actor: Actor, group_id: int) -> list[tuple]:
    rows = []
    for m in group_schedule(session, actor, group_id):
        note = m.cancel_reason if m.status == "cancelled" else m.notes
        rows.append(
            (
                m.number,
                m.title,
                "yes" if m.is_makeup else "",
                m.planned_date,
                m.held_date,
                m.status,
                note,
            )
        )
    return rows


def export_schedule(session: Session, actor: Actor, group_id: int, path: Path) -> int:
    require(actor, "export")
    rows = schedule_rows(session, actor, group_id)
    return write_table(path, SCHEDULE_HEADERS, rows, sheet="Schedule")
