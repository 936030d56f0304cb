"""Who is running a command, and whether their role allows it.

Every command that reads identifiable data or changes data signs in and is held to the same role
rules as the window (services/permissions.py); only --version, --help and `check` need no account.
The account comes from MWP_USER and MWP_PASSWORD (for scripts), else is asked at the terminal;
with neither, the command is refused in one line before it reads or writes anything. A database
with no accounts yet has nobody to sign in as: `mwp-desktop init` or the window's welcome makes
its first administrator.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from ..errors import UserError
from ..services.actor import Actor
from ..services.permissions import require

if TYPE_CHECKING:
    from ..models.database import Database


def signed_in(db: Database, action: str) -> Actor:
    """The signed-in account, once its role is known to allow `action` (a permissions action)."""
    from ..services.admin.first_run import needs_first_admin
    from ..services.admin.users import authenticate

    if needs_first_admin(db):
        raise UserError(
            "This database has no user accounts yet; make its first administrator with "
            "`mwp-desktop init` or by opening the program."
        )
    username, password = _credentials()
    actor = authenticate(db, username, password)
    require(actor, action)
    return actor


def new_password(command: str) -> str:
    """The password of an account a command makes: MWP_PASSWORD, else asked twice."""
    password = os.environ.get("MWP_PASSWORD")
    if password is not None:
        return password
    if not _at_terminal():
        raise UserError(
            f"{command} needs the administrator's password: set MWP_PASSWORD, "
            "or run it in a terminal to be asked."
        )
    first = getpass.getpass("Password for the new administrator: ")
    if getpass.getpass("The same password again: ") != first:
        raise UserError("The two passwords are not the same; nothing was saved.")
    return first


def _credentials() -> tuple[str, str]:
    username = os.environ.get("MWP_USER", "")
    password = os.environ.get("MWP_PASSWORD")
    if password is None or not username:
        if not _at_terminal():
            raise UserError(
                "This command needs an account: set MWP_USER and MWP_PASSWORD, "
                "or run it in a terminal to be asked."
            )
        username = username or _ask("User name: ")
        password = getpass.getpass("Password: ")
    return username, password


def _at_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str:
    # On stderr: stdout carries only what the command reports.
    sys.stderr.write(prompt)
    sys.stderr.flush()
    return sys.stdin.readline().strip()
