"""Print… in the preview: the job goes to the printer off the window's thread with progress and
Cancel, as pages flattened onto white (no transparency mask), grey for black-and-white
documents; certificates are recorded only for the pages the spooler accepted."""

from __future__ import annotations

import pypdf
from PySide6.QtPrintSupport import QPrinter

from mwp_desktop.views.printing import actions

from . import test_preview
from .test_preview import issued

context = test_preview.context  # the same fixtures: a printable group of six men
group_id = test_preview.group_id


def pdf_printer(path, first: int = 0, last: int = 0, dpi: int = 96) -> QPrinter:
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setResolution(dpi)
    printer.setOutputFileName(str(path))
    if first:
        printer.setPrintRange(QPrinter.PageRange)
        printer.setFromTo(first, last)
    return printer


def print_and_wait(qtbot, dialog, printer):
    task = dialog.print_to(printer)
    assert task is not None
    qtbot.waitUntil(lambda: task.finished, timeout=60000)
    return task


def test_printing_pages_two_and_three_records_those_two_certificates(
    qtbot, context, db, group_id, tmp_path
):
    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    print_and_wait(qtbot, dialog, pdf_printer(tmp_path / "two.pdf", 2, 3))
    assert len(pypdf.PdfReader(str(tmp_path / "two.pdf")).pages) == 2
    assert len(issued(db)) == 2
    assert "Recorded: 2 new certificates" in dialog.notice.text()
    # The rest are recorded when they too leave the program, and nothing twice.
    dialog.save_to(tmp_path / "all")
    assert len(issued(db)) == 5 and set(issued(db).values()) == {0}


def test_a_printer_that_fails_records_nothing(qtbot, context, db, group_id, tmp_path,
                                              monkeypatch):  # fmt: skip
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: told.append(text))
    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    print_and_wait(qtbot, dialog, pdf_printer(tmp_path / "no-such-folder" / "x.pdf"))
    assert told and "printer could not be started" in told[0]
    assert issued(db) == {}


def test_the_window_stays_live_and_cancel_stops_the_job(qtbot, context, db, group_id, tmp_path):
    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    task = dialog.print_to(pdf_printer(tmp_path / "stopped.pdf", dpi=150))
    assert not task.finished  # print_to returned while the pages are still being sent
    task.cancel()
    qtbot.waitUntil(lambda: task.finished, timeout=60000)
    assert issued(db) == {}
    assert "not printed" in dialog.pages_label.text().lower()


def images_of(path) -> list:
    reader = pypdf.PdfReader(str(path))
    found = []
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(obj)
    return found


def test_pages_go_flattened_onto_white_and_grey_when_the_document_is(
    qtbot, context, group_id, tmp_path
):
    dialog = actions.preview_register(None, context, group_id)
    qtbot.addWidget(dialog)
    print_and_wait(qtbot, dialog, pdf_printer(tmp_path / "register.pdf", dpi=150))
    (image,) = images_of(tmp_path / "register.pdf")
    assert "/SMask" not in image and image["/ColorSpace"] == "/DeviceGray"

    certificates = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(certificates)
    print_and_wait(qtbot, certificates, pdf_printer(tmp_path / "certificates.pdf", 1, 1, 150))
    (image,) = images_of(tmp_path / "certificates.pdf")
    assert "/SMask" not in image and image["/ColorSpace"] == "/DeviceRGB"


def test_serials_taken_on_another_pc_stop_the_job_before_paper_is_used(
    qtbot, context, db, group_id, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.documents import certificates

    dialog = actions.preview_certificates(None, context, group_id)
    qtbot.addWidget(dialog)
    with db.session() as session:  # another PC issues them meanwhile
        certificates.issue_certificates(session, SYSTEM, group_id)
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: told.append(text))
    assert dialog.print_to(pdf_printer(tmp_path / "clash.pdf")) is None
    assert told and "issued on another computer" in told[0]
    assert not (tmp_path / "clash.pdf").exists()
