"""The certificate as a man frames it: no attendance count unless the office wants it, readable
signature titles with a line for the facilitator, and a white page when the office chooses."""

from __future__ import annotations

from dataclasses import replace

import pypdf

from mwp_desktop.printing.certificate import PAPER_TINT, write_certificates

from .pdf_reading import fills, page_runs, pages_text
from .test_documents import BRAND, certificate

ONE = replace(certificate(1, "Abdul Kamara"), facilitator="Alhaji Bangura")


def test_the_count_of_sessions_only_when_the_office_asks(tmp_path):
    (text,) = pages_text(write_certificates(tmp_path / "c.pdf", BRAND, [ONE]))
    assert "From 06/01/2026 to 21/04/2026" in text and "attending" not in text
    counted = replace(BRAND, certificate_attendance=True)
    (text,) = pages_text(write_certificates(tmp_path / "n.pdf", counted, [ONE]))
    assert "From 06/01/2026 to 21/04/2026, attending 14 of 16 sessions" in text


def test_three_signature_lines_with_readable_titles(tmp_path):
    out = write_certificates(tmp_path / "c.pdf", BRAND, [ONE])
    runs = page_runs(out)[0]
    titles = [r for r in runs if r.text in ("Executive Director", "Coordinator", "Facilitator")]
    assert sorted(r.text for r in titles) == ["Coordinator", "Executive Director", "Facilitator"]
    assert min(r.size for r in titles) >= 9.5
    assert "Alhaji Bangura" in pages_text(out)[0]


def test_a_white_page_when_the_office_chooses(tmp_path):
    cream = write_certificates(tmp_path / "cream.pdf", BRAND, [ONE])
    white = write_certificates(tmp_path / "white.pdf", replace(BRAND, certificate_cream=False),
                               [ONE])  # fmt: skip
    assert fills(cream, PAPER_TINT) == 1
    assert fills(white, PAPER_TINT) == 0
    assert len(pypdf.PdfReader(str(white)).pages) == 1


def test_what_every_certificate_shows_alike_is_written_once_for_the_batch(tmp_path):
    """A thousand certificates: the paper, headings and signatories are one form in the file;
    each page writes only the man's own lines, and still shows the whole certificate."""
    from pypdf.generic import ContentStream

    men = [replace(ONE, participant_name=f"Man {i}", serial=f"MWP-2026-{i:05d}") for i in (1, 2)]
    out = write_certificates(tmp_path / "c.pdf", BRAND, men)
    reader = pypdf.PdfReader(str(out))
    for page, text, man in zip(reader.pages, pages_text(out), men, strict=True):
        for shown in (
            "Certificate of Completion", "This is to certify that",
            "Aminata Kamara", "Executive Director", "Coordinator", man.participant_name,
            "has completed the 16-session program", "Men and Women in Partnership",
            "From 06/01/2026 to 21/04/2026", "Alhaji Bangura", "Facilitator", man.serial,
        ):  # fmt: skip
            assert shown in text
        own = ContentStream(page.get_contents(), reader).operations
        lines_written = [op for _, op in own if op in (b"Tj", b"TJ", b"'", b'"')]
        # the name, the program lines, the group, the dates, the facilitator, the serial
        assert len(lines_written) == 8
