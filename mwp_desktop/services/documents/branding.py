"""The organisation's printing settings: names, logo, signatories and paper, as the documents'
Branding, and checking and saving them from the Settings page."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from sqlalchemy.orm import Session

from ...errors import ValidationError
from ...paths import data_dir
from ...printing.data import Branding, Signatory
from ..actor import Actor
from ..admin import audit
from ..admin.settings import all_settings, set_setting
from ..permissions import require


def branding(session: Session) -> Branding:
    values = all_settings(session)
    return Branding(
        organisation_name=values["organisation_name"],
        short_name=values["organisation_short_name"],
        program_name=values["program_name"],
        logo_path=values["organisation_logo"],
        paper_size=values["paper_size"],
        signatories=(
            Signatory(values["signatory_1_name"], values["signatory_1_title"]),
            Signatory(values["signatory_2_name"], values["signatory_2_title"]),
        ),
        **{key: bool(values[key]) for key in DOCUMENT_OPTIONS},
    )


BRANDING_KEYS = (
    "organisation_name",
    "organisation_short_name",
    "program_name",
    "organisation_logo",
    "signatory_1_name",
    "signatory_1_title",
    "signatory_2_name",
    "signatory_2_title",
    "paper_size",
)
# Yes/no choices of what the documents show, saved with the names (Branding's fields).
DOCUMENT_OPTIONS = ("sign_in_phones", "certificate_attendance", "certificate_cream")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


def save_branding(session: Session, actor: Actor, values: dict[str, str]) -> list[str]:
    """Check and save the organisation's printing settings; returns the keys that changed.

    A logo is copied into the data folder, so printing keeps it when the USB stick it came
    from is gone. The role is checked before anything is written: the kept logo is a file,
    which a refusal raised later (by set_setting) would not put back."""
    require(actor, "settings")
    options = {key: bool(values[key]) for key in DOCUMENT_OPTIONS if key in values}
    values = {key: str(values.get(key, "")).strip() for key in BRANDING_KEYS if key in values}
    problems = {}
    if "organisation_name" in values and not values["organisation_name"]:
        problems["organisation_name"] = "the organisation's name cannot be blank"
    if values.get("paper_size", "A4") not in ("A4", "Letter"):
        problems["paper_size"] = "choose A4 or Letter"
    logo = values.get("organisation_logo", "")
    if logo:
        source = Path(logo)
        if source.suffix.lower() not in LOGO_SUFFIXES:
            problems["organisation_logo"] = "use a PNG or JPEG picture"
        elif not source.is_file():
            problems["organisation_logo"] = f"{source} does not exist"
    if problems:
        raise ValidationError(problems)
    current = all_settings(session)
    new_picture = False
    if logo and Path(logo) != _kept_logo(Path(logo).suffix):
        kept = _kept_logo(Path(logo).suffix)
        new_picture = not kept.is_file() or not filecmp.cmp(logo, kept, shallow=False)
        if new_picture:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(logo, kept)
        values["organisation_logo"] = str(kept)
    values.update(options)
    changed = [key for key, value in values.items() if current.get(key) != value]
    for key in changed:
        set_setting(session, actor, key, values[key])
    if new_picture and "organisation_logo" not in changed:
        # The same kept file with another picture in it: no setting changed, but every
        # document printed from now on looks different, so the trail says who did it.
        audit.record(
            session, actor, "update", "setting", None,
            summary="The organisation's logo picture was replaced",
        )  # fmt: skip
        changed.append("organisation_logo")
    return changed


def _kept_logo(suffix: str) -> Path:
    return data_dir() / f"organisation-logo{suffix.lower()}"
