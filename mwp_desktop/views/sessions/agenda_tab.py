"""The agenda tab: this week's and next week's meetings, filtered, with overdue ones marked.

Enter opens a meeting's group at its column in the register; Ctrl+T takes attendance; Ctrl+P
prints the meeting's sign-in sheet. The same actions are on the row's context menu.

The agenda follows changes to meetings (planned, moved, held: a mark typed for an overdue meeting
records it held) and to the groups, facilitators and communities it names and filters by.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.sessions.agenda import AgendaItem, agenda, agenda_filters, week_start
from ...services.surveys.follow_up_due import follow_ups_due, follow_ups_due_first
from ..shared import operations
from ..shared.choice_box import KeyedChoiceBox, choice_box
from ..shared.empty_state import EmptyState
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.roles import offer
from .list_models import AgendaModel
from .overdue_concerns import OverdueConcernsNote
from .surveys_due_line import NAMED, SurveysDueLine
from .tables import current_row_object, list_table

if TYPE_CHECKING:
    from .panel import SessionsPanel

PERIODS = ("This week and next", "This week", "Next week", "Last week")
AGENDA_SHOWS = (
    Changed.MEETINGS | Changed.GROUPS | Changed.FACILITATORS | Changed.COMMUNITIES
    | Changed.SURVEYS
)  # fmt: skip


NO_MEETINGS = (
    "No meetings in these weeks. Choose a group in the Register tab and Plan schedule… "
    "to plan its sessions."
)


MEETINGS = "meetings"  # the key of the agenda's read: a newer one overtakes it
# A filter box reached by the keyboard, clicked (a list drops down before it takes the focus)
# or scrolled over.
GOING_TO_A_FILTER = (QEvent.FocusIn, QEvent.MouseButtonPress, QEvent.KeyPress, QEvent.Wheel)


class AgendaTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.period = QComboBox()
        self.period.addItems(PERIODS)
        # Thousands of facilitators at national scale: filled in one call (KeyedChoiceBox).
        self.facilitator = choice_box(14, kind=KeyedChoiceBox)
        self.community = choice_box(14, kind=KeyedChoiceBox)
        self.district = KeyedChoiceBox()
        # As wide as the longest district name it lists, though it lists them only when first
        # dropped down.
        self.district.setMinimumContentsLength(12)
        self.district.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.overdue = QCheckBox("Overdue meetings of earlier weeks", checked=True)
        # Each filter offers everyone until the user first goes to one (eventFilter).
        self._filters_read = False
        self.filter_boxes = ((self.facilitator, "All facilitators"),
                             (self.community, "All communities"),
                             (self.district, "All districts"))  # fmt: skip
        for combo, everyone in self.filter_boxes:
            combo.set_choices([None], [everyone])
            combo.installEventFilter(self)

        filters_row = QHBoxLayout()
        for widget in (self.period, self.facilitator, self.community, self.district):
            filters_row.addWidget(widget)
        filters_row.addWidget(self.overdue)
        filters_row.addStretch(1)

        self.model = AgendaModel(self)
        self.table = list_table(self.model)
        self.table.sortByColumn(0, Qt.AscendingOrder)  # the order the meetings are read in
        self.table.setObjectName("AgendaTable")
        self.empty = EmptyState(self.table, lambda: None if self.reading() else NO_MEETINGS)
        self.summary = QLabel("")
        self.surveys_due = SurveysDueLine(self._every_survey_due)
        # Read first, with the filters' defaults (every facilitator, community and district),
        # while the rest of the tab is built.
        self.show_meetings()
        self.show_surveys_due()
        open_button = QPushButton("Open register")
        open_button.setToolTip("Open this meeting's group at its column (Enter)")
        open_button.clicked.connect(self.open_register)
        self.take_button = QPushButton("Take attendance… (Ctrl+T)")
        self.take_button.clicked.connect(self.take_attendance)
        offer(self.take_button, panel.context.actor, "attendance")
        self.print_button = QPushButton("Print sign-in sheet… (Ctrl+P)")
        self.print_button.setToolTip("Preview this meeting's sign-in sheet, to print or save")
        self.print_button.clicked.connect(self.print_sheet)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(open_button)
        actions.addWidget(self.take_button)
        actions.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(filters_row)
        layout.addWidget(OverdueConcernsNote(panel))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.surveys_due)
        layout.addLayout(actions)
        for combo in (self.period, self.facilitator, self.community, self.district):
            combo.currentIndexChanged.connect(self.show_meetings)
        self.overdue.toggled.connect(self.show_meetings)
        self.table.activated.connect(lambda _: self.open_register())  # Enter
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        follow_changes(self, AGENDA_SHOWS, self.refresh)

    def date_range(self, today: date) -> tuple[date, date]:
        monday = week_start(today)
        choice = self.period.currentIndex()
        if choice == 1:
            return monday, monday + timedelta(days=6)
        if choice == 2:
            return monday + timedelta(days=7), monday + timedelta(days=13)
        if choice == 3:
            return monday - timedelta(days=7), monday - timedelta(days=1)
        return monday, monday + timedelta(days=13)

    def refresh(self) -> None:
        """The filters' choices and the meetings read again, keeping the choices made."""
        if self._filters_read:
            self.show_filters()
        self.show_meetings()
        self.show_surveys_due()  # on the other worker, while the meetings are read

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self._filters_read and event.type() in GOING_TO_A_FILTER:
            self.show_filters()  # before the list drops down or the typing starts
            for combo, _everyone in self.filter_boxes:
                combo.removeEventFilter(self)
        return False

    def show_filters(self) -> None:
        """The facilitators, communities and districts to filter by, keeping the choices made
        (without reading the meetings again).

        Read when the user first goes to a filter, not as the agenda opens: at four times
        national the 5,600 facilitators took ~15 ms of the Sessions panel's opening, for lists
        that show only when dropped down or typed into."""
        self._filters_read = True
        filters = operations.read(self.panel.context, agenda_filters)
        lists = (filters.facilitators, filters.communities, [(d, d) for d in filters.districts])
        for (combo, everyone), options in zip(self.filter_boxes, lists, strict=True):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.set_choices(
                [None, *(key for key, _name in options)],
                [everyone, *(name for _key, name in options)],
            )
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def show_surveys_due(self) -> None:
        """How many follow-up surveys fall due and the first few, read off the UI thread: at
        four times national scale thousands of groups are due, and the meetings need not wait
        for them."""
        today, actor = date.today(), self.panel.context.actor
        operations.read_in_background(
            self, self.panel.context,
            lambda s: follow_ups_due_first(s, actor, NAMED, today),
            lambda due: self.surveys_due.show_due(due, today), key="surveys-due",
        )  # fmt: skip

    def _every_survey_due(self, today: date):
        actor = self.panel.context.actor
        return operations.read(self.panel.context, lambda s: follow_ups_due(s, actor, today))

    def show_meetings(self) -> None:
        """The meetings of the chosen weeks and filters, read off the UI thread (5,000 at four
        times national scale); a newer choice overtakes a read under way."""
        today = date.today()
        start, end = self.date_range(today)
        facilitator_id, community_id = self.facilitator.currentData(), self.community.currentData()
        district, overdue = self.district.currentData(), self.overdue.isChecked()
        actor = self.panel.context.actor
        operations.read_in_background(
            self, self.panel.context,
            lambda s: agenda(
                s, actor, start, end, facilitator_id=facilitator_id, community_id=community_id,
                district=district, include_overdue=overdue, today=today,
            ),
            lambda items: self._list(items, start, end), key=MEETINGS,
        )  # fmt: skip
        self.empty.update_state()  # not "no meetings" while they are read

    def reading(self) -> bool:
        """True while the meetings asked for last have not been listed yet."""
        return operations.busy(self, MEETINGS)

    def _list(self, items: list[AgendaItem], start: date, end: date) -> None:
        """The meetings read; the chosen meeting stays chosen while it is listed (else the
        first, the most overdue)."""
        chosen = self.current_meeting_id()
        self.model.set_rows(items)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        overdue = sum(i.overdue for i in items)
        self.summary.setText(
            f"{len(items):,} meetings from {start:%d/%m/%Y} to {end:%d/%m/%Y}"
            + (f" · <b style='color:#a12b1f'>{overdue:,} overdue</b>" if overdue else "")
        )
        if items:
            listed = [item.meeting_id for item in items]
            line = self.model.line_of(listed.index(chosen)) if chosen in listed else 0
            self.table.setCurrentIndex(self.model.index(line, 0))

    def open_register(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.open_group(item.group_id, item.meeting_id)

    def current_meeting_id(self) -> int | None:
        item = current_row_object(self.table)
        return item.meeting_id if item is not None else None

    def row_menu(self) -> QMenu:
        """The row's context menu (the shortcuts after a tab are shown, not bound twice: the
        panel answers Ctrl+T and Ctrl+P from whichever table has the focus)."""
        menu = QMenu(self)
        menu.addAction("Open register\tEnter", self.open_register)
        menu.addAction("Take attendance…\tCtrl+T", self.take_attendance)
        menu.addAction("Print sign-in sheet…\tCtrl+P", self.print_sheet)
        return menu

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        self.row_menu().exec(self.table.viewport().mapToGlobal(position))

    def print_sheet(self) -> None:
        self.panel.print_sign_in_sheet(self.current_meeting_id())

    def take_attendance(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.take_attendance(item.meeting_id)
