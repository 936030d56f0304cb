"""A rotating log file in the data folder.

Never log participant names or phone numbers: the log is read when helping an office over the
phone, and it is not protected like the database.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler

from .paths import logs_dir

# Phone numbers (+232 76 123456, 076-123-456 …): a second guard behind the rule above, for
# values that reach a message anyway (an error text quoting what was typed).
_PHONE = re.compile(r"(?<![\w.+])(?:\+\d[\d \-]{6,}\d|0\d{2}[ \-]?\d{3}[ \-]?\d{3}|232\d{8})(?!\d)")


def redact(text: str) -> str:
    return _PHONE.sub("[number removed]", text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, with anything shaped like a phone number blanked in the message and the
    error details (not in the time stamp)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = redact(record.message)
        return super().formatMessage(record)

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return redact(super().formatException(ei))


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
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
