"""Where the program keeps its files.

The data folder comes from platformdirs (%LOCALAPPDATA%\\LEWAF\\MWP Desktop on Windows) unless
MWP_DATA_DIR names another; the database is `--db`, else MWP_DB, else mwp.sqlite3 in that folder.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "MWP_DATA_DIR"
DB_ENV = "MWP_DB"
DB_FILE_NAME = "mwp.sqlite3"
DEMO_DB_FILE_NAME = "demo.sqlite3"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("MWP Desktop", "LEWAF", roaming=False))


def default_database_path() -> Path:
    return data_dir() / DB_FILE_NAME


def demo_database_path() -> Path:
    """Demo data lives in its own file so that it never mixes with the office's real records."""
    return data_dir() / DEMO_DB_FILE_NAME


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"


def office_server_file() -> Path:
    """Where Settings › Office server keeps the shared PostgreSQL database's address."""
    return data_dir() / "office-server.txt"


def saved_office_server() -> str | None:
    try:
        return office_server_file().read_text("utf-8").strip() or None
    except OSError:
        return None


def database_target(explicit: str | None = None) -> str:
    """The database the user asked for: a path or a SQLAlchemy URL (`--db`, MWP_DB, the saved
    office server, else the file in the data folder)."""
    return (
        explicit or os.environ.get(DB_ENV) or saved_office_server() or str(default_database_path())
    )


def is_office_database(explicit: str | None = None) -> bool:
    """The office's own file in the data folder is in use (not --db, MWP_DB or a server): its
    welcome dialog may offer to explore demo data first. Whether the welcome is shown at all
    depends on the database having no accounts yet, so a first start cancelled half-way
    simply shows the welcome again."""
    return database_target(explicit) == str(default_database_path())
