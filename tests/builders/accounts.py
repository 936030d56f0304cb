"""Who acts: actors for services that only check a role, and user accounts that sign in."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mwp_desktop.services.actor import Actor
from mwp_desktop.services.admin import users

from ._ids import id_of

# Acting without an account, as the services allow; their names show in the audit trail.
ADMIN = Actor(user_id=None, username="admin", role="admin")
STAFF = Actor(user_id=None, username="aminata", role="staff")
SUPERVISOR = Actor(user_id=None, username="fatmata", role="supervisor")
FACILITATOR = Actor(user_id=None, username="ibrahim", role="facilitator")

# Each role's account: username, full name, password.
ACCOUNTS = {
    "admin": ("admin", "Ada Admin", "admin-pass-1"),
    "staff": ("staff", "Sam Staff", "staff-pass-1"),
    "supervisor": ("sup", "Sue Supervisor", "sup-pass-12"),
    "facilitator": ("fatu", "Fatu Facilitator", "fatu-pass-12"),
}


def add_user_accounts(
    session: Session, roles: tuple[str, ...] = ("staff", "supervisor"), *, facilitator=None
) -> dict[str, Actor]:
    """The first administrator, then an account for each of `roles` (see ACCOUNTS), the
    facilitator's linked to the `facilitator` record. Returns each role's actor, as signing in
    would give it.

    Passwords are hashed at the office's cost: tests that sign in often ask for the
    `fast_hashing` fixture."""
    username, full_name, password = ACCOUNTS["admin"]
    admin = users.create_first_admin(session, username, full_name, password)
    actors = {"admin": admin}
    for role in roles:
        username, full_name, password = ACCOUNTS[role]
        linked = id_of(facilitator) if role == "facilitator" else None
        made = users.create_user(session, admin, username, full_name, role, password, linked)
        actors[role] = users.actor_for(made)
    return actors


def sign_in_for_commands(monkeypatch, role: str = "admin") -> None:
    """Run `mwp-desktop` commands as this role's account (see ACCOUNTS), as a script would:
    with MWP_USER and MWP_PASSWORD."""
    username, _full_name, password = ACCOUNTS[role]
    monkeypatch.setenv("MWP_USER", username)
    monkeypatch.setenv("MWP_PASSWORD", password)
