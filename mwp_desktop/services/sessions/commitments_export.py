"""A group's commitments as a spreadsheet (`mwp-desktop export commitments`): one line a
commitment, with the man's code, the area, his words, the session it was made at, the latest
check-in and his next step after the program."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ..actor import Actor
from ..permissions import require
from ..tables import write_table
from .commitments import AREA_TITLES, PROGRESS_TITLES, CommitmentLine, group_commitments

HEADERS = ("Code", "Area", "His words", "Made at session", "Latest check-in", "Next step")


def commitment_rows(lines: list[CommitmentLine]) -> list[tuple]:
    """One row a commitment; a man with only a next step gets one row for it."""
    next_steps = {line.code: line.words for line in lines if line.kind == "next_step"}
    rows = [
        (line.code, AREA_TITLES[line.area], line.words, line.made_at,
         PROGRESS_TITLES.get(line.latest, "") if line.latest else "", next_steps.get(line.code, ""))
        for line in lines if line.kind == "commitment"
    ]  # fmt: skip
    with_commitments = {row[0] for row in rows}
    rows += [(code, "", "", "", "", words)
             for code, words in next_steps.items() if code not in with_commitments]  # fmt: skip
    return sorted(rows, key=lambda row: row[0])


def export_commitments(session: Session, actor: Actor, group_id: int, path: Path) -> int:
    require(actor, "export")
    rows = commitment_rows(group_commitments(session, actor, group_id))
    return write_table(path, HEADERS, rows, sheet="Commitments")
