"""A drop-down filled in one call keeps each entry's key beside it (views/shared/choice_box.py):
the box must answer currentData, itemData and findData as one filled entry by entry would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mwp_desktop.views.shared.choice_box import KeyedChoiceBox, choice_box
from mwp_desktop.views.shared.typed_group import typed_group


def test_each_entry_answers_with_its_own_key_after_every_refill(qtbot):
    box = choice_box(20, kind=KeyedChoiceBox)
    qtbot.addWidget(box)
    box.set_choices([None, 7, 3], ["All groups", "WU-001 — Kissy men", "WR-002 — Lumley men"])
    assert [box.itemText(i) for i in range(box.count())] == [
        "All groups", "WU-001 — Kissy men", "WR-002 — Lumley men",
    ]  # fmt: skip
    assert [box.itemData(i) for i in range(box.count())] == [None, 7, 3]
    box.setCurrentIndex(2)
    assert box.currentData() == 3
    assert (box.findData(7), box.findData(None), box.findData(99)) == (1, 0, -1)
    assert box.itemData(1, Qt.DisplayRole) == "WU-001 — Kissy men"

    box.set_choices([3], ["WR-002 — Lumley men"])
    assert (box.count(), box.findData(7), box.itemData(0)) == (1, -1, 3)
    box.clear()
    assert (box.count(), box.currentData(), box.findData(3)) == (0, None, -1)


def test_a_typed_code_chooses_its_group(qtbot):
    box = choice_box(20, kind=KeyedChoiceBox)
    qtbot.addWidget(box)
    box.set_choices([7, 3], ["WU-001 — Kissy men", "WR-002 — Lumley men"])
    box.setEditText("wr-002")
    assert typed_group(box) == 3
