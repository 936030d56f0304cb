"""The Sessions & Attendance panel: the agenda, a group's register and schedule, the follow-up list.

From the agenda, Enter opens a meeting's group at that meeting's column; Ctrl+T takes attendance
for it. The register tab plans and changes a group's schedule and holds the register itself.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.agenda import agenda, agenda_filters, group_choices, week_start
from ...services.follow_up import export_follow_up, follow_up_list
from ...services.register_export import export_attendance, export_schedule
from ...services.settings import get_setting
from ..attendance import meeting_actions
from ..attendance.list_models import AgendaModel, FollowUpModel
from ..attendance.register_model import ROW_OBJECT_ROLE, SORT_ROLE
from ..attendance.register_widget import RegisterWidget
from ..attendance.schedule_dialog import ScheduleDialog
from ..attendance.take_attendance import TakeAttendanceDialog
from ..context import AppContext
from .header import PanelHeader

PERIODS = ("This week and next", "This week", "Next week", "Last week")


def sorted_table(model) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(28)
    table.horizontalHeader().setStretchLastSection(True)
    return table, proxy


def current_row_object(table: QTableView):
    index = table.currentIndex()
    return index.data(ROW_OBJECT_ROLE) if index.isValid() else None


class AgendaTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        context = panel.context
        self.period = QComboBox()
        self.period.addItems(PERIODS)
        self.facilitator = QComboBox()
        self.community = QComboBox()
        self.district = QComboBox()
        with context.db.session() as session:
            filters = agenda_filters(session)
        self.facilitator.addItem("All facilitators", None)
        for fid, name in filters.facilitators:
            self.facilitator.addItem(name, fid)
        self.community.addItem("All communities", None)
        for cid, name in filters.communities:
            self.community.addItem(name, cid)
        self.district.addItem("All districts", None)
        for name in filters.districts:
            self.district.addItem(name, name)
        for combo in (self.facilitator, self.community):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.NoInsert)
            combo.completer().setFilterMode(Qt.MatchContains)
            combo.completer().setCompletionMode(QCompleter.PopupCompletion)
            combo.setMinimumContentsLength(14)
        self.overdue = QCheckBox("Overdue meetings of earlier weeks", checked=True)

        filters_row = QHBoxLayout()
        for widget in (self.period, self.facilitator, self.community, self.district):
            filters_row.addWidget(widget)
        filters_row.addWidget(self.overdue)
        filters_row.addStretch(1)

        self.model = AgendaModel(self)
        self.table, self.proxy = sorted_table(self.model)
        self.table.setObjectName("AgendaTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((118, 52, 96, 240, 130, 112, 142, 100)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.Stretch)  # the session title takes the room
        self.summary = QLabel("")
        open_button = QPushButton("Open register")
        open_button.setToolTip("Open this meeting's group at its column (Enter)")
        open_button.clicked.connect(self.open_register)
        take_button = QPushButton("Take attendance… (Ctrl+T)")
        take_button.clicked.connect(self.take_attendance)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(open_button)
        actions.addWidget(take_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(filters_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        for combo in (self.period, self.facilitator, self.community, self.district):
            combo.currentIndexChanged.connect(self.refresh)
        self.overdue.toggled.connect(self.refresh)
        self.table.activated.connect(lambda _: self.open_register())  # Enter
        self.refresh()

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
        today = date.today()
        start, end = self.date_range(today)
        with self.panel.context.db.session() as session:
            items = agenda(
                session,
                self.panel.context.actor,
                start,
                end,
                facilitator_id=self.facilitator.currentData(),
                community_id=self.community.currentData(),
                district=self.district.currentData(),
                include_overdue=self.overdue.isChecked(),
                today=today,
            )
        self.model.load(items)
        self.table.sortByColumn(0, Qt.AscendingOrder)
        overdue = sum(i.overdue for i in items)
        self.summary.setText(
            f"{len(items):,} meetings from {start:%d/%m/%Y} to {end:%d/%m/%Y}"
            + (f" · <b style='color:#a12b1f'>{overdue:,} overdue</b>" if overdue else "")
        )
        if items:
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def open_register(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.open_group(item.group_id, item.meeting_id)

    def take_attendance(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.take_attendance(item.meeting_id, item.group_id)


class RegisterTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        context = panel.context
        self.group = QComboBox(objectName="RegisterGroup")
        self.group.setEditable(True)
        self.group.setInsertPolicy(QComboBox.NoInsert)
        self.group.completer().setFilterMode(Qt.MatchContains)
        self.group.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.group.setMinimumContentsLength(28)
        self.group.lineEdit().setPlaceholderText("Type a group code or name")
        self.reload_groups()

        self.plan_button = QPushButton("Plan schedule…")
        self.plan_button.clicked.connect(self.plan)
        self.take_button = QPushButton("Take attendance… (Ctrl+T)")
        self.take_button.clicked.connect(self.take_attendance)
        self.meeting_button = QToolButton(text="This meeting ▾")
        self.meeting_button.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(self.meeting_button)
        for title, action in (
            ("Move to another day…", meeting_actions.move),
            ("Postpone a week (and shift later ones)…", meeting_actions.postpone),
            ("Cancel with a reason…", meeting_actions.cancel),
            ("Plan a make-up meeting…", meeting_actions.makeup),
        ):
            menu.addAction(title, lambda action=action: self.change_meeting(action))
        self.meeting_button.setMenu(menu)
        self.export_button = QToolButton(text="Export ▾")
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction("Register (CSV or XLSX)…", lambda: self.export("attendance"))
        export_menu.addAction("Schedule (CSV or XLSX)…", lambda: self.export("schedule"))
        self.export_button.setMenu(export_menu)

        top = QHBoxLayout()
        top.addWidget(QLabel("Group:"))
        top.addWidget(self.group, 1)
        for widget in (self.plan_button, self.take_button, self.meeting_button, self.export_button):
            top.addWidget(widget)
        self.info = QLabel("", objectName="RegisterInfo")
        self.info.setWordWrap(True)
        self.register = RegisterWidget(context)
        self.register.meeting_changed.connect(self._on_meeting)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.register, 1)
        self.group.activated.connect(lambda _: self.show_group(self.group.currentData()))
        self._update_buttons()

    def reload_groups(self) -> None:
        with self.panel.context.db.session() as session:
            choices = group_choices(session, self.panel.context.actor)
        self.group.blockSignals(True)
        self.group.clear()
        for choice in choices:
            self.group.addItem(choice.label, choice.id)
        self.group.setCurrentIndex(-1)
        self.group.blockSignals(False)

    def show_group(self, group_id: int | None, meeting_id: int | None = None) -> None:
        if group_id is None:
            return
        position = self.group.findData(group_id)
        if position >= 0 and self.group.currentIndex() != position:
            self.group.setCurrentIndex(position)
        self.register.open_group(group_id, meeting_id)
        register = self.register.model.register
        group = register.group
        planned = len(register.columns)
        eligible = sum(register.eligible(row) for row in register.rows)
        self.info.setText(
            f"<b>{group.code} {group.name}</b> · {group.curriculum_name} v{group.curriculum_version}"
            f" · facilitator {group.facilitator_name or 'not set'} · "
            f"{len(register.rows)} members · completes with {register.required} of "
            f"{group.total_sessions} sessions · ✓ {eligible} have enough for a certificate"
            + ("" if planned else " · <b>no schedule yet: press Plan schedule…</b>")
        )
        self._update_buttons()
        self.register.table.setFocus()

    def current_group_id(self) -> int | None:
        return self.register.group_id

    def _on_meeting(self, _meeting_id) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_group = self.current_group_id() is not None
        has_meeting = self.register.current_meeting_id() is not None
        self.plan_button.setEnabled(has_group)
        self.export_button.setEnabled(has_group)
        self.take_button.setEnabled(has_meeting)
        self.meeting_button.setEnabled(has_meeting)

    def plan(self) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        register = self.register.model.register
        if any(c.meeting.status == "held" for c in register.columns):
            QMessageBox.information(
                self,
                "Plan schedule",
                f"{register.group.code} has already met, so its schedule is kept. Choose a "
                "meeting in the register and use “This meeting” to move, postpone or cancel "
                "it, or to plan a make-up.",
            )
            return
        if ScheduleDialog(self.panel.context, group_id, self).exec():
            self.show_group(group_id)
            self.panel.agenda.refresh()

    def take_attendance(self) -> None:
        meeting_id = self.register.current_meeting_id()
        if meeting_id is not None:
            self.panel.take_attendance(meeting_id, self.current_group_id())

    def change_meeting(self, action) -> None:
        meeting_id = self.register.current_meeting_id()
        if meeting_id is not None and action(self, self.panel.context, meeting_id):
            self.register.reload()
            self.panel.agenda.refresh()

    def export(self, what: str) -> None:
        group_id = self.current_group_id()
        if group_id is None:
            return
        code = self.register.model.register.group.code
        path, _ = QFileDialog.getSaveFileName(
            self, "Export", f"{code}-{what}.xlsx", "Excel workbook (*.xlsx);;CSV file (*.csv)"
        )
        if not path:
            return
        export = export_attendance if what == "attendance" else export_schedule
        try:
            with self.panel.context.db.session() as session:
                count = export(session, self.panel.context.actor, group_id, path)
        except UserError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return
        QMessageBox.information(self, "Export", f"Wrote {count:,} rows to {path}")


class FollowUpTab(QWidget):
    def __init__(self, panel: SessionsPanel):
        super().__init__()
        self.panel = panel
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.model = FollowUpModel(self)
        self.table, self.proxy = sorted_table(self.model)
        self.table.setObjectName("FollowUpTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((160, 82, 116, 220, 112, 220, 66, 96)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export…")
        export.clicked.connect(self.export)
        open_button = QPushButton("Open register")
        open_button.clicked.connect(self.open_register)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for button in (open_button, refresh, export):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda _: self.open_register())

    def refresh(self) -> None:
        with self.panel.context.db.session() as session:
            items = follow_up_list(session, self.panel.context.actor)
            threshold = get_setting(session, "follow_up_absences")
        self.model.load(items)
        self.table.sortByColumn(6, Qt.DescendingOrder)
        self.note.setText(
            f"<b>{len(items):,}</b> active members missed the last {threshold} or more meetings "
            "of their group in a row (absent or not marked; excused does not count). "
            "Call them, or their facilitator."
        )

    def open_register(self) -> None:
        item = current_row_object(self.table)
        if item is not None:
            self.panel.open_group(item.group_id)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the follow-up list",
            "follow-up.xlsx",
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )
        if not path:
            return
        try:
            with self.panel.context.db.session() as session:
                count = export_follow_up(session, self.panel.context.actor, path)
        except UserError as exc:
            QMessageBox.warning(self, "Export", str(exc))
            return
        QMessageBox.information(self, "Export", f"Wrote {count:,} people to {path}")


class SessionsPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 16)
        layout.addWidget(
            PanelHeader(
                "Sessions & Attendance",
                "This week's and next week's meetings, each group's schedule and register, "
                "and the men to call.",
            )
        )
        self.tabs = QTabWidget()
        self.agenda = AgendaTab(self)
        self.register_tab = RegisterTab(self)
        self.follow_up = FollowUpTab(self)
        self.tabs.addTab(self.agenda, "Agenda")
        self.tabs.addTab(self.register_tab, "Register && schedule")
        self.tabs.addTab(self.follow_up, "Follow-up calls")
        self.tabs.currentChanged.connect(self._on_tab)
        self.attendance_dialog: TakeAttendanceDialog | None = None
        self._shown_before = False
        layout.addWidget(self.tabs, 1)

    def showEvent(self, event) -> None:
        # Meetings may have changed elsewhere (another panel, another PC): show them fresh.
        if self._shown_before:
            self.agenda.refresh()
        self._shown_before = True
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+T reaches the panel from whichever table has the focus (they pass it on).
        if event.key() == Qt.Key_T and event.modifiers() == Qt.ControlModifier:
            event.accept()
            self._take_attendance_here()
            return
        super().keyPressEvent(event)

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self.follow_up:
            self.follow_up.refresh()

    def _take_attendance_here(self) -> None:
        if self.tabs.currentWidget() is self.agenda:
            self.agenda.take_attendance()
        elif self.tabs.currentWidget() is self.register_tab:
            self.register_tab.take_attendance()

    def open_group(self, group_id: int, meeting_id: int | None = None) -> None:
        self.tabs.setCurrentWidget(self.register_tab)
        self.register_tab.show_group(group_id, meeting_id)

    def take_attendance(self, meeting_id: int, group_id: int | None) -> None:
        try:
            dialog = TakeAttendanceDialog(self.context, meeting_id, self)
        except UserError as exc:
            QMessageBox.warning(self, "Take attendance", str(exc))
            return
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._after_attendance(group_id))
        self.attendance_dialog = dialog
        dialog.open()  # window-modal, without blocking the event loop

    def _after_attendance(self, group_id: int | None) -> None:
        self.attendance_dialog = None
        self.agenda.refresh()
        if group_id is not None and self.register_tab.current_group_id() == group_id:
            self.register_tab.register.reload()


def create_panel(context: AppContext) -> SessionsPanel:
    return SessionsPanel(context)
