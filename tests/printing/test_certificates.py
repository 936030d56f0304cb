"""Certificates: who gets one, serials issued once, reprints counted, overrides, verification."""

from __future__ import annotations

import re
from datetime import date

import pypdf
import pytest
from sqlalchemy import select

from mwp_desktop.errors import PermissionDenied, ValidationError
from mwp_desktop.models import AuditEvent, CertificateIssue
from mwp_desktop.printing.progress import PrintCancelled
from mwp_desktop.services.actor import SYSTEM, Actor
from mwp_desktop.services.documents import certificates
from mwp_desktop.services.documents.print_jobs import make_certificates
from tests.builders.accounts import ADMIN
from tests.builders.printable_group import add_printable_group, long_name

STAFF = Actor(user_id=None, username="kadi", role="staff")
SUPERVISOR = Actor(user_id=None, username="sia", role="supervisor")
ISSUED = date(2026, 4, 28)


@pytest.fixture
def group_id(db):
    # Member 1 attended 11 of 16 (one short of 12), member 3 dropped nothing but came 5 times.
    with db.session() as session:
        return add_printable_group(session, attended_by_index={1: 11, 3: 5}).id


def test_candidates_follow_the_completion_rule(db, group_id):
    with db.session() as session:
        found = {c.code: c for c in certificates.candidates(session, ADMIN, group_id)}
    assert found["P100000"].eligible and found["P100000"].sessions_attended == 16
    assert not found["P100001"].eligible and found["P100001"].sessions_attended == 11
    assert found["P100001"].required == 12
    assert not found["P100003"].eligible


def test_issue_gives_unique_serials_and_codes_and_reprints_reuse_them(db, group_id):
    with db.session() as session:
        first = certificates.issue_certificates(session, STAFF, group_id, today=ISSUED)
    assert len(first) == 4  # six men, two below the rule
    assert len({c.serial for c in first}) == 4
    assert len({c.verification_code for c in first}) == 4
    assert all(re.fullmatch(r"MWP-2026-\d{5}", c.serial) for c in first)
    assert all(re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", c.verification_code) for c in first)
    assert long_name() in {c.participant_name for c in first}
    assert {c.first_session for c in first} == {date(2026, 1, 6)}
    with db.session() as session:
        again = certificates.issue_certificates(session, STAFF, group_id, today=date(2026, 5, 1))
    assert [c.serial for c in again] == [c.serial for c in first]
    assert {c.issued_on for c in again} == {ISSUED}
    with db.session() as session:
        rows = session.scalars(select(CertificateIssue)).all()
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert len(rows) == 4 and {r.reprint_count for r in rows} == {1}
    assert actions == ["issue"] * 4 + ["reprint"] * 4


def test_override_needs_a_supervisor_and_a_reason(db, group_id):
    with db.session() as session:
        short = next(c for c in certificates.candidates(session, ADMIN, group_id) if not c.eligible)
    with pytest.raises(PermissionDenied), db.session() as session:
        certificates.issue_certificates(
            session, STAFF, group_id, overrides={short.participant_id: "ill"}
        )
    with pytest.raises(ValidationError), db.session() as session:
        certificates.issue_certificates(session, SUPERVISOR, group_id,
                                        overrides={short.participant_id: "  "})  # fmt: skip
    with db.session() as session:
        printed = certificates.issue_certificates(
            session, SUPERVISOR, group_id, participant_ids=[],
            overrides={short.participant_id: "Missed four weeks in hospital; made up at home"},
        )  # fmt: skip
    assert [c.participant_code for c in printed] == [short.code]
    with db.session() as session:
        row = session.scalar(select(CertificateIssue))
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "override"))
    assert row.override_reason.startswith("Missed four weeks")
    assert event.username == "sia" and "hospital" in event.summary


def test_verification_round_trip_from_the_qr_text(db, group_id):
    with db.session() as session:
        printed = certificates.issue_certificates(session, STAFF, group_id, today=ISSUED)
    one = printed[0]
    with db.session() as session:
        by_qr = certificates.verify(session, one.qr_payload)
        typed = certificates.verify(session, one.verification_code.lower().replace("-", " "))
        wrong = certificates.verify(session, "ZZZZZ-ZZZZZ")
        junk = certificates.verify(session, "hello")
    assert by_qr.genuine and by_qr.serial == one.serial
    assert by_qr.participant_name == one.participant_name
    assert by_qr.group == "Waterloo Men's Group 1 (WL-01)" and by_qr.issued_on == ISSUED
    assert typed.genuine and typed.participant_code == one.participant_code
    assert not wrong.genuine and "No certificate" in wrong.message
    assert not junk.genuine and "not a certificate code" in junk.message


def test_the_printed_qr_code_scans_back_to_a_genuine_certificate(db, group_id, tmp_path, qapp):
    """Draw the certificate, render the page as a picture, scan the QR code in the picture and
    verify what it says: the whole path a phone or a USB scanner takes."""
    import zxingcpp
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    out = tmp_path / "c.pdf"
    make_certificates(db, STAFF, group_id, out, participant_ids=[1], today=ISSUED)
    document = QPdfDocument()
    document.load(str(out))
    image = document.render(0, QSize(1684, 1190)).convertToFormat(QImage.Format_RGB888)
    picture = Image.frombytes(
        "RGB", (image.width(), image.height()), bytes(image.constBits()), "raw", "RGB",
        image.bytesPerLine(),
    )  # fmt: skip
    (barcode,) = zxingcpp.read_barcodes(picture)
    assert barcode.text.startswith("MWP-CERT/MWP-2026-")
    with db.session() as session:
        result = certificates.verify(session, barcode.text)
    assert result.genuine and result.participant_name == "Mohamed Sesay"


def test_a_tampered_record_is_not_genuine(db, group_id):
    with db.session() as session:
        one = certificates.issue_certificates(session, STAFF, group_id, today=ISSUED)[0]
    with db.session() as session:
        row = session.scalar(select(CertificateIssue).where(CertificateIssue.serial == one.serial))
        row.serial = "MWP-2026-99999"  # someone edits the file to claim another serial
    with db.session() as session:
        result = certificates.verify(session, one.verification_code)
    assert not result.genuine and "not genuine" in result.message


def test_a_real_code_under_another_serial_is_not_genuine(db, group_id):
    with db.session() as session:
        first, second = certificates.issue_certificates(session, STAFF, group_id, today=ISSUED)[:2]
    with db.session() as session:
        forged = certificates.verify(session, f"MWP-CERT/MWP-2099-99999/{first.verification_code}")
        swapped = certificates.verify(
            session, f"MWP-CERT/{second.serial}/{first.verification_code}"
        )
        genuine = certificates.verify(
            session, f"mwp-cert/{first.serial.lower()}/{first.verification_code}"
        )
    for result in (forged, swapped):
        assert not result.genuine and "not genuine" in result.message
        assert first.serial not in result.message and first.participant_name not in result.message
        assert result.serial == result.participant_name == ""  # nothing of the real one shown
    assert genuine.genuine and genuine.serial == first.serial


def test_the_verdict_names_no_one(db, group_id):
    """The verdict is read out to whoever holds the paper and printed by `mwp-desktop verify`,
    which asks for no account: serial, group code and date, never the man's name."""
    with db.session() as session:
        one = certificates.issue_certificates(session, STAFF, group_id, today=ISSUED)[0]
    with db.session() as session:
        result = certificates.verify(session, one.qr_payload)
    assert result.message == f"Genuine: certificate {one.serial}, group WL-01, issued 28/04/2026."
    assert result.group_code == "WL-01"


def test_print_job_writes_the_pdf_and_cancelling_records_nothing(db, group_id, tmp_path):
    out = tmp_path / "certificates.pdf"
    with pytest.raises(PrintCancelled):
        make_certificates(db, SYSTEM, group_id, out, progress=lambda done, total: False)
    assert not out.exists()
    with db.session() as session:
        assert session.scalar(select(CertificateIssue)) is None
    assert make_certificates(db, SYSTEM, group_id, out, today=ISSUED) == 4
    reader = pypdf.PdfReader(str(out), strict=True)
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) == 4
    serials = [re.search(r"Serial (MWP-\d{4}-\d{5})", t).group(1) for t in texts]
    assert len(set(serials)) == 4


def test_nobody_eligible_writes_nothing(db, tmp_path):
    with db.session() as session:
        group_id = add_printable_group(session, code="WL-02", held=5).id
    out = tmp_path / "none.pdf"
    assert make_certificates(db, SYSTEM, group_id, out) == 0
    assert not out.exists()


def test_a_clash_with_another_pc_is_planned_again(db, group_id, tmp_path, monkeypatch):
    """Another PC issues the group's certificates while this one is drawing: nothing is
    recorded twice, the batch is drawn again as reprints of the other PC's serials."""
    import mwp_desktop.printing.certificate as drawing

    real = drawing.write_certificates
    drawn = []

    def other_pc_meanwhile(path, brand, certs, progress=None):
        if not drawn:
            with db.session() as session:
                certificates.issue_certificates(session, SUPERVISOR, group_id, today=ISSUED)
        drawn.append([c.serial for c in certs])
        return real(path, brand, certs, progress)

    monkeypatch.setattr(drawing, "write_certificates", other_pc_meanwhile)
    assert make_certificates(db, STAFF, group_id, tmp_path / "c.pdf", today=ISSUED) == 4
    assert len(drawn) == 2
    with db.session() as session:
        rows = session.scalars(select(CertificateIssue)).all()
    assert len(rows) == 4 and {r.reprint_count for r in rows} == {1}
    assert sorted(drawn[1]) == sorted(r.serial for r in rows)
