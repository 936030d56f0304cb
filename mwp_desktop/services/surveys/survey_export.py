"""A group's survey scores as a table: one row per man per round, for a supervisor's own
analysis or a donor's. Individual scores: supervisors and administrators only."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ...models import ROUND_KINDS
from ..actor import Actor
from ..permissions import require
from ..tables import display_date, write_table
from .man_scores import man_scores
from .rounds import ROUND_TITLES

HEADERS = ("Code", "Round", "Date", "Answered", "Total", "Inequitable", "Equitable", "Band")


def survey_rows(session: Session, actor: Actor, group_id: int) -> list[tuple]:
    rows = []
    for man in man_scores(session, actor, group_id):
        for kind in ROUND_KINDS:
            if kind not in man.rounds:
                continue
            result = man.rounds[kind]
            day = display_date(man.days[kind])
            if result is None:  # he refused this round
                rows.append((man.code, ROUND_TITLES[kind], day, "refused", "", "", "", ""))
                continue
            rows.append((man.code, ROUND_TITLES[kind], day, result.answered,
                         *(_blank(value) for value in
                           (result.total, result.inequitable, result.equitable)),
                         result.band or ""))  # fmt: skip
    return rows


def _blank(value: float | None) -> object:
    return "" if value is None else value


def export_survey(session: Session, actor: Actor, group_id: int, path: Path) -> int:
    require(actor, "export")
    return write_table(path, HEADERS, survey_rows(session, actor, group_id), sheet="Survey scores")
