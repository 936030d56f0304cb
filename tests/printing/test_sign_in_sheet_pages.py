"""The sign-in sheet on paper: pages filled before breaking (a group of up to 25 men with its
blank lines on one A4 sheet), rows tall enough for a thumbprint when there is room, a box for
late and excused, and no phone numbers for every man in the group to read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mwp_desktop.printing.sign_in_sheet import write_sign_in_sheets

from .pdf_reading import numbered_rows, page_runs, pages_text, smallest_text
from .test_documents import BRAND, LONG_NAME, sheet

MM = 72 / 25.4


def rows_per_page(path) -> list[int]:
    return [len(numbered_rows(runs, 30 * MM)) for runs in page_runs(path)]


@pytest.mark.parametrize(
    "men, pages",
    [(5, [10]), (20, [25]), (25, [30]), (26, [19, 12]), (40, [24, 21]), (60, [22, 22, 21])],
)
def test_pages_are_filled_before_breaking(tmp_path, men, pages):
    out = write_sign_in_sheets(tmp_path / "s.pdf", BRAND, [sheet(men)])
    assert rows_per_page(out) == pages
    texts = pages_text(out)
    # The closing block is on the last page only, with rows for company.
    assert ["Facilitator's signature" in t for t in texts] == [False] * (len(texts) - 1) + [True]
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, start=1))
    assert smallest_text(out) >= 7
    # Every long name printed whole, wrapped, however short the rows.
    assert sum(t.count(LONG_NAME) for t in texts) == men // 4


def row_height(path) -> float:
    """The distance between the first two row numbers on page 1, in millimetres."""
    first = sorted((r for r in page_runs(path)[0] if r.text in ("1", "2") and r.x < 30 * MM),
                   key=lambda r: r.text)  # fmt: skip
    return (first[0].y - first[1].y) / MM


def test_rows_are_thumbprint_tall_when_the_page_has_room(tmp_path):
    small = write_sign_in_sheets(tmp_path / "small.pdf", BRAND, [sheet(8)])
    assert row_height(small) == pytest.approx(12, abs=0.1)
    full = write_sign_in_sheets(tmp_path / "full.pdf", BRAND, [sheet(20)])
    assert 8.4 < row_height(full) < 12  # as tall as one page allows
    spread = write_sign_in_sheets(tmp_path / "spread.pdf", BRAND, [sheet(60)])
    assert row_height(spread) > 9.5  # three pages anyway: no need to squeeze


def test_late_and_excused_have_their_own_boxes(tmp_path):
    (text,) = pages_text(write_sign_in_sheets(tmp_path / "s.pdf", BRAND, [sheet(4)]))
    assert "Signature or thumbprint Present Late Excused" in text
    assert "leave all three empty for a member who is absent" in text


def test_phones_stay_off_the_sheet_unless_the_office_asks(tmp_path):
    (text,) = pages_text(write_sign_in_sheets(tmp_path / "s.pdf", BRAND, [sheet(4)]))
    assert "+2327610" not in text and "Phone" not in text
    assert LONG_NAME in text
    with_phones = replace(BRAND, sign_in_phones=True)
    (text,) = pages_text(write_sign_in_sheets(tmp_path / "p.pdf", with_phones, [sheet(4)]))
    assert "+23276100000" in text and "Name Phone Signature" in text
