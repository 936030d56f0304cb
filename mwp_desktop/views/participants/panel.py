"""The Participants panel: find any man by part of his name, his code or his phone, as you type.

The table is lazy (see participant_model.py): each keystroke, after a short pause,
runs one indexed query for the first page of matches, off the UI thread; the newest search wins.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.registration.communities import list_communities
from ...services.registration.participant_export import export_participants
from ...services.registration.participant_search import ParticipantQuery
from ..shared import operations
from ..shared.context import AppContext
from ..shared.empty_state import EmptyState
from ..shared.header import PanelHeader
from ..shared.operations import Changed
from ..shared.panel import Panel
from ..shared.roles import offer
from ..shared.table_model import ROW_ROLE, row_table
from .participant_dialog import OPEN_EXISTING, ParticipantDialog
from .participant_model import COL_NAME, SQL_SORT, ParticipantTableModel

SEARCH_DELAY_MS = 150


class ParticipantsPanel(Panel):
    # Each row shows the man's community, group, membership and attendance.
    cares_about = (
        Changed.PARTICIPANTS | Changed.MEMBERSHIPS | Changed.GROUPS | Changed.COMMUNITIES
        | Changed.ATTENDANCE
    )  # fmt: skip

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 16)
        layout.addWidget(
            PanelHeader(
                "Participants",
                "Every man and woman registered. Type part of a name, a code or a phone number.",
            )
        )

        self.search = QLineEdit(placeholderText="Search by name, code or phone …  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.community = QComboBox()
        self.community.setMinimumWidth(150)
        self.community.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.community.setMinimumContentsLength(12)
        self.count_label = QLabel(objectName="PanelSubtitle")
        self.register_button = QPushButton("&Register …")
        self.register_button.setToolTip("Register a new participant (Ctrl+N)")
        self.edit_button = QPushButton("&Edit …")
        self.import_button = QPushButton("&Import list …")
        self.export_button = QPushButton("E&xport …")
        offer(self.register_button, context.actor, "register")
        offer(self.import_button, context.actor, "import")
        offer(self.export_button, context.actor, "export")

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(QLabel("Community:"))
        bar.addWidget(self.community, 1)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        for button in (
            self.register_button,
            self.edit_button,
            self.import_button,
            self.export_button,
        ):
            bar.addWidget(button)
        layout.addLayout(bar)

        self.model = ParticipantTableModel(context, self)
        self._wanted: int | None = None  # the man to select once the rows being read arrive
        self.table = row_table(self.model)
        self.model.count_once_painted_in(self.table.viewport())
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.AscendingOrder)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        layout.addWidget(self.table, 1)
        self.empty = EmptyState(self.table, self._empty_words)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.community.currentIndexChanged.connect(lambda _i: self.apply_search())
        self.register_button.clicked.connect(self.register)
        self.edit_button.clicked.connect(self.edit_selected)
        self.import_button.clicked.connect(self.import_list)
        self.export_button.clicked.connect(self.export)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.model.loaded.connect(self._rows_loaded)
        self.model.counted.connect(self._update_count)
        self.model.counted.connect(self.empty.update_state)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self._focus_search)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.register)
        # Enter on the table opens the chosen man (only while the table has the focus).
        QShortcut(QKeySequence(Qt.Key_Return), self.table, activated=self.edit_selected,
                  context=Qt.WidgetShortcut)  # fmt: skip
        # F5 belongs to the main window; Ctrl+R reloads this panel.
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.refresh)
        self.refresh()

    # -- searching --------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.community.currentData()
        self.community.blockSignals(True)
        self.community.clear()
        self.community.addItem("All communities", None)
        for row in operations.read(self.context, list_communities):
            self.community.addItem(row.label, row.id)
        index = self.community.findData(current)
        self.community.setCurrentIndex(max(index, 0))
        self.community.blockSignals(False)
        self.apply_search()

    def apply_search(self) -> None:
        """Show the rows of what is typed and chosen: the first match selected, or, when the
        search is the one shown (a refresh), the man who was selected."""
        self._timer.stop()
        query = ParticipantQuery(
            self.search.text(), self.community.currentData(), None,
            self.model.query.sort, self.model.query.descending,
        )  # fmt: skip
        if query != self.model.query:
            self._wanted = None  # a new search: its first match
        elif not self.model.rows_pending:
            self._wanted = self.selected_id()  # the same search read again: the man selected
        self.model.set_query(query)

    def _rows_loaded(self) -> None:
        wanted, self._wanted = self._wanted, None
        if not (wanted is not None and self._select(wanted)) and self.model.rowCount():
            self.table.selectRow(0)

    def _sort_indicator_changed(self, column: int, _order) -> None:
        """Group, status and attendance are worked out per page and cannot order the whole
        list: the arrow goes back to the column the list is really sorted by."""
        if column in SQL_SORT:
            return
        query = self.model.query
        current = next(c for c, key in SQL_SORT.items() if key == query.sort)
        order = Qt.DescendingOrder if query.descending else Qt.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(current, order)
        header.blockSignals(False)

    def _update_count(self) -> None:
        total = f"{self.model.total:,}{'+' if self.model.total_capped else ''}"
        self.count_label.setText(f"{total} found" if self.search.text() else f"{total} registered")

    def _empty_words(self) -> str | None:
        if self.model.loading:
            return None  # not known yet: an empty grid for a moment says nothing wrong
        if self.model.query.text.strip() or self.model.query.community_id is not None:
            return "Nobody matches the search."
        return (
            "No participants yet. Register… (Ctrl+N) one man or woman, "
            "or Import list… to type in a paper register."
        )

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.data(rows[0], ROW_ROLE)
        return row.id if row else None

    def select_participant(self, participant_id: int) -> None:
        """Select him now, or once the rows being read have arrived."""
        if self.model.rows_pending:
            self._wanted = participant_id
        else:
            self._select(participant_id)

    def _select(self, participant_id: int) -> bool:
        row = self.model.row_of(participant_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    # -- actions ----------------------------------------------------------------------------

    def register(self) -> None:
        if not self.register_button.isEnabled():
            return
        self._run_dialog(ParticipantDialog(self.context, parent=self))

    def edit_selected(self) -> None:
        pid = self.selected_id()
        if pid is not None:
            self.open_participant(pid)

    def open_participant(self, participant_id: int) -> None:
        self._run_dialog(ParticipantDialog(self.context, participant_id, parent=self))

    def _run_dialog(self, dialog: ParticipantDialog) -> None:
        result = dialog.exec()
        if result == OPEN_EXISTING and dialog.open_existing_id is not None:
            self.open_participant(dialog.open_existing_id)
        elif result and dialog.saved is not None:
            # Show him: search for his code, so the user sees what was saved.
            self.search.setText(dialog.saved.code)
            self.apply_search()
            self.select_participant(dialog.saved.id)

    def import_list(self) -> None:
        from .import_dialog import ImportDialog

        ImportDialog(self.context, parent=self).exec()  # the list follows what it saves

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export participants", str(Path.home() / "participants.xlsx"),
            "Excel workbook (*.xlsx);;CSV file (*.csv)",
        )  # fmt: skip
        if not name:
            return

        done = operations.change(
            self, self.context, lambda s, actor: export_participants(s, actor, Path(name)),
            changes=Changed.AUDIT, title="Export participants",
        )  # fmt: skip
        if done:
            QMessageBox.information(
                self, "Export participants", f"{done.value:,} participants written to\n{name}"
            )


def create_panel(context: AppContext) -> ParticipantsPanel:
    return ParticipantsPanel(context)
