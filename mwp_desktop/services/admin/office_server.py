"""Connecting to a shared office database on PostgreSQL.

The address is kept in `office-server.txt` in the user's data folder (readable only by that user)
and used when neither `--db` nor MWP_DB names a database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import URL, create_engine, inspect, text
from sqlalchemy.exc import DBAPIError, NoSuchModuleError

from ...errors import UserError, ValidationError
from ...models.database import SCHEMA_HEAD
from ...paths import office_server_file, saved_office_server

__all__ = ["saved_office_server"]
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class ServerCheck:
    server_version: str
    revision: str | None  # None: an empty database, set up on first use

    def describe(self) -> str:
        if self.revision is None:
            state = "the database is empty and will be set up on first use"
        elif self.revision == SCHEMA_HEAD:
            state = "it holds MWP Desktop records at this version"
        else:
            state = f"it holds MWP Desktop records at schema {self.revision}"
        return f"Connected to PostgreSQL {self.server_version}: {state}."


def server_url(host: str, port: str, database: str, user: str, password: str) -> str:
    problems = {}
    if not host.strip():
        problems["host"] = "is required (the server PC's name or address)"
    if port.strip() and not port.strip().isdigit():
        problems["port"] = "must be a number such as 5432"
    if not database.strip():
        problems["database"] = "is required"
    if not user.strip():
        problems["user"] = "is required"
    if problems:
        raise ValidationError(problems)
    url = URL.create(
        "postgresql+psycopg",
        username=user.strip(),
        password=password or None,
        host=host.strip(),
        port=int(port) if port.strip() else None,
        database=database.strip(),
    )
    return url.render_as_string(hide_password=False)


def check_server(url: str) -> ServerCheck:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except (NoSuchModuleError, ImportError):
        raise UserError("The PostgreSQL driver (psycopg) is not installed.") from None
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
            revision = None
            if "alembic_version" in inspect(conn).get_table_names():
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        reason = (str(exc.orig).strip().splitlines() or ["no answer"])[0]
        raise UserError(f"Could not connect to the office server: {reason}") from None
    finally:
        engine.dispose()
    return ServerCheck(str(version), revision)


def save_office_server(url: str) -> None:
    path = office_server_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(url, "utf-8")
    os.chmod(path, 0o600)


def forget_office_server() -> None:
    office_server_file().unlink(missing_ok=True)
