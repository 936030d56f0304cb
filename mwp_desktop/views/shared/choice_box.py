"""A drop-down of many choices (groups, facilitators, communities) that the user can type into.

At national scale such a list holds thousands of entries. Each entry is one line of text, so
the list says its entries are all the same height: otherwise Qt lays out every entry again each
time the box is placed in a panel and styled (0.6 s for 16,000 groups, at 4× national scale).
And the box is as wide as `characters` says, not as its longest entry, which Qt would find by
measuring every one.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

KEY_ROLE = int(Qt.UserRole)  # where a drop-down keeps an entry's data


def choice_box(characters: int, object_name: str = "", kind: type[QComboBox] = QComboBox):
    """An editable drop-down that completes what is typed from anywhere in its entries."""
    box = kind(objectName=object_name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.NoInsert)
    box.completer().setFilterMode(Qt.MatchContains)
    box.completer().setCompletionMode(QCompleter.PopupCompletion)
    box.setMinimumContentsLength(characters)
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.view().setUniformItemSizes(True)
    box.completer().popup().setUniformItemSizes(True)
    return box


class KeyedChoiceBox(QComboBox):
    """A drop-down filled in one call, each entry's key (a group's id, say) kept beside the box.

    Filling 16,000 groups one `addItem(label, id)` at a time took ~60 ms at 4× national, nearly
    all of it one call from Python into Qt per entry; `addItems` hands Qt every label at once
    (~5 ms), and the keys stay in a list here. `currentData`, `itemData` and `findData` answer
    from that list, so the code using the box asks it as it would any drop-down."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._keys: list[Hashable] = []

    def set_choices(self, keys: Sequence[Hashable], labels: Sequence[str]) -> None:
        """Every entry replaced: `labels` shown, in order, each with the key at its place."""
        super().clear()
        self._keys = list(keys)
        self.addItems(list(labels))

    def clear(self) -> None:
        super().clear()
        self._keys = []

    def itemData(self, index: int, role: int = KEY_ROLE):  # noqa: N802 - Qt's name
        if role != KEY_ROLE:
            return super().itemData(index, role)
        return self._keys[index] if 0 <= index < len(self._keys) else None

    def currentData(self, role: int = KEY_ROLE):  # noqa: N802 - Qt's name
        return self.itemData(self.currentIndex(), role)

    def findData(self, data, role: int = KEY_ROLE, *args) -> int:  # noqa: N802 - Qt's name
        if role != KEY_ROLE:
            return super().findData(data, role, *args)
        try:
            return self._keys.index(data)
        except ValueError:
            return -1
