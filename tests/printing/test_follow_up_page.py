"""The follow-up list as a facilitator uses it on the phone: members grouped under their group
with its facilitator's name and phone, and the widest column for writing what the call gave."""

from __future__ import annotations

from datetime import date

from mwp_desktop.printing.data import FollowUpData, FollowUpLine
from mwp_desktop.printing.follow_up import write_follow_up

from .pdf_reading import page_runs, pages_text, smallest_text
from .test_documents import BRAND


def line(i: int, group: str, name: str, facilitator: str, phone: str) -> FollowUpLine:
    return FollowUpLine(f"P{i:06d}", name, f"+2327610{i:04d}", group, f"{group} Women's Group",
                        "Waterloo", 3, date(2026, 2, 3), facilitator, phone)  # fmt: skip


LINES = (
    line(1, "WL-01", "Fatmata Kamara", "Isatu Sesay", "+23276555001"),
    line(2, "WL-01", "Mariama Conteh", "Isatu Sesay", "+23276555001"),
    line(3, "WL-02", "Hawa Bangura", "Adama Koroma", "+23276555002"),
)


def test_members_grouped_under_their_group_and_facilitator(tmp_path):
    out = write_follow_up(tmp_path / "f.pdf", BRAND, FollowUpData(2, date(2026, 3, 10), LINES))
    (text,) = pages_text(out)
    assert "Members who missed 2 or more meetings in a row" in text and "Men who" not in text
    first = text.index("WL-01 WL-01 Women's Group · Waterloo · Facilitator: Isatu Sesay, "
                       "+23276555001")  # fmt: skip
    second = text.index("WL-02 WL-02 Women's Group · Waterloo · Facilitator: Adama Koroma, "
                        "+23276555002")  # fmt: skip
    assert first < text.index("Fatmata Kamara") < text.index("Mariama Conteh") < second
    assert second < text.index("Hawa Bangura")
    assert text.count("Isatu Sesay") == 1  # once, in its group's heading
    assert smallest_text(out) >= 7


def test_the_column_written_in_by_hand_is_the_widest(tmp_path):
    out = write_follow_up(tmp_path / "f.pdf", BRAND, FollowUpData(2, date(2026, 3, 10), LINES))
    header = sorted((r for r in page_runs(out)[0] if r.text in (
        "No.", "Code", "Name", "Phone", "Missed in a row", "Last came",
        "Called: date and outcome")), key=lambda r: r.x)  # fmt: skip
    assert header[-1].text == "Called: date and outcome"
    widths = [b.x - a.x for a, b in zip(header, header[1:], strict=False)]
    called = 595.3 - 42.5 - header[-1].x
    assert called > max(widths)
