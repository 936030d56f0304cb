"""Dates typed on the command line: dd/mm/yyyy as the office writes them, or ISO yyyy-mm-dd,
read by the same rule as dates typed in the window and in imported lists."""

from __future__ import annotations

import argparse
from datetime import date


def date_argument(text: str) -> date:
    """An argparse `type`: the date, or the reason it is not one (said in one line)."""
    # Imported here: the parser is built at every start, the window's too, before any date.
    from ..services.registration.validation import parse_date

    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it as dd/mm/yyyy (or yyyy-mm-dd)"
        )
    return day
