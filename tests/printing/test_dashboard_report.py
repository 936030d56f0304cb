"""The printable dashboard report, made without a window (no chart pictures): from the dashboard
as the panel passes it, and from plain hand-made data."""

from __future__ import annotations

from pypdf import PdfReader

from mwp_desktop.printing.dashboard_report import write_dashboard_report
from mwp_desktop.printing.data import (
    CompletionLine,
    DashboardReportData,
    FacilitatorLine,
    FigureLine,
)
from mwp_desktop.services.statistics.dashboard import dashboard
from mwp_desktop.services.statistics.filters import DashboardFilter
from tests.builders.dashboard_office import PERIOD, TODAY, add_dashboard_office


def test_report_lists_the_headline_figures_and_tables(db, tmp_path):
    add_dashboard_office(db)
    with db.session() as s:
        board = dashboard(s, DashboardFilter(date_from=PERIOD[0], date_to=PERIOD[1], today=TODAY))
    path = write_dashboard_report(
        tmp_path / "report.pdf", board.report_data(), board.period_text(), organisation="LEWAF"
    )
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "LEWAF" in text and "01/01/2026 to 31/03/2026" in text
    cells = "|".join(line.strip() for line in text.splitlines())
    assert "|Groups that met|3|0|+3|" in cells
    assert "|Completion of finished groups|67%|–|no earlier figure|" in cells
    assert "|Bo|2|1|0|67%|" in cells
    assert "|Fatmata Kamara|6|83%|53% (9/17)|" in cells


def test_an_empty_period_still_makes_a_report(db, tmp_path):
    with db.session() as s:
        board = dashboard(s, DashboardFilter(today=TODAY))
    path = write_dashboard_report(tmp_path / "empty.pdf", board.report_data(), "nothing yet")
    text = PdfReader(path).pages[0].extract_text()
    assert "No group finished in this period" in text
    assert "No meetings in this period" in text


def test_report_is_drawn_from_plain_data_without_a_database(tmp_path):
    report = DashboardReportData(
        figures=(FigureLine("Attendance, last 4 weeks", "82%", "79%", "+3 points"),),
        completion_by="community",
        completion=(
            CompletionLine("Kenema Town", 4, 2, 1, 4 / 6),
            CompletionLine("Blama", 0, 0, 3, None),
        ),
        facilitators=(
            FacilitatorLine("Mohamed Sesay", 5, 0.8, 30, 40, 0.75),
            FacilitatorLine("Aminata Conteh", 2, None, 0, 0, None),
        ),
    )
    path = write_dashboard_report(tmp_path / "plain.pdf", report, "Kenema, January 2026")
    text = PdfReader(path).pages[0].extract_text()
    cells = "|".join(line.strip() for line in text.splitlines())
    assert "Kenema, January 2026" in text
    assert "|Attendance, last 4 weeks|82%|79%|+3 points|" in cells
    assert "|Community|Completed|Did not|Dropped|Rate|" in cells
    assert "|Kenema Town|4|2|1|67%|" in cells and "|Blama|0|0|3|–|" in cells
    assert "|Mohamed Sesay|5|80%|75% (30/40)|" in cells
    assert cells.endswith("|Aminata Conteh|2|–|–")
