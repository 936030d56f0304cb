"""Builders take the records they link to as rows or as ids: tests hold either."""

from __future__ import annotations


def id_of(row_or_id) -> int | None:
    if row_or_id is None or isinstance(row_or_id, int):
        return row_or_id
    return row_or_id.id
