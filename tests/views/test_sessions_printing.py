"""Printing from where people look for it: the Sessions panel and the curriculum editor."""

from __future__ import annotations

import re
from datetime import timedelta

import pypdf
import pytest
from PySide6.QtCore import Qt

from mwp_desktop.services.sessions import scheduling
from mwp_desktop.services.sessions.attendance import set_mark
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.settings.curricula import CurriculumEditorPage
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import STAFF
from tests.builders.schedules import START, add_scheduled_group

from .on_screen import on_screen


def preview_text(dialog) -> str:
    reader = pypdf.PdfReader(str(dialog.path), strict=True)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def group(db):
    return add_scheduled_group(db, code="MY-007")


@pytest.fixture
def panel(qtbot, db, group):
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)))
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # the meetings are read off the UI thread
    return panel


def test_ctrl_p_on_the_agenda_previews_that_meetings_sign_in_sheet(qtbot, panel, group):
    _, _, ids = group
    agenda = panel.agenda.table
    agenda.setFocus()
    item = agenda.currentIndex().data(Qt.UserRole + 2)
    assert item.meeting_id == ids[0]
    qtbot.keyClick(agenda, Qt.Key_P, Qt.ControlModifier)
    dialog = panel.last_preview
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 1
    text = preview_text(dialog)
    assert "MY-007" in text and item.title in text
    assert START.strftime("%d/%m/%Y") in text
    dialog.close()
    panel.activateWindow()

    # The row's context menu offers the same, for the second meeting.
    agenda.setCurrentIndex(agenda.model().index(1, 0))
    second = agenda.currentIndex().data(Qt.UserRole + 2)
    menu = panel.agenda.row_menu()
    printing = next(a for a in menu.actions() if a.text().startswith("Print sign-in sheet"))
    printing.trigger()
    assert panel.last_preview is not dialog
    qtbot.addWidget(panel.last_preview)
    text = preview_text(panel.last_preview)
    assert "MY-007" in text and second.planned_date.strftime("%d/%m/%Y") in text


def test_register_tab_prints_the_groups_schedule_and_register(qtbot, db, panel, group):
    group_id, people, ids = group
    with db.session() as s:
        scheduling.mark_held(s, STAFF, ids[0], START)
        set_mark(s, STAFF, ids[0], people[0], "present")
    panel.open_group(group_id, ids[0])
    tab = panel.register_tab
    assert tab.print_button.isEnabled()
    by_text = {a.text().split("\t")[0]: a for a in tab.print_button.menu().actions()}
    by_text["Schedule…"].trigger()
    qtbot.addWidget(panel.last_preview)
    assert "MY-007" in preview_text(panel.last_preview)
    panel.last_preview.close()
    by_text["Register…"].trigger()
    qtbot.addWidget(panel.last_preview)
    text = preview_text(panel.last_preview)
    assert "Attendance register" in text and "MY-007" in text and "100% (1/1)" in text
    panel.last_preview.close()  # else Ctrl+P goes to the preview's own Print…
    # Ctrl+P in the register prints the sheet of the meeting under the cursor (meeting 2).
    panel.activateWindow()
    qtbot.waitActive(panel)
    table = tab.register.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key_Right)
    assert tab.register.current_meeting_id() == ids[1]
    register_preview = panel.last_preview
    qtbot.keyClick(table, Qt.Key_P, Qt.ControlModifier)
    assert panel.last_preview is not register_preview
    qtbot.addWidget(panel.last_preview)
    text = preview_text(panel.last_preview)
    assert "MY-007" in text and (START + timedelta(weeks=1)).strftime("%d/%m/%Y") in text


def test_follow_up_tab_prints_the_men_it_lists(qtbot, db, panel, group, tmp_path, monkeypatch):
    group_id, people, ids = group
    for number in range(3):
        with db.session() as s:
            scheduling.mark_held(s, STAFF, ids[number], START + timedelta(weeks=number))
            for index, pid in enumerate(people):
                came = index != 2 or number == 0  # the third man stopped coming
                set_mark(s, STAFF, ids[number], pid, "present" if came else "absent")
    panel.tabs.setCurrentWidget(panel.follow_up)
    qtbot.waitUntil(lambda: panel.follow_up.model.rowCount() == 1)
    listed = panel.follow_up.model.rows[0]
    qtbot.mouseClick(panel.follow_up.print_button, Qt.LeftButton)
    qtbot.addWidget(panel.last_preview)
    text = preview_text(panel.last_preview)
    assert re.findall(r"P\d{7}", text) == [listed.code]
    # Export writes the list shown, the same man.
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    out = tmp_path / "calls.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    panel.follow_up.export()
    lines = out.read_text("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith(listed.code)


def test_curriculum_editor_prints_the_chosen_session_plan(qtbot, db):
    page = CurriculumEditorPage(AppContext(db=db, actor=STAFF))
    qtbot.addWidget(page)
    page.show()
    page.sessions.setCurrentRow(2)
    title = page.title.text()
    qtbot.mouseClick(page.print_button, Qt.LeftButton)
    assert page.last_preview is not None
    qtbot.addWidget(page.last_preview)
    assert title in preview_text(page.last_preview)


def test_follow_up_is_found_off_the_ui_thread_and_stale_answers_are_dropped(
    qtbot, db, panel, group, monkeypatch
):
    import threading

    from mwp_desktop.views.sessions import follow_up_tab
    from mwp_desktop.views.shared.operations import Task

    group_id, people, ids = group
    with db.session() as s:
        for number in range(2):
            scheduling.mark_held(s, STAFF, ids[number], START + timedelta(weeks=number))
            for pid in people:
                set_mark(s, STAFF, ids[number], pid, "absent" if pid == people[1] else "late")
    threads = []
    first_reading, second_shown = threading.Event(), threading.Event()
    real = follow_up_tab.follow_up_list

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        if not first_reading.is_set():  # the first refresh: slow, and out of date by its end
            first_reading.set()
            second_shown.wait(10)
            return []
        return real(*args, **kwargs)

    monkeypatch.setattr(follow_up_tab, "follow_up_list", recorded)
    tab = panel.follow_up
    tab.refresh()
    assert first_reading.wait(10)
    tab.refresh()  # asked again before the first answer: only the latest is shown
    assert tab.loading() and "Looking for" in tab.note.text()
    qtbot.waitUntil(lambda: not tab.loading())
    assert tab.model.rowCount() == 1
    second_shown.set()
    # The first refresh's answer comes too, after the second's, and is dropped.
    qtbot.waitUntil(lambda: all(task.finished for task in tab.findChildren(Task)))
    assert len(threads) == 2 and threading.main_thread() not in threads
    assert tab.model.rowCount() == 1 and tab.model.rows[0].participant_id == people[1]
    assert "<b>1</b> active members" in tab.note.text()
    assert not tab.loading()
