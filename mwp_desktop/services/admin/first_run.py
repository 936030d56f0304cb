"""The first start: the organisation's name and logo and the first administrator.

Called by the welcome dialog. The office's real database is always the one set up here; demo data,
if the user wants to explore first, goes to its own file (demo.sqlite3) so it never mixes with the
real records.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ...errors import UserError, ValidationError
from ...models.database import Database
from ...paths import data_dir, demo_database_path
from ..actor import Actor
from .backups import path_is
from .settings import set_setting
from .users import create_first_admin, has_users

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")


def needs_first_admin(db: Database) -> bool:
    with db.session() as session:
        return not has_users(session)


def set_up_office(
    db: Database,
    *,
    organisation: str,
    logo: str,
    username: str,
    full_name: str,
    password: str,
) -> Actor:
    """Save the organisation and make the first administrator, in one transaction."""
    organisation = organisation.strip()
    problems = {}
    if not organisation:
        problems["organisation"] = "is required"
    elif len(organisation) > 200:
        problems["organisation"] = "must be at most 200 characters"
    logo_path = Path(logo.strip()) if logo.strip() else None
    if logo_path is not None:
        if logo_path.suffix.lower() not in LOGO_SUFFIXES:
            problems["logo"] = "must be a PNG or JPEG picture"
        elif not path_is(logo_path, "file"):
            problems["logo"] = f"there is no file at {logo_path}"
    if problems:
        raise ValidationError(problems)
    with db.session() as session:
        actor = create_first_admin(session, username, full_name, password)
        set_setting(session, actor, "organisation_name", organisation)
        if logo_path is not None:
            # A copy in the data folder: the original may be on a stick that goes away.
            kept = data_dir() / f"logo{logo_path.suffix.lower()}"
            try:
                shutil.copyfile(logo_path, kept)
            except OSError as exc:
                raise UserError(f"The logo could not be copied ({exc.strerror}).") from None
            set_setting(session, actor, "organisation_logo", str(kept))
    return actor


def prepare_demo_database(progress=None) -> str:
    """Make demo.sqlite3 (demo data and one account per role) if needed; returns its path."""
    from ..demo.accounts import add_demo_accounts
    from .database import open_for_use

    path = demo_database_path()
    if path.exists():
        return str(path)
    try:
        from ..demo.builder import build_demo
    except ImportError:
        raise UserError("This version of the program has no demo data.") from None
    data_dir().mkdir(parents=True, exist_ok=True)
    db = open_for_use(str(path))
    try:
        build_demo(db, "office", 1, progress=progress)
        with db.session() as session:
            add_demo_accounts(session)
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        raise
    db.close()
    return str(path)
