"""Settings: an administrator adapts the survey instrument; a version men answered is frozen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from mwp_desktop.services.surveys.instrument_versions import list_versions, version_detail
from mwp_desktop.services.surveys.responses import set_answer
from mwp_desktop.services.surveys.rounds import open_round
from mwp_desktop.views.settings.survey_instruments import InstrumentsPage
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import ADMIN, STAFF, SUPERVISOR
from tests.builders.groups import add_group_with_members

from .on_screen import on_screen


def test_an_administrator_starts_a_version_drops_statements_and_moves_a_cut_off(qtbot, db):
    page = on_screen(qtbot, InstrumentsPage(AppContext(db=db, actor=ADMIN)))
    assert page.items.rowCount() == 23
    assert page.items.item(6, 3).text() == "There are times when a woman deserves to be beaten."
    assert "Pulerwitz" in page.source.text() and "item 24" in page.source.text()
    assert "kept as published" in page.state.text() and not page.save_button.isEnabled()
    qtbot.mouseClick(page.new_version, Qt.LeftButton)
    assert "version 2" in page.version.currentText()
    assert page.save_button.isEnabled()
    for _ in range(8):
        page.items.setCurrentCell(page.items.rowCount() - 1, 3)
        qtbot.mouseClick(page.remove_item, Qt.LeftButton)
    page.bands.item(2, 1).setText("40")
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    with db.session() as s:
        in_use = next(v for v in list_versions(s) if v.in_use)
        _, saved = version_detail(s, in_use.id)
    assert (in_use.version, len(saved.items)) == (2, 15)
    assert [b.lower for b in saved.bands] == [1, 24, 40]
    assert "15 statements" in page.version.currentText()


def test_a_version_men_answered_is_read_only_and_others_only_read(qtbot, db):
    with db.session() as s:
        group_id, men = add_group_with_members(s, 1, code="WR-001", start=date(2026, 1, 5))
    with db.session() as s:
        round_id = open_round(s, STAFF, group_id, "baseline")
        set_answer(s, STAFF, round_id, men[0], 1, 1, taken_on=date(2026, 1, 5),
                   today=date(2026, 6, 1))  # fmt: skip
    page = on_screen(qtbot, InstrumentsPage(AppContext(db=db, actor=ADMIN)))
    assert "stays as it is" in page.state.text()
    assert not page.save_button.isEnabled() and page.new_version.isEnabled()
    supervisor = on_screen(qtbot, InstrumentsPage(AppContext(db=db, actor=SUPERVISOR)))
    assert not supervisor.new_version.isEnabled()
    assert "Administrators can" in supervisor.new_version.toolTip()
