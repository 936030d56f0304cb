"""A drop-down of many choices (groups, facilitators, communities) that the user can type into.

At national scale such a list holds thousands of entries. Each entry is one line of text, so
the list says its entries are all the same height: otherwise Qt lays out every entry again each
time the box is placed in a panel and styled (0.6 s for 16,000 groups, at 4× national scale).
And the box is as wide as `characters` says, not as its longest entry, which Qt would find by
measuring every one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def choice_box(characters: int, object_name: str = "") -> QComboBox:
    """An editable drop-down that completes what is typed from anywhere in its entries."""
    box = QComboBox(objectName=object_name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.NoInsert)
    box.completer().setFilterMode(Qt.MatchContains)
    box.completer().setCompletionMode(QCompleter.PopupCompletion)
    box.setMinimumContentsLength(characters)
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.view().setUniformItemSizes(True)
    box.completer().popup().setUniformItemSizes(True)
    return box
