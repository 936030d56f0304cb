"""A 98-letter group name and a long session title wrap onto two lines at a readable size on the
sign-in sheet, the schedule and the certificate: printed whole, never shrunk to micro-text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from mwp_desktop.printing.certificate import write_certificates
from mwp_desktop.printing.data import ScheduleData, ScheduleLine
from mwp_desktop.printing.schedule import write_schedule
from mwp_desktop.printing.sign_in_sheet import write_sign_in_sheets

from .pdf_reading import page_runs, pages_text
from .test_documents import BRAND, certificate, sheet

GROUP = (
    "Waterloo Rural District Men's Partnership Group for Gender Equality and Violence "
    "Prevention No. 12"
)
TITLE = "Stages of Change, My Personal Action Plan and Commitments to Non-Violence at Home"


def test_names_are_98_and_81_letters():
    assert (len(GROUP), len(TITLE)) == (98, 81)


def smallest_run_of(path, words: str) -> float:
    """The smallest size of any run that is part of `words` (longer than a table's "No.")."""
    return min(
        r.size for runs in page_runs(path) for r in runs if len(r.text) > 3 and r.text in words
    )


def test_sign_in_sheet(tmp_path):
    out = write_sign_in_sheets(tmp_path / "s.pdf", BRAND,
                               [sheet(20, group_name=GROUP, session_title=TITLE)])  # fmt: skip
    (text,) = pages_text(out)
    assert f"{GROUP} (WL-01)" in text and f"3. {TITLE}" in text
    assert smallest_run_of(out, f"{GROUP} (WL-01) 3. {TITLE}") >= 8


def test_schedule(tmp_path):
    lines = tuple(
        ScheduleLine(n, TITLE if n == 5 else f"Session {n}", date(2026, 1, 6), None, "Hall",
                     "planned")
        for n in range(1, 17)
    )  # fmt: skip
    data = ScheduleData(GROUP, "WL-01", "Waterloo", "Alhaji Bangura", "Tuesdays at 14:00", "Hall",
                        "Men's Curriculum", lines)  # fmt: skip
    out = write_schedule(tmp_path / "s.pdf", BRAND, data)
    (text,) = pages_text(out)
    assert f"{GROUP} (WL-01)" in text and TITLE in text
    assert smallest_run_of(out, f"{GROUP} (WL-01) {TITLE}") >= 8


def test_certificate(tmp_path):
    one = replace(certificate(1, "Abdul Kamara"), group_name=GROUP)
    out = write_certificates(tmp_path / "c.pdf", BRAND, [one])
    (text,) = pages_text(out)
    assert f"as a member of {GROUP} (WL-01), Waterloo" in text
    assert smallest_run_of(out, f"as a member of {GROUP} (WL-01), Waterloo") >= 10
