"""Printing from commands, safe when there is no console (a GUI script on Windows)."""

from __future__ import annotations

import sys


def never_fail_on_encoding() -> None:
    """Output redirected to a file or pipe on Windows is written in the ANSI code page (cp1252),
    which lacks letters of Krio and Mende names (Ŋ, ɔ, ɛ): show those as "?" instead of failing
    a command that did its work."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def say(message: str) -> None:
    if sys.stdout is not None:
        print(message, flush=True)


def warn(message: str) -> None:
    if sys.stderr is not None:
        print(message, file=sys.stderr, flush=True)
