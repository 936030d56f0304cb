"""The numbers behind every dashboard chart, as tables for a spreadsheet.

XLSX: one sheet per chart. CSV: the same tables one after another, each under its title. The rows
come from the same `Dashboard` the screen draws, so a donor's spreadsheet and the screen agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from ...errors import UserError
from ..tables import check_table_path, write_table, write_whole
from .dashboard import Dashboard, dashboard
from .filters import DashboardFilter, filter_choices
from .retention import RETENTION_BY


@dataclass(frozen=True)
class SummaryTable:
    title: str  # also the sheet name (at most 31 characters)
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]


def percent(value: float | None) -> float | None:
    """A share as a percentage with one decimal, as people type it into a report."""
    return None if value is None else round(value * 100, 1)


def summary_tables(board: Dashboard, description: str = "") -> list[SummaryTable]:
    start, end = board.period
    about = SummaryTable(
        "About",
        ("Item", "Value"),
        (
            ("Period from", start),
            ("Period to", end),
            ("Filter", description or board.period_text()),
            ("Made on", date.today()),
        ),
    )
    headline = SummaryTable(
        "Headline figures",
        (
            "Figure",
            "Value",
            "Previous period",
            "Change",
            "What it counts",
            "Previous period is",
            "Office target (%)",
        ),
        tuple(
            (
                f.label + (" (%)" if f.is_rate else ""),
                percent(f.value) if f.is_rate else f.value,
                percent(f.previous) if f.is_rate else f.previous,
                None if f.change is None else (percent(f.change) if f.is_rate else f.change),
                f.explanation,
                f.compared_with,
                percent(f.target),
            )
            for f in board.figures
        ),
    )
    weeks = SummaryTable(
        "Attendance by week",
        (
            "Week starting",
            "Meetings held",
            "Marks",
            "Present or late",
            "Attendance (%)",
            "Days in the period",  # fewer than 7: a week the period cuts short
        ),
        tuple(
            (w.week_start, w.meetings, w.marks, w.attended, percent(w.rate), w.days)
            for w in board.weeks
        ),
    )
    retention = SummaryTable(
        "Retention by session",
        (
            RETENTION_BY[board.retention_by],
            "Session",
            "Members present",
            "Members enrolled",
            "Groups",
            "Present (%)",
        ),
        tuple(
            (line.label, p.number, p.attended, p.enrolled, p.groups, percent(p.share))
            for line in board.retention
            for p in line.points
        ),
    )
    completion = SummaryTable(
        "Completion by place",
        (
            board.completion_by.capitalize(),
            "Completed",
            "Did not complete",
            "Dropped out",
            "Completion (%)",
        ),
        tuple(
            (b.label, b.completed, b.not_completed, b.dropped, percent(b.rate))
            for b in board.completion
        ),
    )
    enrolment = SummaryTable(
        "Enrolment by month",
        ("Month", "Registered in total", "In a group at month end"),
        tuple((p.label, p.registered, p.enrolled) for p in board.enrolment),
    )
    mix = SummaryTable(
        "Attendance marks by month",
        ("Month", "Present", "Late", "Excused", "Absent", "Marks"),
        tuple((m.label, m.present, m.late, m.excused, m.absent, m.marks) for m in board.status_mix),
    )
    facilitators = SummaryTable(
        "Facilitators",
        (
            "Facilitator",
            "Meetings held",
            "On the planned day",
            "On the planned day (%)",
            "Marks",
            "Present or late",
            "Attendance (%)",
        ),
        tuple(
            (
                r.name,
                r.meetings,
                r.on_planned_date,
                percent(r.on_time_share),
                r.marks,
                r.attended,
                percent(r.rate),
            )
            for r in board.facilitators
        ),
    )
    attitudes = SummaryTable(
        "Attitude change (GEM)",
        (board.attitudes_by.capitalize(), "Men with both rounds", "Mean before", "Mean after",
         "Mean change", "Score rose (%)", "Bands before", "Bands after"),
        tuple(
            (line.label, line.men, line.mean_before, line.mean_after, line.mean_change,
             percent(line.share_rose), _bands_text(line.bands_before),
             _bands_text(line.bands_after))
            for line in board.attitudes
        ),
    )  # fmt: skip
    dose = SummaryTable(
        "Change by sessions attended",
        ("Sessions attended", "Men", "Mean change in score"),
        tuple((p.attended, p.men, p.mean_change) for p in board.dose),
    )
    commitment_headers = ("Kept", "Partly", "Not yet", "Changed", "Not checked yet",
                          "Commitments", "Kept at the latest check-in (%)")  # fmt: skip
    commitments = SummaryTable(
        "Commitments by area",
        ("Area", *commitment_headers),
        tuple(_commitment_row(a) for a in board.commitments),
    )
    commitments_by_group = SummaryTable(
        "Commitments by group",
        ("Group · area", *commitment_headers),
        tuple(_commitment_row(a) for a in board.commitments_by_group),
    )
    return [about, headline, weeks, retention, completion, enrolment, mix, facilitators,
            attitudes, dose, commitments, commitments_by_group]  # fmt: skip


def _bands_text(bands: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{label} {men}" for label, men in bands)


def _commitment_row(area) -> tuple:
    return (area.label, area.kept, area.partly, area.not_yet, area.changed, area.unchecked,
            area.total, percent(area.kept_share))  # fmt: skip


def write_summary(path: str | Path, board: Dashboard, description: str = "") -> int:
    """Write every table to `path` (.xlsx: a sheet each; .csv: one after another).

    Returns the number of data rows written. The file appears whole or not at all.
    """
    path = check_table_path(Path(path))
    tables = summary_tables(board, description)
    if path.suffix.lower() == ".csv":
        rows: list[tuple] = []
        for table in tables[1:]:
            rows += [(), (table.title,), table.headers, *table.rows]
        heading = ("Dashboard figures", description or board.period_text())
        write_table(path, heading, rows, sheet="Dashboard figures")
        return sum(len(t.rows) for t in tables[1:])
    from ..table_workbook import write_workbook

    sheets = [(t.title, t.headers, t.rows) for t in tables]
    written = write_whole(path, lambda temp: write_workbook(temp, sheets))
    return written - len(tables[0].rows)  # the About sheet describes, it holds no figures


def parse_date(text: str, what: str) -> date:
    """A date as the office types it (dd/mm/yyyy) or as ISO (yyyy-mm-dd)."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise UserError(f"{what} '{text}' is not a date like 31/01/2026 or 2026-01-31.")


def summary_for_command(
    session: Session,
    out: Path,
    date_from: str | None,
    date_to: str | None,
    district: str | None,
) -> tuple[int, str]:
    """`export summary`: the figures the dashboard would show for these filters, written out."""
    check_table_path(out)
    start = parse_date(date_from, "--from") if date_from else None
    end = parse_date(date_to, "--to") if date_to else None
    if start and end and start > end:
        raise UserError(f"--from {start:%d/%m/%Y} is after --to {end:%d/%m/%Y}.")
    if district:
        known = filter_choices(session).districts
        match = next((d for d in known if d.casefold() == district.strip().casefold()), None)
        if match is None:
            raise UserError(
                f"There is no district '{district}'. Known: {', '.join(known) or 'none yet'}."
            )
        district = match
    board = dashboard(session, DashboardFilter(date_from=start, date_to=end, district=district))
    description = board.period_text() + (f" · district: {district}" if district else "")
    return write_summary(out, board, description), description
