"""A rotating log file in the data folder.

Never log participant names or phone numbers: the log is read when helping an office over the
phone, and it is not protected like the database.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from .paths import logs_dir


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_mwp", False) for h in root.handlers):
        return
    try:
        folder = logs_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / "mwp-desktop.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return  # a read-only or missing data folder must not stop the program
    handler._mwp = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
