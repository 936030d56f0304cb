"""Declarative base shared by every table.

Every row carries a UUID beside its integer id so that records from two offices can be merged
later without their ids colliding.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, MetaData, String, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Named constraints make Alembic's batch mode on SQLite able to find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RowIdentity:
    """Integer primary key, merge-safe UUID and creation/update times."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


class EditVersion:
    """A number raised by one at every save through the ORM, which also refuses to save over a
    version it did not read (SQLAlchemy's version_id_col): two PCs editing the same record cannot
    silently undo each other's change. Stored counts written past the ORM leave it alone, so a
    mark or a new member does not count as an edit of its meeting or group."""

    version: Mapped[int] = mapped_column(server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


def in_values(column: str, values: tuple[str, ...]) -> str:
    """SQL text of a CHECK that keeps a status column to its known values."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
