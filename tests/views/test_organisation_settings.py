"""The Organisation settings page (the name, logo and paper size on every document)."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import Qt

from mwp_desktop.services.actor import Actor
from mwp_desktop.services.documents.branding import branding
from mwp_desktop.views.settings.organisation import OrganisationPage
from mwp_desktop.views.shared.context import AppContext


def test_saving_names_signatories_paper_and_logo(qtbot, db, tmp_path, data_dir):
    logo = tmp_path / "usb" / "lewaf.png"
    logo.parent.mkdir()
    Image.new("RGB", (64, 64), "#2a7f62").save(logo)
    page = OrganisationPage(AppContext(db=db))
    qtbot.addWidget(page)
    page.edits["signatory_1_name"].clear()
    qtbot.keyClicks(page.edits["signatory_1_name"], "Aminata Kamara")
    page.logo_edit.setText(str(logo))
    page.paper_combo.setCurrentText("Letter")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert "Saved" in page.message.text()
    with db.session() as session:
        brand = branding(session)
    assert brand.signatories[0].name == "Aminata Kamara"
    assert brand.paper_size == "Letter"
    # The logo is kept in the data folder: printing still has it when the USB stick is gone.
    assert brand.logo_path == str(data_dir / "organisation-logo.png")
    logo.unlink()
    assert (data_dir / "organisation-logo.png").is_file()


def test_mistakes_are_explained_and_nothing_is_saved(qtbot, db, tmp_path):
    page = OrganisationPage(AppContext(db=db))
    qtbot.addWidget(page)
    page.edits["organisation_name"].clear()
    page.edits["signatory_2_name"].setText("Someone")
    page.logo_edit.setText(str(tmp_path / "logo.doc"))
    assert page.save() is None
    assert "cannot be blank" in page.message.text() and "PNG or JPEG" in page.message.text()
    with db.session() as session:
        assert branding(session).signatories[1].name == ""


def test_staff_see_but_cannot_change(qtbot, db):
    page = OrganisationPage(AppContext(db=db, actor=Actor(None, "kadi", "staff")))
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled()
    assert page.edits["organisation_name"].text() == "Lady Ellen Women's Aid Foundation"


def test_what_documents_show_is_the_offices_choice(qtbot, db):
    """Phones on the sign-in sheet and the count on a certificate are off until the office
    turns them on; the certificate's cream page can be white."""
    page = OrganisationPage(AppContext(db=db))
    qtbot.addWidget(page)
    with db.session() as session:
        brand = branding(session)
    assert (brand.sign_in_phones, brand.certificate_attendance, brand.certificate_cream) == (
        False, False, True,
    )  # fmt: skip
    assert not page.options["sign_in_phones"].isChecked()
    page.options["sign_in_phones"].setChecked(True)
    page.options["certificate_cream"].setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert "Saved" in page.message.text()
    with db.session() as session:
        brand = branding(session)
    assert (brand.sign_in_phones, brand.certificate_attendance, brand.certificate_cream) == (
        True, False, False,
    )  # fmt: skip
    page.refresh()
    assert page.options["sign_in_phones"].isChecked()
