"""The Printing panel, driven as an office worker would."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from mwp_desktop.services.actor import Actor
from mwp_desktop.views.printing.candidates_model import CandidatesModel
from mwp_desktop.views.printing.panel import PrintingPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.printable_group import add_printable_group

SUPERVISOR = Actor(user_id=None, username="sia", role="supervisor")
STAFF = Actor(user_id=None, username="kadi", role="staff")


@pytest.fixture
def panel(qtbot, db):
    with db.session() as session:
        add_printable_group(session, code="WL-01", attended_by_index={1: 11})
        add_printable_group(session, code="WL-02", held=3)
    widget = PrintingPanel(AppContext(db=db, actor=SUPERVISOR))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_panel_lists_groups_and_who_completes(panel, qtmodeltester):
    assert panel.group_combo.count() == 2
    assert panel.group_combo.currentText().startswith("WL-01")
    model = panel.candidates
    assert model.rowCount() == 6
    assert "5 of 6 men meet the rule" in panel.rule_label.text()
    assert len(model.ticked()) == 5
    qtmodeltester.check(model)


def test_each_group_is_listed_by_code_and_choosing_one_shows_its_own_men(panel, qtbot):
    listed = [panel.group_combo.itemText(i) for i in range(panel.group_combo.count())]
    assert listed == ["WL-01 — Waterloo Men's Group 1 (Waterloo)",
                      "WL-02 — Waterloo Men's Group 2 (Waterloo)"]  # fmt: skip
    panel.group_combo.setCurrentIndex(1)
    assert panel.group_combo.currentData() == panel.group_id()
    assert panel.group_combo.findData(panel.group_id()) == 1
    assert [panel.candidates.candidate(r).code[:2] for r in range(6)] == ["P2"] * 6
    assert "0 of 6 men meet the rule" in panel.rule_label.text()  # three sessions held of 16
    assert panel.meeting_combo.count() == 16
    edit = panel.group_combo.lineEdit()
    edit.setText("wl-01")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert panel.group_combo.currentIndex() == 0
    assert "5 of 6 men meet the rule" in panel.rule_label.text()


def test_certificates_for_ticked_men_open_in_the_preview(panel, qtbot, tmp_path):
    model = panel.candidates
    first = next(r for r in range(model.rowCount()) if model.candidate(r).eligible)
    model.setData(model.index(first, 0), Qt.Unchecked, Qt.CheckStateRole)
    qtbot.mouseClick(panel.certificates_button, Qt.LeftButton)
    assert panel.last_preview is not None
    qtbot.addWidget(panel.last_preview)
    assert panel.last_preview.document.pageCount() == 4
    assert "Issuing 4 new certificates" in panel.last_preview.notice.text()
    serials = [model.candidate(r).serial for r in range(model.rowCount())]
    assert not any(serials)  # looking issues nothing
    assert panel.last_preview.save_to(tmp_path / "certificates.pdf") is not None
    serials = [model.candidate(r).serial for r in range(model.rowCount())]
    assert sum(1 for s in serials if s) == 4  # the list now shows the serials issued


def test_override_asks_for_a_reason(panel, qtbot, monkeypatch):
    model = panel.candidates
    short = next(r for r in range(model.rowCount()) if not model.candidate(r).eligible)
    view = panel.candidates_view
    proxy_index = view.model().mapFromSource(model.index(short, 0))
    view.setCurrentIndex(proxy_index)
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Was in hospital for two weeks", True))  # fmt: skip
    qtbot.mouseClick(panel.override_button, Qt.LeftButton)
    qtbot.addWidget(panel.last_preview)
    assert panel.last_preview.document.pageCount() == 1


def test_staff_do_not_see_the_override(qtbot, db):
    widget = PrintingPanel(AppContext(db=db, actor=STAFF))
    qtbot.addWidget(widget)
    assert widget.override_button.isHidden()
    assert "Register a group first" in widget.rule_label.text()


def test_sheet_schedule_register_and_plan_buttons(panel, qtbot):
    for button in (panel.sheet_button, panel.schedule_button, panel.register_button,
                   panel.plan_button, panel.follow_up_button):  # fmt: skip
        panel.last_preview = None
        qtbot.mouseClick(button, Qt.LeftButton)
        assert panel.last_preview is not None, button.text()
        assert panel.last_preview.document.pageCount() >= 1
        panel.last_preview.close()


def test_an_empty_week_says_so(panel, qtbot, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: told.append(text))
    qtbot.mouseClick(panel.next_week_button, Qt.LeftButton)
    assert told and "No meetings are planned in the week of" in told[0]


def test_candidates_model_on_its_own(qtmodeltester):
    qtmodeltester.check(CandidatesModel())


def test_a_facilitator_is_offered_only_his_groups_and_told_when_he_leads_none(qtbot, db):
    with db.session() as session:
        own = add_printable_group(session, code="WL-01")
        add_printable_group(session, code="WL-02")
        lead = own.facilitator_id
    mine = PrintingPanel(AppContext(db=db, actor=Actor(None, "fatu", "facilitator", lead)))
    nobody = PrintingPanel(AppContext(db=db, actor=Actor(None, "ibra", "facilitator")))
    for widget in (mine, nobody):
        qtbot.addWidget(widget)
        widget.show()
    assert [mine.group_combo.itemText(i)[:5] for i in range(mine.group_combo.count())] == ["WL-01"]
    assert nobody.group_combo.count() == 0
    assert not nobody.certificates_button.isEnabled()
    assert "linked to a facilitator" in nobody.rule_label.text()


def test_opening_the_panel_leaves_the_document_layer_for_the_first_print(db, db_url, tmp_path):
    """Issue 19: importing the document layer (print_data, the sessions services it reads,
    printing/data.py) cost the panel's first open ~40 ms; it is loaded once the panel is on
    screen, or at the first print."""
    with db.session() as session:
        add_printable_group(session, code="WL-01")
    script = (
        "import json, sys\n"
        "from mwp_desktop.app import make_application\n"
        "from mwp_desktop.services.actor import SYSTEM\n"
        "from mwp_desktop.services.admin.database import open_for_use\n"
        "from mwp_desktop.views.printing.panel import PrintingPanel\n"
        "from mwp_desktop.views.shared.context import AppContext\n"
        "app = make_application([])\n"
        "panel = PrintingPanel(AppContext(db=open_for_use(sys.argv[1]), actor=SYSTEM))\n"
        "loaded = [m for m in ('mwp_desktop.printing.data',\n"
        "    'mwp_desktop.services.documents.print_data') if m in sys.modules]\n"
        "print(json.dumps([panel.group_combo.count(), loaded]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MWP_DATA_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", script, db_url], capture_output=True, text=True,
        env=env, check=True,
    ).stdout  # fmt: skip
    assert json.loads(out.strip().splitlines()[-1]) == [1, []]
