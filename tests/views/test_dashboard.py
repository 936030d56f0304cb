"""The dashboard panel, driven like a supervisor would: change filters, see the charts change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog

from mwp_desktop.views.dashboard.charts import (
    CompletionChart,
    FacilitatorChart,
    RetentionChart,
    StatusMixChart,
    WeeklyChart,
)
from mwp_desktop.views.dashboard.groups_dialog import GroupLinesModel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.dashboard_office import PERIOD, TODAY, add_dashboard_office, d


@pytest.fixture
def panel(db, qtbot):
    from mwp_desktop.views.dashboard.panel import DashboardPanel

    add_dashboard_office(db)
    widget = DashboardPanel(AppContext(db=db), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    qtbot.waitUntil(lambda: widget.board is not None and not widget.busy_now, timeout=15000)
    with qtbot.waitSignal(widget.refreshed, timeout=15000):
        widget.filters.date_from.setDate(QDate(2026, 1, 1))
        widget.filters.date_to.setDate(QDate(2026, 3, 31))
    yield widget
    qtbot.waitUntil(lambda: not widget.busy_now, timeout=15000)


def weekly_meetings(panel) -> int:
    return sum(panel.chart(WeeklyChart).shown["meetings"])


def tile_values(panel) -> dict[str, str]:
    return {tile.label.text(): tile.value.text() for tile in panel.tiles.tiles}


def test_opens_with_figures_and_charts(panel):
    assert panel.board.period == PERIOD
    assert weekly_meetings(panel) == 8
    tiles = tile_values(panel)
    assert tiles["Groups that met"] == "3"
    assert tiles["Need a follow-up call"] == "2"
    assert tiles["Completion of finished groups"] == "67%"
    assert "▲ +3" in panel.tiles.tiles[0].change.text()
    assert "8 meetings held" in panel.status_label.text()
    assert set(panel.chart(RetentionChart).shown) == {"All groups", "Bo", "Moyamba"}
    assert panel.chart(CompletionChart).shown == {"Bo": pytest.approx(2 / 3)}
    assert panel.chart(StatusMixChart).shown["Jan 2026"] == (9, 1, 2, 7)


def test_choosing_a_district_narrows_every_chart(panel, qtbot):
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.district.setCurrentIndex(panel.filters.district.findText("Bo"))
    assert weekly_meetings(panel) == 3
    # One district: its own line only ("all groups" would lie exactly on top of it).
    assert set(panel.chart(RetentionChart).shown) == {"Bo"}
    assert set(panel.chart(FacilitatorChart).shown) == {"Alusine Bangura", "Fatmata Kamara"}
    # The community list follows the district.
    communities = [
        panel.filters.community.itemText(i) for i in range(panel.filters.community.count())
    ]
    assert communities == ["All", "Gerihun (Bo)"]

    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.kind.setCurrentIndex(panel.filters.kind.findData("mixed"))
    assert weekly_meetings(panel) == 2

    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.reset_button.click()
    assert panel.filters.district.currentText() == "All"


def test_an_empty_period_says_so(panel, qtbot):
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.date_from.setDate(QDate(2024, 1, 1))
        panel.filters.date_to.setDate(QDate(2024, 3, 31))
    weekly = panel.chart(WeeklyChart)
    assert weekly.is_empty
    assert weekly.empty_label.text() == "No meetings in this period"
    assert panel.chart(CompletionChart).empty_label.text() == "No group finished in this period"
    assert tile_values(panel)["Attendance, last 8 weeks"] == "–"


def test_clicking_a_bar_lists_the_groups_behind_it(panel, qtbot, qtmodeltester):
    weekly = panel.chart(WeeklyChart)
    index = weekly.shown["weeks"].index(d(26, 1))
    assert "2 meetings held" in weekly.categories[index].tooltip
    assert "50% (2 of 4)" in weekly.categories[index].tooltip
    weekly.click_category(index)
    dialog = panel.groups_dialog
    qtbot.addWidget(dialog)
    model: GroupLinesModel = dialog.model
    qtmodeltester.check(model)
    assert [row.code for row in model.rows] == ["G1", "G3"]
    assert model.index(0, 7).data() == "50% (1/2)"
    dialog.close()

    facilitators = panel.chart(FacilitatorChart)
    facilitators.click_category(list(facilitators.shown).index("Alusine Bangura"))
    assert [row.code for row in panel.groups_dialog.model.rows] == ["G2", "G3"]
    panel.groups_dialog.close()


def test_the_groups_behind_a_bar_open_lowest_attendance_first(qtbot):
    from mwp_desktop.services.statistics.dashboard import GroupLine
    from mwp_desktop.views.dashboard.groups_dialog import GroupsDialog

    def line(code, meetings, marks, attended):
        return GroupLine(
            1, code, code, "Gerihun", "Bo", "Alusine", "active", meetings, marks, attended
        )

    rows = [line("A", 4, 40, 36), line("B", 3, 30, 12), line("C", 0, 0, 0), line("D", 5, 50, 30)]
    dialog = GroupsDialog("Alusine Bangura", rows)
    qtbot.addWidget(dialog)
    shown = dialog.table.model()
    assert [shown.index(r, 0).data() for r in range(shown.rowCount())] == ["B", "D", "A", "C"]


def test_an_answer_for_an_older_filter_is_dropped(panel, qtbot, monkeypatch):
    import threading

    from mwp_desktop.views.dashboard import panel as panel_module

    everywhere = weekly_meetings(panel)
    real_read, release_bo = panel_module.read_dashboard, threading.Event()

    def slow_for_bo(db, chosen, retention_by):
        if chosen.district == "Bo":
            release_bo.wait(10)  # the older request answers last
        return real_read(db, chosen, retention_by)

    monkeypatch.setattr(panel_module, "read_dashboard", slow_for_bo)
    panel.filters.district.setCurrentIndex(panel.filters.district.findText("Bo"))
    panel.refresh()
    panel.filters.district.setCurrentIndex(0)  # back to every district before Bo answers
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.refresh()
    newest = panel.board
    release_bo.set()
    qtbot.waitUntil(lambda: not panel.busy_now)
    qtbot.wait(200)
    assert panel.board is newest
    assert weekly_meetings(panel) == everywhere


def test_export_figures_and_save_a_chart(panel, qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "figures.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    panel.export_button.click()
    book = load_workbook(target, read_only=True)
    rows = list(book["Facilitators"].iter_rows(values_only=True))
    assert rows[1][:2] == ("Fatmata Kamara", 6)

    picture = tmp_path / "weekly.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(picture), ""))
    panel.chart(WeeklyChart).save_button.click()
    assert picture.stat().st_size > 1000


def test_print_dashboard_shows_the_report_in_the_preview(panel):
    from pypdf import PdfReader

    from mwp_desktop.views.printing.preview import PdfPreviewDialog

    panel.print_button.click()
    (preview,) = panel.findChildren(PdfPreviewDialog)  # the same preview as every document
    assert preview.isVisible() and preview.print_button.isEnabled()
    reader = PdfReader(preview.path)
    assert 1 <= len(reader.pages) <= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Lady Ellen Women's Aid Foundation" in text
    assert "01/01/2026 to 31/03/2026" in text
    assert "Need a follow-up call" in text
    assert "Fatmata Kamara" in text
    images = sum(len(page.images) for page in reader.pages)
    assert images == 6  # every chart has something to draw in this period


def test_a_week_cut_short_by_the_period_is_marked_not_read_as_a_fall(panel, qtbot):
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.filters.date_to.setDate(QDate(2026, 1, 21))  # a Wednesday
    weekly = panel.chart(WeeklyChart)
    assert "3 of its 7 days" in weekly.categories[-1].tooltip
    assert "19/01/2026: 3 of 7 days), not a fall" in weekly.note_label.text()


def test_where_to_act_shows_the_weakest_facilitators_first_with_values(panel):
    chart = panel.chart(FacilitatorChart)
    # Fatmata: 9 of 17 marks present or late at 6 meetings; Alusine: 3 of 5 at 2.
    assert chart.bar_labels == ["53% · 6 meetings", "60% · 2 meetings"]
    assert list(chart.shown) == ["Fatmata Kamara", "Alusine Bangura"]
    assert chart.shown_target == 0.8  # the office's attendance target, drawn as a line
    assert "Both facilitators are below the 80% attendance target" in chart.note_label.text()


def test_headline_rates_are_coloured_by_their_distance_from_the_target(panel):
    tiles = {tile.label.text(): tile for tile in panel.tiles.tiles}
    attendance = tiles["Attendance, last 8 weeks"]
    assert attendance.property("standing") == "below"
    assert "13 points below the 80% target" in attendance.target.text()
    assert tiles["Groups that met"].property("standing") in (None, "")
    assert not tiles["Groups that met"].target.isVisible()


def test_the_two_axes_of_the_weekly_chart_are_told_apart(panel):
    weekly = panel.chart(WeeklyChart)
    axes = weekly.plot.getPlotItem()
    left, right = axes.getAxis("left"), axes.getAxis("right")
    # Each axis written in the colour of what it measures: grey bars, the blue line.
    assert left.textPen().color().name() != right.textPen().color().name()
    assert "bars" in left.labelText and "line" in right.labelText


def test_dates_on_the_time_axes_carry_their_year(panel):
    import re

    ticks = panel.chart(WeeklyChart).plot.getAxis("bottom")._tickLevels[0]
    assert ticks and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", label) for _, label in ticks)


def test_district_lines_are_named_at_their_ends_and_the_chart_says_what_it_shows(panel):
    retention = panel.chart(RetentionChart)
    assert set(retention.line_labels) == {"All groups", "Bo", "Moyamba", "target 80%"}
    note = retention.note_label.text()
    assert "Attendance falls from 83% at session 1 to 33% at session 4." in note
    assert "■" not in note  # no colour key to match lines against


def test_the_groups_behind_a_bar_open_from_the_keyboard(panel, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolTip

    chart = panel.chart(FacilitatorChart)
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key_Down)  # the first bar: Fatmata, the weakest
    qtbot.keyClick(chart, Qt.Key_Down)  # the second: Alusine
    assert chart.current == 1
    qtbot.keyClick(chart, Qt.Key_Return)
    assert [row.code for row in panel.groups_dialog.model.rows] == ["G2", "G3"]
    panel.groups_dialog.close()
    QToolTip.hideText()  # not left over the next test's windows


def test_a_district_added_meanwhile_is_offered_at_the_next_refresh(panel, qtbot, db):
    """F5 (or a change announced by another panel) reads the filter's choices again with the
    figures: a community registered in a new district can be chosen without a restart."""
    from tests.builders.places import add_community

    with db.session() as s:
        add_community(s, "Kenema town", district="Kenema")
    assert panel.filters.district.findText("Kenema") == -1
    with qtbot.waitSignal(panel.refreshed, timeout=15000):
        panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy_now, timeout=15000)
    assert panel.filters.district.findText("Kenema") > 0
    assert panel.filters.district.currentText() == "All"  # what was chosen stays chosen
