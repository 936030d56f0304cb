"""What every panel needs to do its work: the open database and who is signed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...services.actor import SYSTEM, Actor

if TYPE_CHECKING:  # the sign-in dialog is built before the database layer is imported
    from ...models.database import Database


@dataclass
class AppContext:
    db: Database
    actor: Actor = field(default=SYSTEM)
