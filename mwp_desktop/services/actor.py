"""Who is acting: every service that changes data is told, so it can check and record it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: str  # one of models.ROLES
    facilitator_id: int | None = None  # for the facilitator role: whose groups they may see


# The program acting for itself (demo data, start-up tasks) and the command line before the
# users issue's sign-in exists for it.
SYSTEM = Actor(user_id=None, username="system", role="admin")
