"""The women's feedback report as a spreadsheet (`mwp-desktop export women-feedback`): per
community, the period, each theme and how many women raised it, from women's sessions that met
the threshold only (services/sessions/women_feedback.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ..actor import Actor
from ..permissions import require
from ..tables import display_date, write_table
from .women_feedback import feedback_report

HEADERS = ("Community", "Period", "Theme", "Women who raised it")


def export_women_feedback(
    session: Session, actor: Actor, start: date, end: date, path: Path
) -> int:
    require(actor, "export")
    period = f"{display_date(start)} to {display_date(end)}"
    rows = [
        (line.community, period, line.theme_title, line.raised_by)
        for line in feedback_report(session, actor, start, end)
    ]
    return write_table(path, HEADERS, rows, sheet="Women's feedback")
