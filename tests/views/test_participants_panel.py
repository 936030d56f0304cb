"""The Participants panel and the registration dialog, driven from the keyboard."""

import threading

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from mwp_desktop.views.participants import participant_model
from mwp_desktop.views.participants.panel import ParticipantsPanel
from mwp_desktop.views.participants.participant_dialog import OPEN_EXISTING, ParticipantDialog
from mwp_desktop.views.participants.participant_model import (
    COL_AGE,
    COL_CODE,
    COL_NAME,
    ParticipantTableModel,
)
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.table_model import ROW_ROLE
from tests.builders.groups import add_group
from tests.builders.people import add_membership, add_participant
from tests.builders.places import add_community


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, _k=kind, **kw: shown.append((_k, a[2])))
    return shown


def type_form(qtbot, dialog, first, last, sex_key, age, phone):
    qtbot.keyClicks(dialog.first_name, first)
    qtbot.keyClick(dialog.first_name, Qt.Key_Tab)
    qtbot.keyClicks(dialog.last_name, last)
    qtbot.keyClicks(dialog.sex, sex_key)  # typing M picks "M — male"
    qtbot.keyClicks(dialog.age, age)
    qtbot.keyClicks(dialog.phone, phone)


def test_register_by_keyboard_then_duplicate_warning_then_search(qtbot, db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
    context = AppContext(db=db)
    panel = ParticipantsPanel(context)
    qtbot.addWidget(panel)
    panel.show()

    dialog = ParticipantDialog(context, community_id=place, parent=panel)
    qtbot.addWidget(dialog)
    dialog.show()
    type_form(qtbot, dialog, "Mohamed", "Kamara", "M", "34", "076 123 456")
    assert dialog.sex.currentData() == "M"
    qtbot.keyClick(dialog.phone, Qt.Key_Return)  # Enter saves
    assert dialog.result() == ParticipantDialog.Accepted
    first = dialog.saved
    assert (first.full_name, first.phone, first.community) == (
        "Mohamed Kamara",
        "+23276123456",
        "Tombo",
    )

    # The same man typed again: the warning appears before saving, and Enter does not save.
    again = ParticipantDialog(context, community_id=place, parent=panel)
    qtbot.addWidget(again)
    again.show()
    type_form(qtbot, again, "mohamed", "KAMARA", "M", "12", "")  # an age still wrong
    qtbot.waitUntil(again.duplicate_box.isVisible)
    assert again.errors["age"].isVisible()
    assert first.code in again.duplicate_label.text()
    assert "same name in Tombo" in again.duplicate_label.text()
    again.age.clear()
    qtbot.keyClick(again.age, Qt.Key_Return)
    assert again.saved is None and again.isVisible()
    qtbot.mouseClick(again.open_existing_button, Qt.LeftButton)
    assert again.result() == OPEN_EXISTING and again.open_existing_id == first.id

    # Search for him by part of his surname, then by phone digits.
    qtbot.keyClicks(panel.search, "kama")
    qtbot.waitUntil(
        lambda: panel.model.rowCount() == 1 and panel.search.text() == panel.model.query.text
    )
    assert panel.model.index(0, COL_NAME).data() == "Mohamed Kamara"
    qtbot.waitUntil(lambda: panel.count_label.text() == "1 found")
    panel.search.clear()
    qtbot.keyClicks(panel.search, "076 123")
    qtbot.waitUntil(lambda: panel.model.query.text == "076 123")
    assert panel.model.index(0, COL_CODE).data() == first.code


def shown_names(panel) -> list[str]:
    return [panel.model.index(r, COL_NAME).data() for r in range(panel.model.rowCount())]


def test_typing_fast_shows_only_the_newest_searchs_rows(qtbot, db, monkeypatch):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        for first, last in (("Mohamed", "Kamara"), ("Sorie", "Koroma"), ("Abu", "Kargbo")):
            add_participant(s, first, last, community=tombo)
    panel = ParticipantsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: len(shown_names(panel)) == 3)

    # The search for "k" is slow (a large office): it is still running when "kam" is typed.
    release, answered = threading.Event(), []
    real_search = participant_model.search_participants

    def search(session, actor, query, offset, limit):
        if query.text == "k":
            release.wait(5)
        rows = real_search(session, actor, query, offset, limit)
        answered.append(query.text)
        return rows

    monkeypatch.setattr(participant_model, "search_participants", search)
    qtbot.keyClicks(panel.search, "k")
    qtbot.keyClick(panel.search, Qt.Key_Return)  # searches at once, without the typing pause
    qtbot.keyClicks(panel.search, "am")
    qtbot.keyClick(panel.search, Qt.Key_Return)

    qtbot.waitUntil(lambda: shown_names(panel) == ["Mohamed Kamara"])
    assert answered == ["kam"]  # shown while the slower, older search was still running
    assert panel.selected_id() is not None
    release.set()
    qtbot.waitUntil(lambda: answered == ["kam", "k"])
    qtbot.wait(100)  # its late answer (all three men) reaches the window now, and is dropped
    assert shown_names(panel) == ["Mohamed Kamara"]
    assert panel.count_label.text() == "1 found"


def test_register_anyway_saves_a_second_record(qtbot, db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        add_participant(s, "Mohamed", "Kamara", community=place)
    dialog = ParticipantDialog(AppContext(db=db), community_id=place)
    qtbot.addWidget(dialog)
    dialog.show()
    type_form(qtbot, dialog, "Mohamed", "Kamara", "M", "", "")
    qtbot.waitUntil(dialog.duplicate_box.isVisible)
    qtbot.mouseClick(dialog.register_anyway_button, Qt.LeftButton)
    assert dialog.saved is not None and dialog.result() == ParticipantDialog.Accepted


def test_mistakes_are_shown_next_to_the_fields(qtbot, db):
    dialog = ParticipantDialog(AppContext(db=db))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.phone, "0761")
    qtbot.waitUntil(dialog.errors["phone"].isVisible)
    assert "too few digits" in dialog.errors["phone"].text()
    assert not dialog.errors["first_name"].isVisible()  # untouched fields are not scolded yet
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert dialog.errors["first_name"].text() == "First name is required."
    assert dialog.errors["sex"].isVisible()
    assert dialog.saved is None


def test_lazy_model_fetches_pages_and_sorts_in_sql(qtbot, qtmodeltester, db):
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        for i in range(7):  # aged 20 to 26 in 2026
            add_participant(s, f"Man{chr(65 + i)}", "Koroma", born=2026 - 20 - i, community=tombo)
    shown_in = QWidget()
    qtbot.addWidget(shown_in)
    model = ParticipantTableModel(AppContext(db=db), shown_in, page_size=3)
    with qtbot.waitSignal(model.counted):  # the first page, then the count, off the UI thread
        model.reload()
    assert model.rowCount() == 3 and model.canFetchMore()
    assert model.total == 7
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 7 and not model.canFetchMore()
    with qtbot.waitSignal(model.loaded):  # read again (a refresh): the rows scrolled to stay
        model.reload()
    assert model.rowCount() == 7
    with qtbot.waitSignal(model.loaded):
        model.sort(COL_AGE, Qt.DescendingOrder)
    assert model.rowCount() == 3  # a new order starts from its first page
    assert model.index(0, COL_NAME).data() == "ManG Koroma"
    assert model.index(0, 0).data(ROW_ROLE).age == 26
    qtmodeltester.check(model)


def test_editing_shows_his_groups_and_saves_changes(qtbot, db):
    from datetime import date

    from mwp_desktop.services.actor import SYSTEM
    from mwp_desktop.services.registration.enrollments import transfer

    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        first = add_group(s, "M26-001", community=tombo).id
        second = add_group(s, "M26-002", community=tombo).id
        man = add_participant(s, "Mohamed", "Kamara", phone="+23276123456", community=tombo)
        add_membership(s, man, first, enrolled_on=date(2026, 3, 2))
    with db.session() as s:
        transfer(s, SYSTEM, man.id, second, date(2026, 3, 9), "closer to home")
    dialog = ParticipantDialog(AppContext(db=db), man.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.phone.text() == "076 123 456"
    text = dialog.history_label.text()
    assert "M26-001: joined 02/03/2026, transferred 09/03/2026 to M26-002 (closer to home)" in text
    assert "M26-002: joined 09/03/2026, active" in text
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "088 999 000")
    qtbot.keyClick(dialog.phone, Qt.Key_Return)
    assert dialog.saved.phone == "+23288999000" and dialog.saved.code == man.code


def test_a_phone_another_man_uses_is_shown_naming_him_and_his_group_and_enter_saves(qtbot, db):
    with db.session() as s:
        place = add_community(s, "Tombo", chiefdom="Koya").id
        brother = add_participant(s, "Alusine", "Bangura", phone="+23276123456", community=place)
        add_membership(s, brother, add_group(s, "M26-001", community=place))
        code = brother.code
    dialog = ParticipantDialog(AppContext(db=db), community_id=place)
    qtbot.addWidget(dialog)
    dialog.show()
    type_form(qtbot, dialog, "Foday", "Bangura", "M", "30", "076 123 456")
    qtbot.waitUntil(dialog.duplicate_box.isVisible)
    text = dialog.duplicate_label.text()
    assert "Shares a phone number with" in text and "already registered" not in text
    assert code in text and "Alusine Bangura" in text and "group M26-001" in text
    assert not dialog.register_anyway_button.isVisible()
    qtbot.keyClick(dialog.phone, Qt.Key_Return)  # nothing to refuse: Enter saves him
    assert dialog.result() == ParticipantDialog.Accepted and dialog.saved.code != code


class _RowsPainted(QObject):
    """Notes when the table has painted the rows of `words` (a search's answer on screen)."""

    def __init__(self, panel, words: list[str]):
        super().__init__()
        self.panel, self.words, self.painted = panel, words, False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint and shown_names(self.panel)[:1] == self.words:
            self.painted = True
        return False


def test_a_searchs_rows_are_painted_before_its_matches_are_counted(qtbot, db, monkeypatch):
    # Counting every match is a second read over all of them: run beside the table's repaint,
    # it took the processor the repaint needed (a keystroke's repaint 8 -> 50 ms at 4x national).
    with db.session() as s:
        tombo = add_community(s, "Tombo", chiefdom="Koya")
        for number in range(participant_model.PAGE_SIZE + 2):  # more than one page matches "ka"
            add_participant(s, f"Man{number:03}", "Kamara", community=tombo)
        add_participant(s, "Sorie", "Koroma", community=tombo)
    panel = ParticipantsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.count_label.text() == "103 registered")
    watch = _RowsPainted(panel, ["Man000 Kamara"])
    panel.table.viewport().installEventFilter(watch)
    painted_when_counted = []  # on the window's thread, as the count is asked for
    real_read = participant_model.operations.read_in_background

    def read_in_background(owner, context, work, on_done, *, key=None, **kwargs):
        if key == participant_model._COUNT:
            painted_when_counted.append(watch.painted)
        return real_read(owner, context, work, on_done, key=key, **kwargs)

    monkeypatch.setattr(participant_model.operations, "read_in_background", read_in_background)
    qtbot.keyClicks(panel.search, "ka")
    qtbot.keyClick(panel.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.count_label.text() == "102 found")
    assert painted_when_counted == [True]
    assert not panel.model.loading
