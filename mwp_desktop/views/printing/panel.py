"""The Printing panel: next week's sign-in sheets in one click, a group's documents and
certificates, session plans, the follow-up list, and checking a certificate.

Every button opens the document in the preview, where it is printed or saved as PDF.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.documents import certificate_candidates, print_choices
from ...services.permissions import allowed
from ...services.scope import sees_every_group
from ..shared import operations
from ..shared.choice_box import KeyedChoiceBox, choice_box
from ..shared.context import AppContext
from ..shared.header import PanelHeader
from ..shared.operations import Changed
from ..shared.panel import Panel
from ..shared.table_model import ROW_ROLE, SORT_ROLE, apply_columns
from ..shared.typed_group import typed_group
from .candidates_model import COL_NAME, CandidatesModel

MEETING_STATUS = {"planned": "", "held": " — held", "postponed": " — postponed",
                  "cancelled": " — cancelled"}  # fmt: skip


def create_panel(context: AppContext) -> QWidget:
    return PrintingPanel(context)


def _actions():
    # Imported once the panel is on screen (PrintingPanel._warm_up) or at the first print: the
    # document layer (print_data, the sessions services it reads, printing/data.py) cost the
    # panel's first open ~40 ms at any scale.
    from . import actions

    return actions


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(objectName="PlanCard")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 16)
    layout.setSpacing(8)
    layout.addWidget(QLabel(title, objectName="PlanHeading"))
    return card, layout


class PrintingPanel(Panel):
    # The group list, each group's meetings, its men's standing and the session plans.
    cares_about = (
        Changed.GROUPS | Changed.MEMBERSHIPS | Changed.PARTICIPANTS | Changed.MEETINGS
        | Changed.ATTENDANCE | Changed.CERTIFICATES | Changed.CURRICULA | Changed.SETTINGS
    )  # fmt: skip

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.last_preview = None  # the most recent preview dialog, for tests and focus
        self._warm_up_started = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.addWidget(
            PanelHeader(
                "Printing",
                "Sheets for the coming meetings, certificates, schedules and registers. Each "
                "opens in a preview: print it, or save it as PDF for the print shop.",
            )
        )
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self._group_card(), 3)
        side = QVBoxLayout()
        side.setSpacing(16)
        side.addWidget(self._week_card())
        side.addWidget(self._plan_card())
        side.addWidget(self._office_card())
        side.addStretch(1)
        columns.addLayout(side, 2)
        layout.addLayout(columns, 1)
        self.refresh()

    # -- building ---------------------------------------------------------------------------

    def _week_card(self) -> QFrame:
        card, layout = _card("Sign-in sheets for the week")
        today = date.today()
        next_monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        self.next_week_button = QPushButton(
            f"Next week's sheets (from {next_monday.strftime('%d/%m/%Y')})"
        )
        self.next_week_button.setDefault(True)
        self.this_week_button = QPushButton("This week's sheets")
        self.next_week_button.clicked.connect(
            lambda: self._keep(
                _actions().preview_week_sign_in_sheets(self, self.context, next_monday)
            )
        )
        self.this_week_button.clicked.connect(
            lambda: self._keep(_actions().preview_week_sign_in_sheets(self, self.context, today))
        )
        hint = QLabel("Every planned meeting of the week, one sheet each, in one document.")
        hint.setWordWrap(True)
        hint.setObjectName("PanelSubtitle")
        for widget in (self.next_week_button, self.this_week_button, hint):
            layout.addWidget(widget)
        return card

    def _group_card(self) -> QFrame:
        card, layout = _card("A group's documents")
        # Thousands of groups at national scale: filled in one call (KeyedChoiceBox).
        self.group_combo = choice_box(20, kind=KeyedChoiceBox)
        self.group_combo.lineEdit().setPlaceholderText("Type a group code or name")
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        self.group_combo.lineEdit().returnPressed.connect(self._choose_typed_group)
        self.meeting_combo = QComboBox()
        for combo in (self.group_combo, self.meeting_combo):
            # Long titles must not widen the window past a 1366-pixel screen.
            combo.setMinimumContentsLength(20)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.sheet_button = QPushButton("Sign-in sheet")
        self.schedule_button = QPushButton("Schedule")
        self.register_button = QPushButton("Attendance register")
        self.sheet_button.clicked.connect(self._sheet)
        self.schedule_button.clicked.connect(lambda: self._with_group(_actions().preview_schedule))
        self.register_button.clicked.connect(lambda: self._with_group(_actions().preview_register))
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.addWidget(QLabel("&Group:", buddy=self.group_combo), 0, 0)
        grid.addWidget(self.group_combo, 0, 1, 1, 2)
        grid.addWidget(QLabel("&Meeting:", buddy=self.meeting_combo), 1, 0)
        grid.addWidget(self.meeting_combo, 1, 1)
        grid.addWidget(self.sheet_button, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(self.schedule_button)
        row.addWidget(self.register_button)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(QLabel("Certificates", objectName="PlanHeading"))
        self.candidates = CandidatesModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.candidates)
        proxy.setSortRole(SORT_ROLE)
        self.candidates_view = QTableView()
        self.candidates_view.setModel(proxy)
        self.candidates_view.setSortingEnabled(True)
        self.candidates_view.sortByColumn(COL_NAME, Qt.AscendingOrder)
        self.candidates_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.candidates_view.setAlternatingRowColors(True)
        self.candidates_view.verticalHeader().hide()
        apply_columns(self.candidates_view)
        layout.addWidget(self.candidates_view, 1)
        self.rule_label = QLabel("")
        self.rule_label.setObjectName("PanelSubtitle")
        self.rule_label.setWordWrap(True)
        layout.addWidget(self.rule_label)
        buttons = QHBoxLayout()
        self.certificates_button = QPushButton("Print ticked certificates")
        self.override_button = QPushButton("Print despite the rule…")
        self.override_button.setToolTip(
            "For a man short of sessions, with a supervisor's reason (recorded)"
        )
        self.override_button.setVisible(allowed(self.context.actor, "certificate_override"))
        self.certificates_button.clicked.connect(self._certificates)
        self.override_button.clicked.connect(self._override)
        buttons.addWidget(self.certificates_button)
        buttons.addWidget(self.override_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return card

    def _plan_card(self) -> QFrame:
        card, layout = _card("Session plans")
        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(24)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.plan_button = QPushButton("Session plan")
        self.plan_button.clicked.connect(self._plan)
        row = QHBoxLayout()
        row.addWidget(self.plan_combo, 1)
        row.addWidget(self.plan_button)
        layout.addLayout(row)
        return card

    def _office_card(self) -> QFrame:
        card, layout = _card("For the office")
        self.follow_up_button = QPushButton("Follow-up list (men absent in a row)")
        self.verify_button = QPushButton("Verify a certificate…")
        self.follow_up_button.clicked.connect(
            lambda: self._keep(_actions().preview_follow_up(self, self.context))
        )
        self.verify_button.clicked.connect(self.open_verify)
        layout.addWidget(self.follow_up_button)
        layout.addWidget(self.verify_button)
        return card

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._warm_up_started:
            self._warm_up_started = True
            QTimer.singleShot(0, self, self._warm_up)  # once this first paint is done

    def _warm_up(self) -> None:
        """Load the document layer, reportlab and the fonts while the user looks at the panel,
        so the first preview opens as fast as the next ones. Not before the panel is on screen:
        Python runs one thread at a time, and loading them beside the panel's own reads made it
        open later (2.3 s at 4x national on a busy machine)."""
        from ...printing.fonts import warm_up

        def load() -> None:
            _actions()
            warm_up()

        threading.Thread(target=load, name="print-warm-up", daemon=True).start()

    # -- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        groups, plans = operations.read(
            self.context,
            lambda s: (
                print_choices.group_labels(s, self.context.actor),
                print_choices.plan_choices(s),
            ),
        )
        current = self.group_id()
        self.group_combo.blockSignals(True)
        self.group_combo.set_choices(groups.ids, groups.labels)
        index = self.group_combo.findData(current) if current is not None else 0
        self.group_combo.setCurrentIndex(max(index, 0) if groups.ids else -1)
        self.group_combo.blockSignals(False)
        self.plan_combo.clear()
        for plan in plans:
            self.plan_combo.addItem(plan.label, plan.id)
        self._group_changed()

    def group_id(self) -> int | None:
        data = self.group_combo.currentData()
        return int(data) if data is not None else None

    def _choose_typed_group(self) -> None:
        group_id = typed_group(self.group_combo)
        if group_id is not None:
            self.group_combo.setCurrentIndex(self.group_combo.findData(group_id))

    def _group_changed(self, *_args) -> None:
        group_id = self.group_id()
        has_group = group_id is not None
        for widget in (self.sheet_button, self.schedule_button, self.register_button,
                       self.certificates_button, self.override_button, self.meeting_combo):  # fmt: skip
            widget.setEnabled(has_group)
        self.meeting_combo.clear()
        if not has_group:
            self.candidates.set_candidates([])
            self.rule_label.setText(
                "Register a group first; its documents appear here."
                if sees_every_group(self.context.actor)
                # A facilitator's account prints only the groups he leads (services/scope.py).
                else "You lead no groups yet: an administrator gets this account linked to a "
                "facilitator, in Settings → Users, and that facilitator's groups appear here."
            )
            return
        meetings, people = operations.read(
            self.context,
            lambda s: (
                print_choices.group_meetings(s, self.context.actor, group_id),
                certificate_candidates.candidates(s, self.context.actor, group_id),
            ),
        )
        upcoming = 0
        today = date.today()
        for i, m in enumerate(meetings):
            label = (f"Session {m.session_number}: {m.session_title} — "
                     f"{m.planned_date.strftime('%a %d/%m/%Y')}{MEETING_STATUS.get(m.status, '')}")  # fmt: skip
            self.meeting_combo.addItem(label, m.id)
            if m.planned_date < today:
                upcoming = min(i + 1, len(meetings) - 1)
        self.meeting_combo.setCurrentIndex(upcoming if meetings else -1)
        self.sheet_button.setEnabled(bool(meetings))
        self.candidates.set_candidates(people)
        eligible = sum(1 for p in people if p.eligible)
        required = people[0].required if people else 0
        self.rule_label.setText(
            f"{eligible} of {len(people)} men meet the rule ({required} sessions attended). "
            "Printing again reuses a certificate's serial number."
            if people else "Nobody is enrolled in this group yet."
        )  # fmt: skip

    # -- actions ----------------------------------------------------------------------------

    def _keep(self, dialog) -> None:
        if dialog is not None:
            self.last_preview = dialog

    def _with_group(self, action) -> None:
        group_id = self.group_id()
        if group_id is not None:
            self._keep(action(self, self.context, group_id))

    def _sheet(self) -> None:
        meeting_id = self.meeting_combo.currentData()
        if meeting_id is not None:
            self._keep(_actions().preview_sign_in_sheet(self, self.context, int(meeting_id)))

    def _plan(self) -> None:
        plan_id = self.plan_combo.currentData()
        if plan_id is not None:
            self._keep(
                _actions().preview_session_plan(self, self.context, int(plan_id), self.group_id())
            )

    def _certificates(self) -> None:
        group_id = self.group_id()
        ticked = [c.participant_id for c in self.candidates.ticked()]
        if group_id is None:
            return
        if not ticked:
            QMessageBox.information(self, "Certificates", "Tick the men to print for first.")
            return
        self._keep(_actions().preview_certificates(self, self.context, group_id, ticked))

    def _override(self) -> None:
        group_id = self.group_id()
        index = self.candidates_view.currentIndex()
        candidate = index.data(ROW_ROLE) if index.isValid() else None
        if group_id is None or candidate is None or candidate.eligible:
            QMessageBox.information(
                self, "Print despite the rule",
                "Select a man who is short of sessions in the list first.",
            )  # fmt: skip
            return
        reason, ok = QInputDialog.getText(
            self, "Print despite the rule",
            f"{candidate.name} attended {candidate.sessions_attended} of the "
            f"{candidate.required} sessions needed.\nWhy should he have a certificate? "
            "(recorded with your name)",
        )  # fmt: skip
        if not ok:
            return
        overrides = {candidate.participant_id: reason}
        self._keep(_actions().preview_certificates(self, self.context, group_id, [], overrides))

    def open_verify(self):
        from .verify_dialog import VerifyCertificateDialog

        dialog = VerifyCertificateDialog(self.context, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog
