"""The dashboard as a printable report: headline figures, the charts, and the key tables.

Qt-free: the charts arrive as PNG pictures the window rendered (the report shows exactly what the
supervisor saw). Without pictures — from a script — the report still gives every figure in tables.
Standard PDF fonts for now; they cover the Latin letters the office types.

The figures and tables arrive as printing.data's DashboardReportData, made by the dashboard the
panel shows (`Dashboard.report_data()`), as every document gets its data: printing never imports
the services that compute them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path

from ..errors import UserError
from .data import DashboardReportData

TEAL = "#1f4e5f"
MAX_TABLE_ROWS = 12


def _plain(text: str) -> str:
    """Standard PDF fonts lack a few typographic signs: use their plain cousins."""
    return text.replace("−", "-").replace("▲", "").replace("▼", "").replace("’", "'")


def write_dashboard_report(
    path: str | Path,
    report: DashboardReportData,
    description: str,
    pictures: Sequence[tuple[str, bytes]] = (),
    *,
    organisation: str = "",
    paper: str = "A4",
) -> Path:
    """Write the report to `path`; returns the path. The file appears whole or not at all."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Image,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist.")
    page = letter if paper.lower() == "letter" else A4
    margin = 14 * mm
    width = page[0] - 2 * margin
    styles = getSampleStyleSheet()
    title = ParagraphStyle(
        "title", parent=styles["Title"], textColor=TEAL, fontSize=16, spaceAfter=2
    )
    small = ParagraphStyle("small", parent=styles["Normal"], fontSize=8.5, textColor="#4d5d63")
    heading = ParagraphStyle(
        "h", parent=styles["Heading3"], textColor=TEAL, spaceBefore=6, spaceAfter=3
    )

    story = [
        Paragraph(_plain(f"{organisation} — Dashboard" if organisation else "Dashboard"), title),
        Paragraph(_plain(f"{description} · made on {date.today():%d/%m/%Y}"), small),
        Spacer(1, 4 * mm),
    ]
    figures = [["Figure", "Now", "Before", "Change"]] + [
        [_plain(f.label), _plain(f.now), _plain(f.before), _plain(f.change)] for f in report.figures
    ]
    story.append(_table(Table, TableStyle, colors, figures, [width * 0.46] + [width * 0.18] * 3))

    if pictures:
        story.append(Paragraph("Charts", heading))
        cell = (width - 4 * mm) / 2
        images = []
        for _caption, png in pictures:  # each picture carries its chart's title
            picture = Image(BytesIO(png))
            scale = cell / picture.imageWidth
            picture.drawWidth, picture.drawHeight = cell, picture.imageHeight * scale
            images.append(picture)
        rows = [
            images[i : i + 2] + [""] * (2 - len(images[i : i + 2]))
            for i in range(0, len(images), 2)
        ]
        grid = Table(rows, colWidths=[cell + 2 * mm] * 2)
        grid.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        story.append(grid)

    story.append(Paragraph("Completion by place (groups that finished in the period)", heading))
    completion = [[report.completion_by.capitalize(), "Completed", "Did not", "Dropped", "Rate"]]
    completion += [
        [_plain(b.place), b.completed, b.not_completed, b.dropped, _percent(b.rate)]
        for b in report.completion[:MAX_TABLE_ROWS]
    ]
    if len(completion) == 1:
        completion.append(["No group finished in this period", "", "", "", ""])
    story.append(_table(Table, TableStyle, colors, completion, [width * 0.4] + [width * 0.15] * 4))

    story.append(Paragraph("Facilitators with most meetings", heading))
    leaders = [["Facilitator", "Meetings", "On the planned day", "Attendance"]] + [
        [
            _plain(r.name),
            r.meetings,
            _percent(r.on_time_share),
            "–" if r.rate is None else f"{r.rate:.0%} ({r.attended:,}/{r.marks:,})",
        ]
        for r in report.facilitators[:MAX_TABLE_ROWS]
    ]
    if len(leaders) == 1:
        leaders.append(["No meetings in this period", "", "", ""])
    story.append(
        _table(
            Table,
            TableStyle,
            colors,
            leaders,
            [width * 0.4, width * 0.15, width * 0.2, width * 0.25],
        )
    )

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#5c6b71"))
        canvas.drawString(margin, 8 * mm, "Men and Women in Partnership · figures from MWP Desktop")
        canvas.drawRightString(page[0] - margin, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=".pdf", dir=path.parent)
    os.close(fd)
    try:
        document = SimpleDocTemplate(
            temp_name,
            pagesize=page,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=12 * mm,
            bottomMargin=14 * mm,
            title="Dashboard",
            author=organisation,
        )
        document.build(story, onFirstPage=footer, onLaterPages=footer)
        os.replace(temp_name, path)
    except PermissionError:
        Path(temp_name).unlink(missing_ok=True)
        raise UserError(f"{path} cannot be written: is it open in another program?") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _table(Table, TableStyle, colors, rows, widths):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(TEAL)),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f0f4f5")]),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.HexColor("#d5dde0")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table
