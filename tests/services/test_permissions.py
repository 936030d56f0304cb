"""Each role × each action in permissions.PERMISSIONS: allowed or refused, with a clear message.

Where a service of the trust issue performs the action, the real service is called; the other
actions are performed by services of other issues, which call `require` the same way.
"""

from datetime import date
from uuid import uuid4

import pytest

from mwp_desktop.errors import PermissionDenied
from mwp_desktop.models import ROLES
from mwp_desktop.services.actor import Actor
from mwp_desktop.services.admin import audit_log, backups, users
from mwp_desktop.services.admin.database import open_for_use
from mwp_desktop.services.admin.settings import set_setting
from mwp_desktop.services.permissions import ACTION_WORDS, PERMISSIONS, ROLE_TITLES, require
from mwp_desktop.services.statistics.deidentified_export import export_deidentified
from tests.builders.accounts import add_user_accounts
from tests.builders.places import add_facilitator

EXPECTED = {
    "admin": set(PERMISSIONS),
    "supervisor": set(PERMISSIONS) - {"users", "restore"},
    "staff": {"view", "print", "register", "import", "export", "schedule", "attendance", "backup"},
    "facilitator": {"view", "print"},
}


@pytest.fixture(scope="module")
def shared(module_db_url):
    """One database for the whole matrix: 60 fresh databases would make this slow."""
    database = open_for_use(module_db_url)
    with database.session() as s:
        actors = add_user_accounts(
            s, roles=ROLES[1:], facilitator=add_facilitator(s, "Joseph Kanu")
        )
    yield database, actors
    database.close()


@pytest.fixture
def db(shared):
    return shared[0]


@pytest.fixture
def accounts(shared):
    return shared[1]


def _perform(action: str, db, actor: Actor, tmp_path) -> None:
    """Do `action` through a real service where this issue owns one."""
    if action == "users":
        with db.session() as s:
            users.create_user(s, actor, f"new-{uuid4().hex[:8]}", "New", "staff", "newcomer-pass")
    elif action == "audit_view":
        with db.session() as s:
            audit_log.query_audit(s, actor)
    elif action == "backup":
        backups.backup_now(db, actor, tmp_path / f"{actor.username}.sqlite3")
    elif action == "restore":
        source = backups.backup_database(db, tmp_path / "source.sqlite3")
        backups.restore_database(db, source, actor)
    elif action == "settings":
        with db.session() as s:
            set_setting(s, actor, "organisation_short_name", "LEWAF-SL")
    elif action == "export":
        with db.session() as s:
            export_deidentified(s, actor, tmp_path / "donor.csv", date(2026, 6, 1))
    else:
        require(actor, action)


@pytest.mark.parametrize("action", sorted(PERMISSIONS))
@pytest.mark.parametrize("role", ROLES)
def test_role_may_or_may_not(db, accounts, tmp_path, role, action):
    actor = accounts[role]
    if action in EXPECTED[role]:
        _perform(action, db, actor, tmp_path)
    else:
        with pytest.raises(PermissionDenied) as refused:
            _perform(action, db, actor, tmp_path)
        assert str(refused.value) == f"{ROLE_TITLES[role]} accounts cannot {ACTION_WORDS[action]}."
