"""What every panel needs to do its work: the open database and who is signed in."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...models.database import Database
from ...services.actor import SYSTEM, Actor


@dataclass
class AppContext:
    db: Database
    actor: Actor = field(default=SYSTEM)
