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


def database_target(explicit: str | None = None) -> str:
    """The database the user asked for: a path or a SQLAlchemy URL."""
    return explicit or os.environ.get(DB_ENV) or str(default_database_path())
