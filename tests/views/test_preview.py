"""The preview dialog: opens a document, saves it as PDF, prints it, and says when there is no
printer; the Verify certificate dialog checks a scanned code."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.documents import certificates
from mwp_desktop.views.printing import actions, preview
from mwp_desktop.views.printing.verify_dialog import VerifyCertificateDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.printable_group import add_printable_group


@pytest.fixture
def context(db):
    return AppContext(db=db)


@pytest.fixture
def group_id(db):
    with db.session() as session:
        return add_printable_group(session, attended_by_index={0: 4}).id


def test_preview_opens_and_saves_a_pdf(qtbot, context, group_id, tmp_path):
    dialog = actions.preview_schedule(None, context, group_id)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.document.pageCount() == 1
    assert "1 page" in dialog.pages_label.text()
    saved = dialog.save_to(tmp_path / "schedule-for-print-shop")
    assert saved == tmp_path / "schedule-for-print-shop.pdf"
    text = pypdf.PdfReader(str(saved), strict=True).pages[0].extract_text()
    assert "Group schedule" in text and "WL-01" in text
    assert "Saved to" in dialog.pages_label.text()


def test_certificates_preview_shows_one_page_per_man_who_completed(qtbot, context, group_id):
    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 5  # six men, one came only four times


def issued(db) -> dict[str, int]:
    from sqlalchemy import select

    from mwp_desktop.models import CertificateIssue

    with db.session() as session:
        return {r.serial: r.reprint_count for r in session.scalars(select(CertificateIssue))}


def test_certificates_are_issued_when_printed_or_saved_not_when_looked_at(
    qtbot, context, db, group_id, tmp_path
):
    from PySide6.QtPrintSupport import QPrinter

    looked = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(looked)
    assert "Issuing 5 new certificates" in looked.notice.text()
    looked.close()
    assert issued(db) == {}  # closed without printing: nothing issued

    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / "for-the-print-shop")
    assert len(issued(db)) == 5 and set(issued(db).values()) == {0}
    assert "Recorded: 5 new certificates" in dialog.notice.text()
    dialog.save_to(tmp_path / "a-second-copy")  # the same preview is recorded once
    assert set(issued(db).values()) == {0}

    again = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(again)
    assert "Issuing 5 reprints" in again.notice.text()
    again.close()
    assert set(issued(db).values()) == {0}  # a reprint looked at is not counted
    again = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(again)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setResolution(72)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    task = again.print_to(printer)
    qtbot.waitUntil(lambda: task.finished, timeout=60000)
    assert set(issued(db).values()) == {1}  # printed: each reprint counted once


def test_a_clash_while_previewing_stops_the_output(qtbot, context, db, group_id, tmp_path,
                                                   monkeypatch):  # fmt: skip
    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    with db.session() as session:  # another PC issues them meanwhile
        certificates.issue_certificates(session, SYSTEM, group_id)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: told.append(text))
    assert dialog.save_to(tmp_path / "clash") is None
    assert told and "issued on another computer" in told[0]
    assert not (tmp_path / "clash.pdf").exists()
    assert set(issued(db).values()) == {0}


def test_no_printer_offers_save_as_pdf(qtbot, context, group_id, monkeypatch):
    dialog = actions.preview_register(None, context, group_id)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(preview, "printers_installed", lambda: False)
    monkeypatch.setattr(
        QMessageBox, "question",
        lambda parent, title, text, *args: asked.append(text) or QMessageBox.Cancel,
    )  # fmt: skip
    dialog.print_button.click()
    assert asked and "No printer is installed" in asked[0] and "Save" in asked[0]


def test_printing_renders_every_page_on_the_printer(qtbot, context, group_id, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setResolution(96)  # keeps the test quick; offices print at the printer's own
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    task = dialog.print_to(printer)
    qtbot.waitUntil(lambda: task.finished, timeout=60000)
    assert len(pypdf.PdfReader(str(tmp_path / "printed.pdf")).pages) == 5


def test_nobody_eligible_says_so_instead_of_an_empty_preview(qtbot, context, db, monkeypatch):
    with db.session() as session:
        short = add_printable_group(session, code="WL-02", held=3).id
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: told.append(text))
    assert actions.preview_certificates(None, context, short) is None
    assert told and "Nobody chosen meets the completion rule" in told[0]


def test_verify_dialog_checks_a_scanned_code(qtbot, context, db, group_id):
    with db.session() as session:
        one = certificates.issue_certificates(session, SYSTEM, group_id)[0]
    dialog = VerifyCertificateDialog(context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code_edit, one.qr_payload)
    qtbot.keyClick(dialog.code_edit, Qt.Key_Return)
    assert "Genuine" in dialog.verdict.text()
    assert one.participant_name in dialog.fields["participant"].text()
    assert dialog.fields["serial"].text() == one.serial
    dialog.code_edit.setText("AAAAA-BBBBB")
    dialog.check()
    assert "No certificate" in dialog.verdict.text() and dialog.fields["serial"].text() == ""


def test_verify_dialog_refuses_a_real_code_under_another_serial(qtbot, context, db, group_id):
    with db.session() as session:
        one = certificates.issue_certificates(session, SYSTEM, group_id)[0]
        said = certificates.verify(session, f"MWP-CERT/MWP-2099-99999/{one.verification_code}")
    dialog = VerifyCertificateDialog(context)
    qtbot.addWidget(dialog)
    dialog.code_edit.setText(f"MWP-CERT/MWP-2099-99999/{one.verification_code}")
    dialog.check()
    assert dialog.verdict.text() == f"✘ {said.message}" and "not genuine" in said.message
    assert dialog.fields["participant"].text() == dialog.fields["serial"].text() == ""


def test_a_batch_can_be_cancelled_from_its_progress_dialog(qtbot):
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from mwp_desktop.printing.progress import keep_going
    from mwp_desktop.views.shared.operations import Cancelled, run_with_progress

    steps = []

    def job(progress):
        for done in range(500):
            keep_going(progress, done, 500)
            steps.append(done)
            time.sleep(0.01)
        return "finished"

    def press_cancel():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog):
                qtbot.mouseClick(widget.findChild(QPushButton), Qt.LeftButton)

    QTimer.singleShot(150, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(None, "Preparing the certificates…", job, progress_after_ms=0)
    assert 0 < len(steps) < 500
    assert run_with_progress(None, "Quick", lambda progress: "done") == "done"


def test_open_in_pdf_reader_hands_the_file_to_the_system(qtbot, context, group_id, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    dialog = actions.preview_schedule(None, context, group_id)
    qtbot.addWidget(dialog)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog.open_button.click()
    assert opened and opened[0].toLocalFile() == str(dialog.path)
    assert dialog.path.parent.name == "print-previews"  # in the data folder, not shared temp
