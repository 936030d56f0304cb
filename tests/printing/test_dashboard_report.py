"""The printable dashboard report, made without a window (no chart pictures): from the dashboard
as the panel passes it, and from plain hand-made data."""

from __future__ import annotations

from pypdf import PdfReader

from mwp_desktop.printing.dashboard_report import write_dashboard_report
from mwp_desktop.printing.data import (
    Branding,
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
        tmp_path / "report.pdf", Branding(organisation_name="LEWAF"), board.report_data(),
        board.period_text(),
    )  # fmt: skip
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
    path = write_dashboard_report(
        tmp_path / "empty.pdf", Branding(), board.report_data(), "nothing yet"
    )
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
    path = write_dashboard_report(
        tmp_path / "plain.pdf", Branding(), report, "Kenema, January 2026"
    )
    text = PdfReader(path).pages[0].extract_text()
    cells = "|".join(line.strip() for line in text.splitlines())
    assert "Kenema, January 2026" in text
    assert "|Attendance, last 4 weeks|82%|79%|+3 points|" in cells
    assert "|Community|Completed|Did not|Dropped|Rate|" in cells
    assert "|Kenema Town|4|2|1|67%|" in cells and "|Blama|0|0|3|–|" in cells
    assert "|Mohamed Sesay|5|80%|75% (30/40)|" in cells
    assert "|Aminata Conteh|2|–|–|" in cells


def test_report_has_the_house_letterhead_fonts_and_page_numbers(tmp_path):
    from io import BytesIO

    from PIL import Image

    from .pdf_reading import pages_text, smallest_text, unembedded_fonts

    charts = []
    for colour in ("#2a7f62", "#1f4e5f", "#b8912f", "#5c6b71", "#9fb3ba", "#1d2a2f"):
        picture = BytesIO()
        Image.new("RGB", (600, 360), colour).save(picture, "PNG")
        charts.append(("Chart", picture.getvalue()))
    report = DashboardReportData((FigureLine("Groups that met", "3", "0", "+3"),), "district",
                                 (), ())  # fmt: skip
    path = write_dashboard_report(tmp_path / "house.pdf", Branding(), report, "January 2026",
                                  charts)  # fmt: skip
    texts = pages_text(path)
    assert "Lady Ellen Women's Aid Foundation" in texts[0]
    assert "Men and Women in Partnership" in texts[0] and "Dashboard report" in texts[0]
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    assert unembedded_fonts(path) == set() and smallest_text(path) >= 7
    assert sum(len(page.images) for page in PdfReader(path).pages) == 6
