"""Each document drawn from hand-made data, read back with pypdf as a reader would see it."""

from __future__ import annotations

import re
from datetime import date

import pypdf
import pytest

from mwp_desktop.errors import UserError
from mwp_desktop.printing.certificate import write_certificates
from mwp_desktop.printing.data import (
    Branding,
    CertificateData,
    FollowUpData,
    FollowUpLine,
    RegisterData,
    RegisterRow,
    RosterLine,
    ScheduleData,
    ScheduleLine,
    SessionPlanData,
    Signatory,
    SignInSheetData,
)
from mwp_desktop.printing.follow_up import write_follow_up
from mwp_desktop.printing.progress import PrintCancelled
from mwp_desktop.printing.register import write_register
from mwp_desktop.printing.schedule import write_schedule
from mwp_desktop.printing.session_plan import write_session_plans
from mwp_desktop.printing.sign_in_sheet import write_sign_in_sheets

LONG_NAME = "Alhaji Mohamed Abdulai Ibrahim Sorie Kamara-Bangura Fofanah Conteh Sesay Koromah"
HARD_NAMES = ["Ibrahim O'Neil", "Fatmata Kargbo-Bangura", "José Müller-Conteh", LONG_NAME]
BRAND = Branding(
    signatories=(Signatory("Aminata Kamara", "Executive Director"), Signatory("", "Coordinator"))
)


def pages_text(path) -> list[str]:
    """Each page's text with runs of white space made single (wrapped names join up)."""
    reader = pypdf.PdfReader(str(path), strict=True)
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def sheet(roster_size: int, **changes) -> SignInSheetData:
    names = (HARD_NAMES * (roster_size // len(HARD_NAMES) + 1))[:roster_size]
    roster = tuple(
        RosterLine(f"P{100000 + i}", name, f"+2327610{i:04d}") for i, name in enumerate(names)
    )
    values = dict(
        group_name="Waterloo Men's Group 1",
        group_code="WL-01",
        community="Waterloo",
        session_number=3,
        session_title="Gender Roles at Home",
        planned_date=date(2026, 1, 20),
        planned_time="14:00",
        venue="Community Centre",
        facilitator="Alhaji Bangura",
        roster=roster,
    )
    values.update(changes)
    return SignInSheetData(**values)


def test_long_name_is_80_characters():
    assert len(LONG_NAME) == 80


def test_sign_in_sheet_shows_meeting_roster_and_blank_lines(tmp_path):
    out = write_sign_in_sheets(tmp_path / "sheet.pdf", BRAND, [sheet(4)])
    (text,) = pages_text(out)
    for expected in ("Waterloo Men's Group 1 (WL-01)", "3. Gender Roles at Home",
                     "Tue 20/01/2026 at 14:00", "Community Centre", "Alhaji Bangura",
                     "Signature or thumbprint", "Facilitator's signature", "Date held",
                     "Page 1 of 1", "P100000", *HARD_NAMES):  # fmt: skip
        assert expected in text, expected
    # Four men, then five numbered blank lines for newcomers.
    assert " 9 " in text and " 10 " not in text


def test_long_roster_repeats_the_header_and_numbers_pages(tmp_path):
    out = write_sign_in_sheets(tmp_path / "sheet.pdf", BRAND, [sheet(40)])
    texts = pages_text(out)
    assert len(texts) == 2
    for number, text in enumerate(texts, start=1):
        assert "No. Code Name Signature or thumbprint Present Late Excused" in text
        assert f"Page {number} of 2" in text
        assert "Gender Roles at Home" in text
    assert "Facilitator's signature" in texts[1] and "Facilitator's signature" not in texts[0]
    assert texts[0].count(LONG_NAME) + texts[1].count(LONG_NAME) == 10


def test_next_weeks_sheets_are_one_file_and_can_be_cancelled(tmp_path):
    sheets = [sheet(3, group_code=f"WL-0{i}") for i in range(1, 4)]
    seen = []
    out = write_sign_in_sheets(tmp_path / "week.pdf", BRAND, sheets, lambda d, t: seen.append(d))
    assert len(pages_text(out)) == 3 and seen[-1] == 3
    target = tmp_path / "cancelled.pdf"
    with pytest.raises(PrintCancelled):
        write_sign_in_sheets(target, BRAND, sheets, lambda done, total: done < 1)
    assert not target.exists() and list(tmp_path.glob("*.part")) == []


def certificate(i: int, name: str) -> CertificateData:
    serial = f"MWP-2026-{i:05d}"
    return CertificateData(
        participant_name=name,
        participant_code=f"P{i:06d}",
        group_name="Waterloo Men's Group 1",
        group_code="WL-01",
        community="Waterloo",
        first_session=date(2026, 1, 6),
        last_session=date(2026, 4, 21),
        sessions_attended=14,
        sessions_total=16,
        serial=serial,
        verification_code="ABCDE-FGH2K",
        qr_payload=f"MWP-CERT/{serial}/ABCDE-FGH2K",
        issued_on=date(2026, 4, 28),
    )


def test_certificates_one_a_page_with_name_serial_and_signatories(tmp_path):
    certificates = [certificate(i, name) for i, name in enumerate(HARD_NAMES, start=1)]
    texts = pages_text(write_certificates(tmp_path / "c.pdf", BRAND, certificates))
    assert len(texts) == 4
    for text, name, i in zip(texts, HARD_NAMES, range(1, 5), strict=True):
        assert name in text
        assert f"Serial MWP-2026-{i:05d}" in text
        assert "Certificate of Completion" in text and "Men and Women in Partnership" in text
        assert "From 06/01/2026 to 21/04/2026" in text and "attending" not in text
        assert "Aminata Kamara" in text and "Executive Director" in text
        assert "ABCDE-FGH2K" in text
    reader = pypdf.PdfReader(str(tmp_path / "c.pdf"))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    assert round(float(width)) == 842  # A4


def test_letter_paper_from_the_setting(tmp_path):
    letter = Branding(paper_size="Letter")
    out = write_certificates(tmp_path / "c.pdf", letter, [certificate(1, "Abdul Kamara")])
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


def test_no_certificates_is_a_user_error(tmp_path):
    with pytest.raises(UserError):
        write_certificates(tmp_path / "c.pdf", BRAND, [])
    assert not (tmp_path / "c.pdf").exists()


def test_a_missing_or_broken_logo_does_not_stop_printing(tmp_path):
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    for logo in (str(broken), str(tmp_path / "missing.png")):
        out = write_certificates(
            tmp_path / "c.pdf", Branding(logo_path=logo), [certificate(1, "A")]
        )
        assert len(pages_text(out)) == 1


def test_logo_is_embedded_once_for_many_pages(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), "#2a7f62").save(logo)
    certificates = [certificate(i, f"Man {i}") for i in range(1, 6)]
    out = write_certificates(tmp_path / "c.pdf", Branding(logo_path=str(logo)), certificates)
    data = out.read_bytes()
    assert data.count(b"/Subtype /Image") == 1


def test_schedule_lists_every_session(tmp_path):
    lines = tuple(
        ScheduleLine(n, f"Session title {n}", date(2026, 1, 6 + 7 * (n - 1)) if n < 4 else None,
                     date(2026, 1, 6) if n == 1 else None, "Church" if n == 2 else "Hall",
                     "held" if n == 1 else "planned")
        for n in range(1, 17)
    )  # fmt: skip
    data = ScheduleData("Waterloo Men's Group 1", "WL-01", "Waterloo", "Alhaji Bangura",
                        "Tuesdays at 14:00", "Hall", "Men's Curriculum", lines)  # fmt: skip
    (text,) = pages_text(write_schedule(tmp_path / "s.pdf", BRAND, data))
    for n in range(1, 17):
        assert f"Session title {n}" in text
    assert "Tue 06/01/2026" in text and "Tue 20/01/2026" in text
    assert "Held" in text and "Planned" in text and "Tuesdays at 14:00" in text
    assert "Venue" in text and "Church" in text  # one meeting away from the usual venue


def test_register_grid_and_totals(tmp_path):
    rows = tuple(
        RegisterRow(
            f"P{i:06d}",
            name,
            "active",
            ("P", "L", "A", "E") + ("",) * 12 + ("P",),
            "50% (2/4)",
            eligible=i % 2 == 0,
        )  # fmt: skip
        for i, name in enumerate(HARD_NAMES * 15)
    )
    labels = tuple(str(n) for n in range(1, 17)) + ("3m",)
    data = RegisterData("Waterloo Men's Group 1", "WL-01", "Waterloo", "Alhaji Bangura",
                        labels, (date(2026, 1, 6),) + (None,) * 16, rows, 12, 16,
                        ("60/60", "60/60", "0/60", "0/60") + ("",) * 12 + ("1/60",))  # fmt: skip
    out = write_register(tmp_path / "r.pdf", BRAND, data)
    texts = pages_text(out)
    assert len(texts) >= 2
    assert all("Attendance register" in t and "Code Name Status" in t for t in texts)
    assert "50% (2/4)" in texts[0] and "06/01" in texts[0] and "3m" in texts[0]
    assert "✓ 50% (2/4)" in texts[0]
    assert "Present or late" in texts[-1] and "12 of 16 sessions" in texts[0]
    assert "60 of 60" in texts[-1]
    box = pypdf.PdfReader(str(out)).pages[0].mediabox
    assert box.width > box.height


def test_follow_up_list_and_empty_list(tmp_path):
    line = FollowUpLine("P000001", "Foday Turay", "+23276100004", "WL-01", "Waterloo Men", "Waterloo",
                        3, date(2026, 2, 3))  # fmt: skip
    (text,) = pages_text(
        write_follow_up(tmp_path / "f.pdf", BRAND, FollowUpData(2, date(2026, 3, 10), (line,)))
    )
    assert "Foday Turay" in text and "+23276100004" in text and "03/02/2026" in text
    assert "as of 10/03/2026" in text
    (empty,) = pages_text(
        write_follow_up(tmp_path / "e.pdf", BRAND, FollowUpData(2, date(2026, 3, 10), ()))
    )
    assert "Nobody needs a call" in empty


def test_session_plan_flows_onto_more_pages(tmp_path):
    plan = SessionPlanData("Men's Curriculum", 5, "Stages of Change and My Personal Action Plan",
                           120, ("Objective one",), tuple(f"Activity {i} (5 min): " + "word " * 90
                                                          for i in range(1, 17)),
                           ("Flip chart", "Markers"))  # fmt: skip
    texts = pages_text(write_session_plans(tmp_path / "p.pdf", BRAND, [plan]))
    assert len(texts) >= 2
    joined = " ".join(texts)
    assert "5. Stages of Change and My Personal Action Plan" in texts[0]
    assert "about 120 minutes" in texts[0]
    for expected in ("Objective one", "Activity 16", "Flip chart", "Facilitator's notes"):
        assert expected in joined
    assert f"Page 1 of {len(texts)}" in texts[0]


def test_a_file_open_elsewhere_is_reported_plainly(tmp_path, monkeypatch):
    import os

    def refuse(*_args):
        raise PermissionError(13, "denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="open in another program"):
        write_sign_in_sheets(tmp_path / "sheet.pdf", BRAND, [sheet(2)])
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ""] == []
