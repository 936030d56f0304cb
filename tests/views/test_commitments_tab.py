"""The Commitments tab beside the register: at session 5 the office types each man's
commitments from the keyboard; at a later meeting K, P, N, C check in on each line, saved at
once, the cursor going down; a facilitator reads them and types nothing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mwp_desktop.models import Commitment, CommitmentCheckIn, Group
from mwp_desktop.services.sessions.commitments import make_commitment
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import add_user_accounts
from tests.builders.marks import add_held_group

from .on_screen import on_screen


@pytest.fixture
def group(db, fast_hashing):
    start = date.today().replace(day=1)
    start = date(start.year - 1, start.month, 1)  # a group that met last year: all held
    group_id, men, meetings = add_held_group(db, ["P" * 8, "P" * 8], start=start,
                                             today=date.today())  # fmt: skip
    with db.session() as s:
        leader = s.get(Group, group_id).facilitator_id
        actors = add_user_accounts(s, ("staff", "facilitator"), facilitator=leader)
    return group_id, men, meetings, actors


def commitments_tab(qtbot, db, actor, group_id, meeting_id):
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=actor)), (1366, 768))
    panel.open_group(group_id, meeting_id)
    panel.tabs.setCurrentWidget(panel.commitments)
    return panel.commitments


def test_commitments_are_typed_at_session_five_from_the_keyboard(qtbot, db, group):
    group_id, men, meetings, actors = group
    tab = commitments_tab(qtbot, db, actors["staff"], group_id, meetings[4])
    assert tab.meeting.currentData() == meetings[4]
    assert "Commitments are made here" in tab.hint.text() and tab.form.isVisible()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key_Return)  # on to the form (focus needs a real screen)
    qtbot.keyClicks(tab.area, "Sharing")
    tab.words.setFocus()  # Tab, as the user presses it
    qtbot.keyClicks(tab.words, "I fetch the water on market days")
    qtbot.keyClick(tab.words, Qt.Key_Return)

    with db.session() as s:
        saved = s.scalars(select(Commitment)).one()
        assert (saved.participant_id, saved.area) == (tab.model.rows[0].man.participant_id,
                                                       "housework_care")  # fmt: skip
    assert tab.model.index(0, 3).data() == "I fetch the water on market days"
    assert tab.words.text() == "" and tab.area.currentIndex() == 0


def test_check_ins_are_one_key_a_line_saved_at_once(qtbot, db, group):
    group_id, men, meetings, actors = group
    with db.session() as s:
        for man in men:
            make_commitment(s, actors["staff"], meetings[4], man, "non_violence", "I walk away")
    tab = commitments_tab(qtbot, db, actors["staff"], group_id, meetings[6])
    assert not tab.form.isVisible() and "K kept" in tab.hint.text()
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key_K)
    assert tab.table.currentIndex().row() == 1  # on to the next man
    qtbot.keyClick(tab.table, Qt.Key_N)
    assert [tab.model.index(i, 5).data() for i in range(2)] == ["Kept", "Not yet"]
    with db.session() as s:
        assert sorted(s.scalars(select(CommitmentCheckIn.progress))) == ["kept", "not_yet"]
    assert tab.kept.text() == "Kept at the latest check-in: Non-violence 1 of 2"


def test_a_facilitator_reads_the_commitments_and_types_nothing(qtbot, db, group):
    group_id, men, meetings, actors = group
    with db.session() as s:
        make_commitment(s, actors["staff"], meetings[4], men[0], "community", "I speak up")
    tab = commitments_tab(qtbot, db, actors["facilitator"], group_id, meetings[6])
    assert not tab.form.isVisible() and not tab.note.isVisible()
    for line in range(tab.model.rowCount()):
        tab.table.selectRow(line)
        qtbot.keyClick(tab.table, Qt.Key_K)
    with db.session() as s:
        assert s.scalars(select(CommitmentCheckIn)).all() == []
    words = [tab.model.index(line, 3).data() for line in range(tab.model.rowCount())]
    assert sorted(words) == ["I speak up", "—"]


def test_the_cards_are_printed_from_the_tab(qtbot, db, group):
    group_id, men, meetings, actors = group
    with db.session() as s:
        make_commitment(s, actors["staff"], meetings[4], men[0], "community", "I speak up")
    tab = commitments_tab(qtbot, db, actors["facilitator"], group_id, meetings[6])
    tab._print("preview_commitment_cards")
    assert tab.last_preview is not None and tab.last_preview.isVisible()
    tab.last_preview.close()
