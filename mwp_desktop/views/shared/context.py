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
    # None only while the person is signing in, in the context of a panel built meanwhile
    # (main_window.prepare_panel): such a panel reads nothing until it is set.
    actor: Actor | None = field(default=SYSTEM)
