"""Planning a schedule in the dialog, and changing one meeting from the register."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from mwp_desktop.services.sessions import scheduling
from mwp_desktop.views.sessions import meeting_actions
from mwp_desktop.views.sessions.schedule_dialog import ScheduleDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import ADMIN, STAFF
from tests.builders.groups import add_group


def test_the_dialog_shows_dates_around_holidays_and_saves_the_edited_plan(qtbot, db):
    with db.session() as s:
        group_id = add_group(s, start=date(2026, 3, 2), weekday=0).id
    dialog = ScheduleDialog(AppContext(db=db, actor=STAFF), group_id)
    qtbot.addWidget(dialog)
    dates = dialog.dates()
    assert len(dates) == 16 and dates[0] == date(2026, 3, 2)
    assert date(2026, 4, 6) not in dates  # Easter Monday passed over …
    assert "Easter Monday" in "".join(dialog.skipped)  # … and the user is told
    # Moving a meeting onto a holiday is allowed, with a warning beside it.
    dialog.date_edits[1].setDate(QDate(2026, 3, 9))
    assert "Warning: 09/03/2026" in dialog.table.item(1, 2).text()
    dialog.date_edits[1].setDate(QDate(2026, 3, 11))
    assert "Warning" not in dialog.table.item(1, 2).text()
    dialog.save()
    assert dialog.result() == ScheduleDialog.Accepted
    with db.session() as s:
        saved = [m.planned_date for m in scheduling.group_schedule(s, ADMIN, group_id)]
    assert saved[1] == date(2026, 3, 11) and saved[2:] == dates[2:]


def test_postpone_from_the_register_menu_shifts_the_rest(qtbot, db, monkeypatch):
    with db.session() as s:
        group_id = add_group(s).id
        ids = scheduling.save_schedule(
            s, STAFF, group_id, [date(2030, 1, 7) + timedelta(weeks=i) for i in range(16)]
        )
    told = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    assert meeting_actions.postpone(None, AppContext(db=db, actor=STAFF), ids[14])
    # 15/04 + a week is Easter Monday 2030, the week after Independence Day observed: 06/05.
    assert told == ["Session 15 is now on 06/05/2030; 1 later meetings moved a week or more."]
    with db.session() as s:
        assert scheduling.meeting_info(s, ids[15]).planned_date == date(2030, 5, 13)


def test_a_meeting_moved_on_another_pc_while_the_move_dialog_was_open_is_not_moved_back(
    qtbot, db, monkeypatch
):
    from mwp_desktop.models import Meeting
    from mwp_desktop.services.admin.database import open_for_use

    with db.session() as s:
        group = add_group(s, "WR-001", start=date(2026, 3, 2))
        ids = scheduling.save_schedule(
            s, STAFF, group.id, [date(2026, 3, 2) + timedelta(weeks=i) for i in range(16)]
        )
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))

    def the_other_pc_moves_it_while_this_one_asks(*_args):
        other = open_for_use(db.target())
        with other.session() as s:
            scheduling.move_meeting(s, ADMIN, ids[1], date(2026, 3, 11))
        other.close()
        return date(2026, 3, 12)

    monkeypatch.setattr(meeting_actions, "ask_date", the_other_pc_moves_it_while_this_one_asks)
    assert not meeting_actions.move(None, AppContext(db=db, actor=STAFF), ids[1])
    assert len(warnings) == 1 and "changed this meeting" in warnings[0]
    with db.session() as s:
        assert s.get(Meeting, ids[1]).planned_date == date(2026, 3, 11)  # theirs is kept
