"""What every panel needs to do its work: the open database (and, later, who is signed in)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models.database import Database


@dataclass
class AppContext:
    db: Database
