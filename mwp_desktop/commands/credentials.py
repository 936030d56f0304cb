"""Who is running a command that changes data.

From MWP_USER and MWP_PASSWORD (for scripts), else asked at the terminal. A database with no
accounts yet (before the welcome dialog ran) has nobody to sign in as, so the program acts for
itself. Commands that only read do not ask.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from ..errors import UserError
from ..services.actor import SYSTEM, Actor

if TYPE_CHECKING:
    from ..models.database import Database


def command_actor(db: Database) -> Actor:
    from ..services.admin.users import authenticate, has_users

    with db.session() as session:
        if not has_users(session):
            return SYSTEM
    username = os.environ.get("MWP_USER", "")
    password = os.environ.get("MWP_PASSWORD")
    if password is None or not username:
        if sys.stdin is None or not sys.stdin.isatty():
            raise UserError(
                "This command changes data: set MWP_USER and MWP_PASSWORD, "
                "or run it in a terminal to be asked."
            )
        username = username or input("User name: ")
        password = getpass.getpass("Password: ")
    return authenticate(db, username, password)
