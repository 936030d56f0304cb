"""The office trial of issue 15, end to end through the real window as a new user drives it:
sign in as office staff, add a community, a facilitator, a group and three men; import three
messy paper lists typed in after the first meeting; plan the 16 sessions; take session 1's
attendance by keyboard; print its sign-in sheet and save the PDF; sign out and in as the
supervisor. Every dialog is answered as a user would, and no box is left open at the end."""

from __future__ import annotations

import csv
import time
from datetime import date, timedelta

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from sqlalchemy import select

from mwp_desktop.models import Attendance, Community, Enrollment, Group, Meeting, Participant
from mwp_desktop.views.groups.add_place_dialogs import AddDialog
from mwp_desktop.views.groups.group_dialog import GroupDialog
from mwp_desktop.views.login import LoginDialog
from mwp_desktop.views.main_window import MainWindow
from mwp_desktop.views.participants.import_dialog import ImportDialog
from mwp_desktop.views.participants.participant_dialog import ParticipantDialog
from mwp_desktop.views.participants.participant_model import COL_GROUP, COL_NAME, COL_PHONE
from mwp_desktop.views.printing.preview import PdfPreviewDialog
from mwp_desktop.views.sessions.schedule_dialog import ScheduleDialog
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import ACCOUNTS, add_user_accounts

from .modal import POLL_MS
from .on_screen import on_screen

pytestmark = pytest.mark.sqlite_only

WAIT_MS = 20_000  # a loaded machine takes seconds to run a background read or save
TODAY = date.today()
# The group began three Mondays ago: its first meeting was held before any list was typed in.
START = TODAY - timedelta(days=TODAY.weekday() + 21)
JOINED = START.strftime("%d/%m/%Y")
JOSE_PHONE = "076 555 100"

# -- answering modal dialogs -------------------------------------------------------------------


class Boxes:
    """Message boxes a user reads and answers with their default button (OK, Yes); what each
    said is kept, so the test checks that nothing was refused that an office expects."""

    def __init__(self):
        self.said: list[str] = []
        self._yes_to = ""
        self._timer = QTimer(interval=POLL_MS)
        self._timer.timeout.connect(self._answer)
        self._timer.start()

    def say_yes_to(self, start: str) -> None:
        """The next question starting so is answered Yes, as the user means to."""
        self._yes_to = start

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            self.said.append(box.text())
            yes = box.button(QMessageBox.Yes)
            if yes is not None and self._yes_to and box.text().startswith(self._yes_to):
                self._yes_to = ""
                yes.click()
            else:
                (box.defaultButton() or box.buttons()[0]).click()

    def stop(self) -> None:
        self._timer.stop()

    def take(self) -> list[str]:
        said, self.said = self.said, []
        return said


def wait_until(condition) -> None:
    """qtbot.waitUntil for the answers, which run from the event loop without a qtbot."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        QTest.qWait(POLL_MS)


def when_opens(kind, act) -> None:
    """When a modal dialog of `kind` is up, let `act` answer it. A failing answer closes the
    dialog, so the failure is reported instead of the test waiting on a box forever."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, kind) and dialog.isVisible()):
            QTimer.singleShot(POLL_MS, poll)
            return
        try:
            # As a desktop gives a new dialog the focus: typing, Tab and Enter go to it.
            dialog.activateWindow()
            wait_until(lambda: QApplication.activeWindow() is dialog)
            act(dialog)
        except BaseException:
            dialog.reject()
            raise

    QTimer.singleShot(POLL_MS, poll)


def open_boxes() -> list[QDialog]:
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    return [w for w in shown if isinstance(w, (QDialog, QMessageBox, QProgressDialog))]


# The three men typed in, then those the lists bring (without the formula, the woman, the repeat).
TEN_MEN = (
    "José O'Kelly-Mansaray", "Musa Kargbo", "Alhaji Jalloh", "Mohamed Kamara", "Ibrahim Kamara",
    "Abu Sesay", "Sorie Koroma", "Foday Bangura", "Alimamy Turay", "Santigie Fofanah",
)  # fmt: skip

# -- the lists as they reach the office ---------------------------------------------------------


def first_list(folder):
    """A sign-up sheet typed in Excel and saved as CSV (semicolons, a title above the header):
    two brothers sharing a phone, a formula where a name should be, a woman, a repeated row, a
    new community and the day each man joined."""
    path = folder / "participants_goderich.csv"
    rows = [
        ["Goderich men's group - sign-up sheet"],
        [],
        ["No.", "Names", "Gender", "Age", "Mobile", "Village", "Joined"],
        ["1", "Mohamed Kamara", "M", "34", "076 123 456", "Goderich", JOINED],
        ["2", "Ibrahim Kamara", "M", "29", "076 123 456", "Goderich", JOINED],
        ["3", '=HYPERLINK("http://example.invalid","click")', "M", "30", "", "Goderich", ""],
        ["4", "Fatmata Conteh", "F", "27", "", "Goderich", JOINED],
        ["5", "Mohamed Kamara", "M", "34", "076 123 456", "Goderich", JOINED],
    ]
    with path.open("w", newline="", encoding="cp1252") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return path


def second_list(folder):
    """A workbook with a Date registered column (real dates); one man uses José's phone."""
    path = folder / "participants_lumley.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Sex", "Age", "Phone", "Community", "Date registered"])
    sheet.append(["Abu Sesay", "M", 41, JOSE_PHONE, "Lumley", START])
    sheet.append(["Sorie Koroma", "M", 22, None, "Lumley", START])
    sheet.append(["Foday Bangura", "M", 37, "088 111 222", "Lumley", START])
    book.save(path)
    return path


def third_list(folder):
    """A short CSV with no joining dates: the joining day is typed in the import window."""
    path = folder / "participants_late.csv"
    path.write_text(
        "Name,Sex,Age,Community\nAlimamy Turay,M,25,Lumley\nSantigie Fofanah,M,52,Lumley\n",
        encoding="utf-8",
    )
    return path


# -- the trial ---------------------------------------------------------------------------------


@pytest.fixture
def accounts(db, fast_hashing):
    with db.session() as s:
        add_user_accounts(s)  # office staff and a supervisor
    return db


def sign_in(qtbot, db, role: str):
    username, _name, password = ACCOUNTS[role]
    login = LoginDialog(db)
    on_screen(qtbot, login, (420, 300))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is login)
    qtbot.keyClicks(login.username, username)
    qtbot.keyClick(login.username, Qt.Key_Tab)
    qtbot.keyClicks(login.password, password)
    qtbot.keyClick(login.password, Qt.Key_Return)
    assert login.result() == LoginDialog.Accepted, login.error.text()
    return login.actor


def add_group_with_new_places(qtbot, window) -> None:
    groups = window.show_panel("groups")

    def fill_community(add):
        qtbot.keyClicks(add.fields["name"], "Lumley")
        qtbot.keyClicks(add.fields["district"], "Western Area Urban")
        qtbot.keyClick(add.fields["district"], Qt.Key_Return)

    def fill_facilitator(add):
        qtbot.keyClicks(add.fields["name"], "Abu Bakarr Sesay")
        qtbot.keyClicks(add.fields["sex"], "M")  # typing M picks male
        qtbot.keyClicks(add.fields["phone"], "076 123 999")
        qtbot.keyClick(add.fields["phone"], Qt.Key_Return)

    def fill_group(dialog):
        qtbot.keyClicks(dialog.name, "Lumley men 1")
        when_opens(AddDialog, fill_community)
        qtbot.mouseClick(dialog.new_community_button, Qt.LeftButton)
        when_opens(AddDialog, fill_facilitator)
        qtbot.mouseClick(dialog.new_facilitator_button, Qt.LeftButton)
        qtbot.keyClicks(dialog.venue, "the court barray")
        qtbot.keyClicks(dialog.start_date, JOINED)
        qtbot.keyClick(dialog.start_date, Qt.Key_Return)  # Save is the default button
        assert dialog.result() == GroupDialog.Accepted, dialog_errors(dialog)

    when_opens(GroupDialog, fill_group)
    qtbot.keyClick(groups, Qt.Key_N, Qt.ControlModifier)
    assert groups.selected() is not None and groups.selected().name == "Lumley men 1"


def dialog_errors(dialog) -> dict[str, str]:
    return {key: label.text() for key, label in dialog.errors.items() if label.text()}


def type_text(qtbot, widget, text: str) -> None:
    """Type as the keyboard does. QTest only knows ASCII keys (it aborts on others), so a
    letter such as é arrives as a keyboard layout gives it: a key press carrying its text."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))


def register_man(qtbot, members, first, last, age, phone, *, joined: str | None = JOINED) -> None:
    """Register a man into the chosen group; `joined` None leaves the form's joining day."""

    def fill(dialog):
        type_text(qtbot, dialog.first_name, first)
        qtbot.keyClick(dialog.first_name, Qt.Key_Tab)
        qtbot.keyClicks(dialog.last_name, last)
        qtbot.keyClicks(dialog.age, age)
        qtbot.keyClicks(dialog.phone, phone)
        if joined is not None:  # the paper list was typed in after meeting 1
            dialog.joined.selectAll()
            qtbot.keyClicks(dialog.joined, joined)
        qtbot.keyClick(dialog.phone, Qt.Key_Return)
        assert dialog.result() == ParticipantDialog.Accepted, dialog_errors(dialog)

    when_opens(ParticipantDialog, fill)
    qtbot.mouseClick(members.new_button, Qt.LeftButton)


def import_list(qtbot, groups, monkeypatch, path, *, joined: str | None = None) -> list[str]:
    """Import one list into the chosen group; each row's status, name and reason as the
    preview shows them."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    statuses = []

    def run(dialog):
        qtbot.mouseClick(browse_button(dialog), Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=WAIT_MS)
        if joined is not None:
            qtbot.mouseClick(dialog.joined, Qt.LeftButton)  # into the field, then over its date
            qtbot.keyClick(dialog.joined, Qt.Key_A, Qt.ControlModifier)
            qtbot.keyClicks(dialog.joined, joined)
            qtbot.keyClick(dialog.joined, Qt.Key_Tab)
            qtbot.waitUntil(lambda: dialog.plan is not None and dialog.joined.text() == joined)
        shown = dialog.preview  # what the user reads before pressing Import
        for row in range(shown.rowCount()):
            statuses.append(tuple(shown.index(row, column).data() for column in (1, 2, 4)))
        if dialog.new_places.isVisible():
            tick = QPoint(8, dialog.new_places.height() // 2)  # on the box, before its words
            qtbot.mouseClick(dialog.new_places, Qt.LeftButton, pos=tick)
        assert dialog.import_button.isEnabled(), dialog.import_hint.text()
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)

    when_opens(ImportDialog, run)
    qtbot.mouseClick(groups.import_button, Qt.LeftButton)
    return statuses


def code_of(db, first_name: str) -> str:
    with db.session() as s:
        return s.scalar(select(Participant.code).where(Participant.first_name == first_name))


def browse_button(dialog):
    (button,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "&Choose file …"]
    return button


@pytest.fixture
def boxes(qapp):
    answering = Boxes()
    yield answering
    answering.stop()


def test_the_office_trial_runs_end_to_end_through_the_window(
    qtbot, accounts, boxes, tmp_path, monkeypatch
):
    db = accounts

    # 1. Office staff sign in, add the group with its new community and facilitator, then
    #    three men from the paper list.
    staff = sign_in(qtbot, db, "staff")
    window = on_screen(qtbot, MainWindow(AppContext(db, staff)), (1366, 768))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts go to it
    add_group_with_new_places(qtbot, window)
    groups = window.panel("groups")
    code = groups.selected().code  # as the dialog suggested it: M, the year, a number
    members = groups.members
    register_man(qtbot, members, "José", "O'Kelly-Mansaray", "31", JOSE_PHONE)
    register_man(qtbot, members, "Musa", "Kargbo", "45", "")
    # The clerk does not notice the joining day for the third: it stays today, after session 1.
    register_man(qtbot, members, "Alhaji", "Jalloh", "38", "030 444 555", joined=None)
    assert boxes.take() == []

    # 2. Three messy lists, typed in after the first meeting: nothing an office expects refused.
    first = import_list(qtbot, groups, monkeypatch, first_list(tmp_path))
    second = import_list(qtbot, groups, monkeypatch, second_list(tmp_path))
    third = import_list(qtbot, groups, monkeypatch, third_list(tmp_path), joined=JOINED)
    imported = "will be imported"
    assert [(status, name) for status, name, _reason in first] == [
        (imported, "Mohamed Kamara"),
        (imported, "Ibrahim Kamara"),  # his brother's phone: a warning, never a refusal
        ("error", '"click") =HYPERLINK("http://example.invalid"'),
        ("other sex", "Fatmata Conteh"),
        ("duplicate in file", "Mohamed Kamara"),
    ]
    reasons = [reason for _status, _name, reason in first]
    assert reasons[1] == "Same phone number as row 4 (Mohamed Kamara)."
    # Each mistake said as a sentence of its own, so two read as two.
    allowed = "may hold only letters, spaces, apostrophes, hyphens and dots"
    assert reasons[2] == f'First name {allowed}, not " ). Surname {allowed}, not = ( " : /.'
    assert reasons[3].startswith(f"{code} is a men's group, and this participant is a woman")
    assert reasons[4] == "Same name, community and age as row 4."
    jose = code_of(db, "José")
    assert second == [
        (imported, "Abu Sesay", f"Same phone number as José O'Kelly-Mansaray ({jose}, group {code})."),
        (imported, "Sorie Koroma", ""),
        (imported, "Foday Bangura", ""),
    ]  # fmt: skip
    assert third == [(imported, "Alimamy Turay", ""), (imported, "Santigie Fofanah", "")]
    nothing_else = "0 already registered; 0 new communities."
    assert boxes.take() == [
        "2 imported; skipped: 1 with errors, 1 duplicated in the file, 0 already registered, "
        "1 of the other sex; 1 new community.",
        f"3 imported; skipped: 0 with errors, 0 duplicated in the file, {nothing_else}",
        f"2 imported; skipped: 0 with errors, 0 duplicated in the file, {nothing_else}",
    ]

    # 3. Plan the 16 sessions from the group's start.
    sessions = window.show_panel("sessions")
    register_tab = sessions.register_tab
    sessions.tabs.setCurrentWidget(register_tab)
    edit = register_tab.group.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, "Lumley men 1")
    register_tab.group.completer().popup().hide()
    qtbot.keyClick(edit, Qt.Key_Return)
    assert register_tab.current_group_id() is not None
    planned = []

    def plan(dialog):
        planned.extend(dialog.dates())
        qtbot.keyClick(dialog, Qt.Key_Return)  # Save schedule is the default button

    when_opens(ScheduleDialog, plan)
    qtbot.mouseClick(register_tab.plan_button, Qt.LeftButton)
    assert len(planned) == 16 and planned[0] >= START

    # 4. Session 1's attendance by keyboard: everyone pre-filled present, the second man absent.
    register = register_tab.register
    qtbot.waitUntil(lambda: register.model.rowCount() == 10, timeout=WAIT_MS)
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key_T, Qt.ControlModifier)
    take = sessions.attendance_dialog
    assert take is not None and take.isVisible()
    roster = take.table
    absent = take.roster.entries[1].participant_id
    qtbot.keyClick(roster, Qt.Key_Down)
    qtbot.keyClick(roster, Qt.Key_A)
    qtbot.keyClick(roster, Qt.Key_Return, Qt.ControlModifier)  # meeting held
    qtbot.waitUntil(lambda: not take.isVisible(), timeout=WAIT_MS)
    assert boxes.take() == []
    # The register shows it: session 1's column says 9 of the 10 men came.
    model = register.model
    headers = [
        model.headerData(c, Qt.Horizontal, Qt.ToolTipRole) or "" for c in range(model.columnCount())
    ]
    session_1 = next(c for c, tip in enumerate(headers) if tip.startswith("Session 1:"))
    qtbot.waitUntil(lambda: model.headerData(session_1, Qt.Horizontal).endswith("\n8/9"))

    # Alhaji came too: his mark typed into the register is not refused; the office is asked to
    # move his joining day back, says yes, and the mark is saved.
    rows = [row.name for row in model.register.rows]
    cell = model.index(rows.index("Alhaji Jalloh"), session_1)
    register.table.scrollTo(cell)
    qtbot.mouseClick(
        register.table.viewport(), Qt.LeftButton, pos=register.table.visualRect(cell).center()
    )
    boxes.say_yes_to("Session 1 (")
    qtbot.keyClick(register.table, Qt.Key_P)
    assert boxes.take() == [
        f"Session 1 ({planned[0]:%d/%m/%Y}) was before Alhaji Jalloh joined the group "
        f"({TODAY:%d/%m/%Y}).\n\nMove his joining date back to {planned[0]:%d/%m/%Y} and "
        "save the mark?"
    ]
    qtbot.waitUntil(lambda: model.headerData(session_1, Qt.Horizontal).endswith("\n9/10"))
    assert model.index(rows.index("Alhaji Jalloh"), session_1).data() == "P"

    # 5. Print session 1's sign-in sheet through the preview and save the PDF.
    saved_pdf = tmp_path / "sign-in-sheet.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved_pdf), ""))
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(PdfPreviewDialog)), timeout=WAIT_MS)
    (preview,) = window.findChildren(PdfPreviewDialog)
    qtbot.mouseClick(preview.save_button, Qt.LeftButton)
    qtbot.waitUntil(saved_pdf.exists, timeout=WAIT_MS)
    text = "".join(page.extract_text() for page in PdfReader(saved_pdf).pages)
    on_sheet = " ".join(text.split())
    assert [name for name in TEN_MEN if name not in on_sheet] == []
    assert "click" not in on_sheet and "Fatmata" not in on_sheet
    assert boxes.take() == []

    # 6. Sign out; the supervisor signs in and sees the records.
    def supervisor_signs_in(login):
        username, _name, password = ACCOUNTS["supervisor"]
        qtbot.keyClicks(login.username, username)
        qtbot.keyClick(login.username, Qt.Key_Tab)
        qtbot.keyClicks(login.password, password)
        qtbot.keyClick(login.password, Qt.Key_Return)

    window.activateWindow()  # the user clicks back on the main window, the preview still open
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    when_opens(LoginDialog, supervisor_signs_in)
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.signed_in_label.text() == "Signed in: sup (Supervisor)"
    people = window.show_panel("participants")
    qtbot.waitUntil(lambda: people.model.rowCount() == 10, timeout=WAIT_MS)
    people.search.setFocus()
    qtbot.keyClicks(people.search, "O'Kelly")
    qtbot.keyClick(people.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=WAIT_MS)
    found = [people.model.index(0, c).data() for c in (COL_NAME, COL_PHONE, COL_GROUP)]
    assert found == ["José O'Kelly-Mansaray", JOSE_PHONE, code]  # the phone as typed, locally

    boxes.stop()
    qtbot.wait(3 * POLL_MS)
    assert boxes.said == []
    assert QApplication.activeModalWidget() is None
    assert open_boxes() == []

    # The data is what the user typed.
    with db.session() as s:
        group = s.scalars(select(Group)).one()
        facilitator = (group.facilitator.name, group.facilitator.sex, group.facilitator.phone)
        places = sorted(s.scalars(select(Community.name)))
        men = {
            f"{p.first_name} {p.last_name}": (p.sex, p.phone, e.enrolled_on)
            for p, e in s.execute(
                select(Participant, Enrollment)
                .join(Enrollment)
                .where(Enrollment.group_id == group.id)
            )
        }
        meetings = s.scalars(
            select(Meeting.status)
            .where(Meeting.group_id == group.id)
            .order_by(Meeting.planned_date)
        ).all()
        marks = dict(
            s.execute(
                select(Attendance.participant_id, Attendance.status)
                .join(Meeting)
                .where(Meeting.group_id == group.id, Meeting.planned_date == planned[0])
            ).all()
        )
    assert (group.name, group.start_date, group.venue) == (
        "Lumley men 1",
        START,
        "the court barray",
    )
    assert facilitator == ("Abu Bakarr Sesay", "M", "+23276123999")
    assert places == ["Goderich", "Lumley"]  # Lumley from the group dialog, Goderich the list's
    assert sorted(men) == sorted(TEN_MEN)
    assert {sex for sex, _phone, _joined in men.values()} == {"M"}
    joined_late = {n: j for n, (_s, _p, j) in men.items() if j != START}
    assert joined_late in ({}, {"Alhaji Jalloh": planned[0]})  # session 1 is on a holiday
    assert men["José O'Kelly-Mansaray"][1] == men["Abu Sesay"][1]  # a family's shared phone
    assert meetings == ["held"] + ["planned"] * 15
    assert len(marks) == 10 and marks.pop(absent) == "absent" and set(marks.values()) == {"present"}
