"""Reading plain rows through the tables, for lists a panel shows as soon as it opens.

A select of the ORM classes' attributes sets up every ORM class on first use (SQLAlchemy's
mapper configuration, ~0.1 s on the office's PCs) and runs each row through the ORM's row
handling. The Groups panel, built just after the main window first paints, reads thousands of
rows and needs neither: its reads go through the tables (`Group.__table__`) on the session's
connection. What the session holds but has not written yet is written first, as the ORM's
autoflush would, so a read in the middle of a change sees that change.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session


def plain_connection(session: Session) -> Connection:
    session.flush()
    return session.connection()
