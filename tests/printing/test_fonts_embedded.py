"""Every document carries every font it lists: no Helvetica selected and never drawn."""

from __future__ import annotations

from datetime import date

from mwp_desktop.printing.certificate import write_certificates
from mwp_desktop.printing.data import FollowUpData
from mwp_desktop.printing.follow_up import write_follow_up
from mwp_desktop.printing.register import write_register
from mwp_desktop.printing.sign_in_sheet import write_sign_in_sheets

from .pdf_reading import unembedded_fonts
from .test_documents import BRAND, certificate, sheet
from .test_register_page import register


def test_no_document_lists_a_font_it_does_not_carry(tmp_path):
    made = [
        write_sign_in_sheets(tmp_path / "s.pdf", BRAND, [sheet(30)]),
        write_certificates(tmp_path / "c.pdf", BRAND, [certificate(1, "Abdul Kamara")]),
        write_register(tmp_path / "r.pdf", BRAND, register(5)),
        write_follow_up(tmp_path / "f.pdf", BRAND, FollowUpData(2, date(2026, 3, 10), ())),
    ]
    for path in made:
        assert unembedded_fonts(path) == set(), path.name
