"""The import window: guessed columns, preview with each row's status, confirming new
communities, then importing with progress."""

import pytest
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.services.registration.participant_search import (
    ParticipantQuery,
    count_participants,
)
from mwp_desktop.views.participants.import_dialog import ImportDialog
from mwp_desktop.views.participants.import_preview_model import ImportPreviewModel
from mwp_desktop.views.shared.context import AppContext
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
    dialog.import_button.click()
    assert dialog.result() == ImportDialog.Accepted
    assert dialog.outcome.imported == 3
    with db.session() as s:
        assert count_participants(s, ParticipantQuery("")) == (3, False)


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
