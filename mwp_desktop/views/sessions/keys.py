"""The register's keyboard: P L E A set a mark, Space cycles, Delete clears, Ctrl+Z undoes.

Shared by the register and the take-attendance list so both answer the same keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

LETTER_KEYS = {
    Qt.Key_P: "present",
    Qt.Key_L: "late",
    Qt.Key_E: "excused",
    Qt.Key_A: "absent",
}
CYCLE = (None, "present", "late", "excused", "absent")
LEGEND = (
    "<b>P</b> Present · <b>L</b> Late · <b>E</b> Excused · <b>A</b> Absent · "
    "<b>Space</b> next mark · <b>Delete</b> clear · <b>Ctrl+Z</b> undo · "
    "3m = make-up of session 3 · each mark is saved at once"
)


def next_in_cycle(status: str | None) -> str | None:
    return CYCLE[(CYCLE.index(status) + 1) % len(CYCLE)]


def mark_action(event: QKeyEvent) -> tuple[str, str | None] | None:
    """What a key press asks of a mark: ("set", status), ("cycle", None), ("clear", None),
    ("undo", None), or None for keys that are not about marks (arrows, Tab …)."""
    if event.matches(QKeySequence.Undo):
        return ("undo", None)
    modifiers = event.modifiers() & ~Qt.KeypadModifier
    if modifiers not in (Qt.NoModifier, Qt.ShiftModifier):
        return None
    key = event.key()
    if key in LETTER_KEYS:
        return ("set", LETTER_KEYS[key])
    if key == Qt.Key_Space:
        return ("cycle", None)
    if key in (Qt.Key_Delete, Qt.Key_Backspace):
        return ("clear", None)
    return None
