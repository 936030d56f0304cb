"""The Groups panel: the table with its figures and filters, the group dialog, the members."""

import re
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mwp_desktop.services.actor import SYSTEM
from mwp_desktop.services.registration.enrollments import drop
from mwp_desktop.services.registration.groups import members
from mwp_desktop.views.groups import membership_dialogs
from mwp_desktop.views.groups.group_dialog import GroupDialog
from mwp_desktop.views.groups.group_model import (
    COL_CODE,
    COL_MEMBERS,
    COL_SESSIONS,
    GroupTableModel,
)
from mwp_desktop.views.groups.member_model import MemberTableModel
from mwp_desktop.views.groups.panel import GroupsPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import ADMIN
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)


@pytest.fixture
def two_groups(db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        lumley = add_community(s, "Lumley", chiefdom="", district="Western Urban")
        first = add_group(s, "M26-001", community=tombo).id
        second = add_group(s, "M26-002", community=lumley).id
        for name in ("Mohamed Kamara", "Sorie Koroma"):
            man = add_participant(s, *name.split(), community=tombo)
            add_membership(s, man, first, enrolled_on=date(2026, 3, 2))
    return first, second


def shown_codes(panel):
    return [panel.model.index(r, COL_CODE).data() for r in range(panel.model.rowCount())]


def test_table_shows_figures_and_filters(qtbot, db, two_groups):
    panel = GroupsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    assert shown_codes(panel) == ["M26-001", "M26-002"]
    assert panel.model.index(0, COL_MEMBERS).data() == "2"
    assert panel.model.index(0, COL_SESSIONS).data() == "0 of 16"
    panel.district.setCurrentIndex(panel.district.findData("Western Urban"))
    assert shown_codes(panel) == ["M26-002"]
    panel.district.setCurrentIndex(0)
    qtbot.keyClicks(panel.search, "tombo")
    qtbot.waitUntil(lambda: shown_codes(panel) == ["M26-001"])
    assert panel.count_label.text() == "1 of 2 groups"


def test_new_group_through_the_dialog(qtbot, db, two_groups):
    context = AppContext(db=db)
    dialog = GroupDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert re.fullmatch(rf"M{date.today().year % 100:02d}-\d{{3}}", dialog.code.text())
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "m26-001")
    qtbot.waitUntil(dialog.errors["code"].isVisible)
    assert "already has the code M26-001" in dialog.errors["code"].text()
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "M26-003")
    qtbot.keyClicks(dialog.name, "Tombo men's group 3")
    dialog.community.setCurrentIndex(1)
    qtbot.keyClicks(dialog.start_date, "02/03/2026")
    qtbot.keyClicks(dialog.meeting_time, "16:30")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert dialog.saved is not None, {k: v.text() for k, v in dialog.errors.items()}
    assert (dialog.saved.code, dialog.saved.sessions_total) == ("M26-003", 16)


def test_close_reopen_and_members(qtbot, db, two_groups, monkeypatch):
    first, second = two_groups
    panel = GroupsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    panel.select_group(first)
    assert panel.members.model.rowCount() == 2
    # Transfer the first member, answering the dialog as a user would.
    panel.members.table.selectRow(0)

    def answer(dialog):
        dialog.group.setCurrentIndex(dialog.group.findData(second))
        dialog.reason.setText("moved to Lumley")
        dialog._check()
        return dialog.result()

    monkeypatch.setattr(membership_dialogs.EndMembershipDialog, "exec", answer)
    panel.members.transfer_selected()
    statuses = sorted(panel.members.model.index(r, 5).data() for r in range(2))
    assert statuses == ["active", "transferred"]
    assert panel.members.title.text() == "M26-001 Group M26-001: 1 member (1 active), 1 left"
    assert panel.model.index(1, COL_MEMBERS).data() == "1"

    panel.close_button.click()
    assert panel.selected().status == "closed"
    assert not panel.members.add_button.isEnabled()
    panel.reopen_button.click()
    assert panel.selected().status == "active"


def test_an_existing_participant_is_found_in_the_picker_and_added(qtbot, db, two_groups):
    _first, second = two_groups
    with db.session() as s:
        add_participant(s, "Foday", "Sesay")  # in no group yet
    panel = GroupsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    panel.select_group(second)
    assert panel.members.model.rowCount() == 0

    def pick():
        picker = next(
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, membership_dialogs.ParticipantPicker) and w.isVisible()
        )  # fmt: skip
        try:
            qtbot.keyClicks(picker.search, "sesay")
            qtbot.waitUntil(
                lambda: picker.model.query.text == "sesay" and not picker.model.loading
                and picker.table.selectionModel().hasSelection()
            )  # fmt: skip
            qtbot.keyClick(picker.search, Qt.Key_Return)  # Enter chooses the selected man
        finally:
            if picker.isVisible():  # he was not chosen: the test fails instead of waiting
                picker.reject()

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(panel.members.add_button, Qt.LeftButton)

    members = panel.members.model
    assert [members.index(r, 1).data() for r in range(members.rowCount())] == ["Foday Sesay"]
    assert panel.model.index(panel.model.row_of(second), COL_MEMBERS).data() == "1"


def test_models_pass_the_model_tester(qtmodeltester, db, two_groups):
    first, _ = two_groups
    with db.session() as s:
        from mwp_desktop.services.registration.groups import list_groups

        rows = list_groups(s, ADMIN)
        (member, _other) = members(s, ADMIN, first)
        drop(s, SYSTEM, member.enrollment_id, date(2026, 3, 5), "travelled")
        member_rows = members(s, ADMIN, first)
    model = GroupTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.set_filters(text="tombo")
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    model.sort(COL_MEMBERS, Qt.DescendingOrder)
    model.set_filters()
    assert [model.index(r, COL_CODE).data() for r in range(2)] == ["M26-001", "M26-002"]
    member_model = MemberTableModel()
    member_model.set_rows(member_rows)
    qtmodeltester.check(member_model)
    assert member_model.index(0, 8).data() in ("travelled", "")


def _row(gid, code, members, held, start=None, attended=0, marked=0,
         place=(1, "Tombo", "Western Rural")):  # fmt: skip
    from mwp_desktop.services.registration.groups import GroupRow

    community_id, community, district = place
    return GroupRow(
        id=gid, code=code, name=f"Group {code}", kind="men", community_id=community_id,
        community=community, chiefdom="Koya", district=district, facilitator="Abu Bakarr Sesay",
        start_date=start, status="active", members=members, sessions_held=held,
        sessions_total=16, attended=attended, marked=marked,
        search_text=f"{code} group {community}".casefold(),
    )  # fmt: skip


def test_figures_fill_their_columns_and_sort(qtbot, qtmodeltester):
    """Each column shows its figure; rows the table hands out carry them; sorting by the
    Attendance column sorts by the rate, a group with no mark yet last."""
    from mwp_desktop.views.groups.group_model import COL_NAME, COL_RATE, COL_START
    from mwp_desktop.views.shared.table_model import ROW_ROLE, SORT_ROLE

    model = GroupTableModel()
    model.set_rows([
        _row(1, "M26-001", 9, 2, date(2026, 2, 2), attended=3, marked=4),
        _row(2, "M26-002", 12, 16, None),
        _row(3, "m26-003", 9, 0, date(2025, 11, 3), attended=9, marked=10),
    ])  # fmt: skip
    assert model.index(0, COL_START).data() == "02/02/2026"
    assert model.index(1, COL_START).data() == ""
    assert model.index(1, COL_SESSIONS).data() == "16 of 16"
    assert model.index(0, COL_NAME).data(Qt.ToolTipRole) == "Group M26-001"
    assert model.index(0, COL_MEMBERS).data(Qt.TextAlignmentRole) == int(
        Qt.AlignRight | Qt.AlignVCenter
    )
    model.sort(COL_START, Qt.AscendingOrder)
    assert [model.index(r, COL_CODE).data() for r in range(3)] == ["M26-002", "m26-003", "M26-001"]
    model.sort(COL_CODE, Qt.AscendingOrder)  # case does not count
    assert [model.index(r, COL_CODE).data() for r in range(3)] == ["M26-001", "M26-002", "m26-003"]

    rates = [model.index(r, COL_RATE).data() for r in range(3)]
    assert rates == ["75% (3/4)", "", "90% (9/10)"]
    row = model.index(0, 0).data(ROW_ROLE)
    assert (row.attendance_rate, row.marked) == ("75% (3/4)", 4)
    assert model.row_at(2).attendance_rate == "90% (9/10)"
    assert [r.attendance_rate for r in model.rows()] == rates
    assert model.index(0, COL_RATE).data(SORT_ROLE) == 0.75
    model.sort(COL_RATE, Qt.DescendingOrder)
    assert [model.index(r, COL_CODE).data() for r in range(3)] == ["m26-003", "M26-001", "M26-002"]
    qtmodeltester.check(model)
    model.set_rows([_row(1, "M26-001", 9, 2, attended=1, marked=2)])
    assert model.index(0, COL_RATE).data() == "50% (1/2)"


def test_communities_offered_follow_the_district():
    model = GroupTableModel()
    model.set_rows([
        _row(1, "M26-001", 1, 0),
        _row(2, "M26-002", 1, 0, place=(2, "Lumley", "Western Urban")),
        _row(3, "M26-003", 1, 0, place=(2, "Lumley", "Western Urban")),
    ])  # fmt: skip
    assert model.communities() == {(1, "Tombo"), (2, "Lumley")}
    assert model.communities("Western Urban") == {(2, "Lumley")}


def test_attendance_rates_are_shown_with_the_list_and_follow_new_marks(qtbot, db, two_groups):
    """The rates come with the list (each group keeps its marks at held meetings): no "…"
    waiting for a later read; a mark typed later shows on the next refresh."""
    from sqlalchemy import select

    from mwp_desktop.models import Attendance, CurriculumSession, Enrollment, Group, Meeting
    from mwp_desktop.views.groups.group_model import COL_RATE

    first, _second = two_groups
    with db.session() as s:
        session_id = s.scalars(
            select(CurriculumSession.id).where(
                CurriculumSession.curriculum_id == s.get(Group, first).curriculum_id
            )
        ).first()
        meeting = Meeting(group_id=first, session_id=session_id, planned_date=date(2026, 2, 2),
                          held_date=date(2026, 2, 2), status="held")  # fmt: skip
        s.add(meeting)
        s.flush()
        people = s.scalars(select(Enrollment.participant_id).where(Enrollment.group_id == first))
        marks = [
            Attendance(meeting_id=meeting.id, participant_id=who, status=mark)
            for who, mark in zip(people, ("present", "absent"), strict=True)
        ]
        s.add_all(marks)
        s.flush()
        absent = marks[1].id
    panel = GroupsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    assert [panel.model.index(r, COL_RATE).data() for r in range(2)] == ["50% (1/2)", ""]
    assert panel.model.index(0, COL_SESSIONS).data() == "1 of 16"
    assert panel.selected().attendance_rate == "50% (1/2)"
    with db.session() as s:
        s.get(Attendance, absent).status = "late"
    panel.refresh()  # Ctrl+R
    assert panel.model.index(0, COL_RATE).data() == "100% (2/2)"
