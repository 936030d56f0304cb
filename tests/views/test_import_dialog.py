"""The import window: guessed columns, preview with each row's status, confirming new
communities, then importing with progress."""

import threading
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from sqlalchemy import select

from mwp_desktop.models import Enrollment
from mwp_desktop.services.registration.participant_search import (
    ParticipantQuery,
    count_participants,
)
from mwp_desktop.views.participants import import_dialog
from mwp_desktop.views.participants.import_dialog import ImportDialog
from mwp_desktop.views.participants.import_preview_model import ImportPreviewModel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.places import add_community


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)


def test_preview_mapping_and_import(qtbot, qtmodeltester, db, tmp_path):
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    path = tmp_path / "list.csv"
    path.write_bytes(
        "MWP list for Tombo and Lumley\n\nNo.;Names;Gender;Age;Mobile;Village;Remarks\n"
        "1;Mohamed Kamara;M;34;076123456;Tombo;\n"
        "2;Sorie Koroma;M;abc;;Lumley;\n"
        "3;Foday Sesay;M;;088 111 222;Lumley;leader\n".encode("cp1252")
    )
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None)  # the file is read in the background
    assert dialog.mapping() == {
        "full_name": 1,
        "sex": 2,
        "age": 3,
        "phone": 4,
        "community": 5,
        "notes": 6,
    }
    assert [dialog.preview.index(r, 1).data() for r in range(3)] == [
        "will be imported",
        "error",
        "will be imported",
    ]
    assert dialog.preview.index(1, 4).data() == "'abc' is not an age or a year of birth."
    qtmodeltester.check(dialog.preview)
    # Lumley is new: the import waits until the user confirms it.
    assert dialog.new_places.isVisible() and "Lumley" in dialog.new_places.text()
    assert not dialog.import_button.isEnabled()
    # Changing the mapping re-checks every row: without the age column the second row is good.
    dialog.set_column("age", None)
    assert dialog.plan.count("new") == 3
    dialog.new_places.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()  # saved off the UI thread
    qtbot.waitUntil(lambda: dialog.result() == ImportDialog.Accepted)
    assert dialog.outcome.imported == 3
    assert participants(db) == (3, False)


def test_empty_preview_model_passes_the_tester(qtmodeltester):
    qtmodeltester.check(ImportPreviewModel())


def test_unreadable_file_is_reported(qtbot, db, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf")
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(shown))
    assert "old Excel file" in shown[0]
    assert dialog.source is None and not dialog.import_button.isEnabled()


def test_problem_rows_are_saved_to_a_file_and_a_folder_that_is_gone_is_said(
    qtbot, db, tmp_path, monkeypatch
):
    shown, told = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    path = tmp_path / "list.csv"
    path.write_text(
        "Names;Gender;Age;Village\nMohamed Kamara;M;34;Tombo\nSorie Koroma;M;abc;Tombo\n"
    )
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None)
    report = tmp_path / "rows-not-imported.csv"
    chosen = [report, tmp_path / "gone" / "rows.csv"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen.pop(0)), ""))

    dialog.report_button.click()
    qtbot.waitUntil(report.exists)
    # Every column of the list, then why: fixed in Excel, the file is imported again.
    assert report.read_text(encoding="utf-8-sig").splitlines() == [
        "Names,Gender,Age,Village,Not imported because",
        "Sorie Koroma,M,abc,Tombo,error: 'abc' is not an age or a year of birth.",
    ]
    qtbot.waitUntil(lambda: bool(told))
    assert told == [
        f"1 row not imported written to\n{report}\n\nFix them there and import that file again."
    ]
    dialog.report_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [f"The folder {tmp_path / 'gone'} does not exist."]


def participants(db) -> tuple[int, bool]:
    with db.session() as s:
        return count_participants(s, ADMIN, ParticipantQuery(""))


# A loaded CI machine can take seconds to schedule the import's thread: wait generously (the
# import itself would take 30 s a chunk, so only a working Cancel ends the test in time).
WAIT_MS = 20_000


def progress_dialogs(dialog) -> list[QProgressDialog]:
    return [p for p in dialog.findChildren(QProgressDialog) if p.isVisible()]


@pytest.mark.parametrize("press", ["Cancel", "Escape"])
def test_an_import_cancelled_from_its_progress_dialog_keeps_nothing_and_the_dialog_closes(
    qtbot, db, tmp_path, monkeypatch, press
):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    path = tmp_path / "list.csv"
    path.write_text("Names;Gender;Village\nMohamed Kamara;M;Tombo\nSorie Koroma;M;Tombo\n")
    real_import = import_dialog.run_import

    def slow_import(session, actor, plan, *, progress, **kw):
        """Each saved chunk takes a while, as at national scale: the user has time to cancel."""

        def slowly(done, total):
            until = time.monotonic() + 30  # far longer than any wait below: only Cancel ends it
            while time.monotonic() < until:
                progress(done, total)  # raises once cancelled
                time.sleep(0.02)

        return real_import(session, actor, plan, progress=slowly, **kw)

    monkeypatch.setattr(import_dialog, "run_import", slow_import)
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)

    qtbot.waitUntil(lambda: bool(progress_dialogs(dialog)), timeout=WAIT_MS)
    (progress,) = progress_dialogs(dialog)
    if press == "Cancel":
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.LeftButton)
    else:
        qtbot.keyClick(progress, Qt.Key_Escape)

    qtbot.waitUntil(lambda: told == ["Import cancelled; nothing was saved."], timeout=WAIT_MS)
    assert progress_dialogs(dialog) == []  # it closed itself
    assert participants(db) == (0, False)
    assert dialog.isVisible() and dialog.import_button.isEnabled()  # to try again


def every_progress_dialog(dialog) -> list[QProgressDialog]:
    """Shown or not: a hidden one still alive can be shown again by Qt's own timer."""
    return dialog.findChildren(QProgressDialog)


READING_AT_MOST_S = 60  # longer than any wait below: only the test's `set()` ends it


def slow_reading(monkeypatch, until: threading.Event):
    """Reading the file takes until `until` is set: long enough for its progress box to show."""
    real_load = import_dialog.load_source

    def load_source(path):
        until.wait(READING_AT_MOST_S)
        return real_load(path)

    monkeypatch.setattr(import_dialog, "load_source", load_source)


def reading_slowly(qtbot, db, tmp_path, monkeypatch):
    """The import dialog opened on a list still being read, its progress box up; and the
    event that lets the reading finish."""
    path = tmp_path / "participants_tombo.csv"
    path.write_text("Names;Gender;Village\nMohamed Kamara;M;Tombo\n")
    read = threading.Event()
    slow_reading(monkeypatch, read)
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(progress_dialogs(dialog)), timeout=WAIT_MS)
    return dialog, read


def test_the_reading_progress_box_is_gone_once_the_preview_shows(qtbot, db, tmp_path, monkeypatch):
    dialog, read = reading_slowly(qtbot, db, tmp_path, monkeypatch)
    read.set()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: every_progress_dialog(dialog) == [], timeout=WAIT_MS)
    assert QApplication.activeModalWidget() in (None, dialog)


@pytest.mark.parametrize("press", ["Cancel", "Escape"])
def test_cancel_while_reading_closes_the_box_at_once_and_drops_the_file(
    qtbot, db, tmp_path, monkeypatch, press
):
    dialog, read = reading_slowly(qtbot, db, tmp_path, monkeypatch)
    (progress,) = progress_dialogs(dialog)
    if press == "Cancel":
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.LeftButton)
    else:
        qtbot.keyClick(progress, Qt.Key_Escape)

    # Still reading (the file is not read yet), yet the box is gone and the dialog is usable.
    qtbot.waitUntil(lambda: every_progress_dialog(dialog) == [], timeout=2_000)
    assert not read.is_set() and dialog.isVisible()
    read.set()
    qtbot.wait(300)  # the dropped read answers meanwhile: nothing of it is shown
    assert dialog.source is None and dialog.plan is None and dialog.path_edit.text() == ""


def test_the_preview_gives_the_command_lines_verdicts_and_imports_shared_phones(
    qtbot, db, tmp_path
):
    with db.session() as s:
        add_community(s, "Tombo", chiefdom="Koya")
    path = tmp_path / "participants_tombo.csv"
    path.write_text(
        "Name,Sex,Age,Phone,Community\nSorie Koroma,M,40,088 111 222,Tombo\n"
        "Brima Koroma,M,19,088111222,Tombo\nSorie Koroma,M,40,,Tombo\n"
    )
    dialog = ImportDialog(AppContext(db=db), path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    shown = [
        (dialog.preview.index(r, 1).data(), dialog.preview.index(r, 4).data()) for r in range(3)
    ]
    assert shown == [
        ("will be imported", ""),
        ("will be imported", "Same phone number as row 2 (Sorie Koroma)."),
        ("duplicate in file", "Same name, community and age as row 2."),
    ]
    assert "2 rows will be imported (1 row to check)" in dialog.summary.text()
    assert "1 row duplicated in the file" in dialog.summary.text()


def test_the_list_joins_the_group_on_the_day_shown_which_the_office_can_change(qtbot, db, tmp_path):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        group = add_group(s, "M26-001", community=tombo, start=date(2026, 1, 5)).id
    path = tmp_path / "participants_m26.csv"
    path.write_text("Name,Age\nMohamed Kamara,34\n")
    dialog = ImportDialog(AppContext(db=db), path, group_id=group)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    assert dialog.joined.isVisible() and dialog.joined.text() == "05/01/2026"
    dialog.joined.clear()
    qtbot.keyClicks(dialog.joined, "31/02/2026")  # checked again once the typing pauses
    qtbot.waitUntil(lambda: dialog.plan is None and "dd/mm/yyyy" in dialog.summary.text())
    assert not dialog.import_button.isEnabled()
    dialog.joined.clear()
    qtbot.keyClicks(dialog.joined, "12/01/2026")
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.joined == date(2026, 1, 12))
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result() == ImportDialog.Accepted, timeout=WAIT_MS)
    with db.session() as s:
        assert s.scalar(select(Enrollment.enrolled_on)) == date(2026, 1, 12)


def test_what_the_import_waits_for_is_said_beside_its_button(qtbot, db, tmp_path):
    path = tmp_path / "participants_goderich.csv"
    path.write_text("Name,Sex,Age,Community\nMohamed Kamara,M,34,Goderich\n")
    dialog = ImportDialog(AppContext(db=db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    assert dialog.import_hint.text() == "Choose the list to import."
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
    assert dialog.new_places.text() == "Create 1 new community: Goderich"
    assert not dialog.import_button.isEnabled() and dialog.import_hint.isVisible()
    assert dialog.import_hint.text() == "Tick “Create 1 new community” above to import."
    dialog.new_places.setChecked(True)
    assert dialog.import_button.isEnabled() and not dialog.import_hint.isVisible()
    dialog.set_column("full_name", None)  # a mapping that cannot work
    assert dialog.import_hint.text() == "Fix what is said above to import."
