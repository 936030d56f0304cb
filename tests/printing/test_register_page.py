"""The attendance register as a supervisor files it: absences stand out, the legend explains
the make-up columns the register really has, and the totals are as readable as the marks."""

from __future__ import annotations

from datetime import date

from mwp_desktop.printing.data import RegisterData, RegisterRow
from mwp_desktop.printing.page import ABSENT_SHADE
from mwp_desktop.printing.register import write_register

from .pdf_reading import fills, page_runs, pages_text, smallest_text
from .test_documents import BRAND, HARD_NAMES


def register(rows: int) -> RegisterData:
    marks = ("P", "A", "L", "E", "A") + ("",) * 11 + ("P",)
    lines = tuple(
        RegisterRow(f"P{i:06d}", name, "active", marks, "60% (3/5)")
        for i, name in enumerate((HARD_NAMES * rows)[:rows])
    )
    labels = tuple(str(n) for n in range(1, 17)) + ("8m",)
    totals = ("20/20", "0/20", "20/20", "0/20", "0/20") + ("",) * 11 + ("1/20",)
    return RegisterData("Waterloo Men's Group 1", "WL-01", "Waterloo", "Alhaji Bangura", labels,
                        (date(2026, 1, 6),) * 17, lines, 12, 16, totals)  # fmt: skip


def test_absences_are_shaded(tmp_path):
    out = write_register(tmp_path / "r.pdf", BRAND, register(20))
    assert fills(out, ABSENT_SHADE) == 20 * 2


def test_legend_names_the_make_up_column_the_register_has(tmp_path):
    (text,) = pages_text(write_register(tmp_path / "r.pdf", BRAND, register(20)))
    assert "8m: make-up of session 8" in text and "4m" not in text
    assert "Attended: sessions attended of those held while a member." in text


def test_totals_are_as_large_as_the_marks(tmp_path):
    out = write_register(tmp_path / "r.pdf", BRAND, register(20))
    runs = page_runs(out)[-1]
    totals = [r for r in runs if r.text in ("20/20", "0/20", "20", "of 20")]
    assert totals and min(r.size for r in totals) >= 8
    assert smallest_text(out) >= 7


def test_a_full_group_of_25_with_its_totals_fits_one_page(tmp_path):
    texts = pages_text(write_register(tmp_path / "r.pdf", BRAND, register(25)))
    assert len(texts) == 1 and "Present or late" in texts[0]
    two = pages_text(write_register(tmp_path / "r2.pdf", BRAND, register(40)))
    assert len(two) == 2 and "Present or late" in two[1]
