"""A group chosen by typing in an editable group box ("WU-001 — Kissy Brook men").

Office staff type the code from the paper sign-in sheet and press Enter; a combo box only takes
Enter for its whole label, so the code alone chose nothing. Here the code, in any case, names
its group; else the one label that holds the text."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

CODE_SEPARATOR = " — "  # services/sessions/agenda.py GroupChoice.label


def typed_group(combo: QComboBox) -> int | None:
    """The id of the group the box's text names, or None when it names none (or several)."""
    text = combo.currentText().strip().casefold()
    if not text:
        return None
    labels = [(combo.itemText(i).casefold(), combo.itemData(i)) for i in range(combo.count())]
    for label, group_id in labels:
        if text in (label, label.split(CODE_SEPARATOR)[0]):
            return group_id
    holding = [group_id for label, group_id in labels if text in label]
    return holding[0] if len(holding) == 1 else None


def not_a_group(combo: QComboBox) -> str:
    """What to say when the typed text names no group."""
    example = combo.itemText(0).split(CODE_SEPARATOR)[0] if combo.count() else "WU-001"
    typed = combo.currentText().strip()
    return f"No group has the code or name “{typed}”. Type a code such as {example}."
