"""Printing from commands, safe when there is no console (a GUI script on Windows)."""

from __future__ import annotations

import sys


def say(message: str) -> None:
    if sys.stdout is not None:
        print(message, flush=True)


def warn(message: str) -> None:
    if sys.stderr is not None:
        print(message, file=sys.stderr, flush=True)
