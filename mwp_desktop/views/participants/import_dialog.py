"""Import a participant list: choose the file, check the guessed columns, preview, import.

Nothing is saved until "Import" is pressed; then the good rows go in as one transaction off the
UI thread, with a progress dialog whose Cancel (or Escape) leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.registration.column_mapping import FIELD_TITLES
from ...services.registration.groups import list_groups
from ...services.registration.participant_import import (
    NEW,
    REPORT_SHEET,
    ImportPlan,
    ImportResult,
    ImportSource,
    load_source,
    plan_import,
    problem_rows_table,
    run_import,
)
from ...services.tables import write_table
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.table_model import apply_columns
from .import_preview_model import ImportPreviewModel

# New men, in the group chosen (if any), and the communities the user agreed to create.
IMPORT_CHANGES = Changed.PARTICIPANTS | Changed.MEMBERSHIPS | Changed.COMMUNITIES
JOINED_PAUSE_MS = 600  # the rows are checked again once the typing of a date pauses


class ImportDialog(QDialog):
    def __init__(
        self, context: AppContext, path: Path | None = None, group_id: int | None = None,
        parent: QWidget | None = None,
    ):  # fmt: skip
        super().__init__(parent)
        self.context = context
        self.source: ImportSource | None = None
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self._importing: operations.Task | None = None
        self.setWindowTitle("Import a participant list")
        self.resize(980, 680)

        self.path_edit = QLineEdit(readOnly=True, placeholderText="Choose a .csv or .xlsx file")
        browse = QPushButton("&Choose file …")
        browse.clicked.connect(self.choose_file)
        self.group = QComboBox()
        self.group.addItem("No group — register only", None)
        for row in operations.read(context, lambda s: list_groups(s, context.actor)):
            if row.status != "closed":
                self.group.addItem(f"{row.code} — {row.name} ({row.community})", row.id)
        top = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        top.addRow("File:", file_row)
        top.addRow("Enrol in group:", self.group)
        # The day the list's men joined the group (a row's own Joined date wins): the group's
        # start for its first list, since offices type the list in after the first meeting.
        self.joined = QLineEdit(placeholderText="dd/mm/yyyy")
        self.joined.setMaximumWidth(120)
        self._joined_pause = QTimer(self, singleShot=True, interval=JOINED_PAUSE_MS)
        self._joined_pause.timeout.connect(self._joined_changed)
        self.joined.textEdited.connect(lambda _t: self._joined_pause.start())
        self.joined.editingFinished.connect(self._joined_changed)
        self.joined_label = QLabel("&Joined the group on:", buddy=self.joined)
        top.addRow(self.joined_label, self.joined)

        self.mapping_box = QGroupBox("Columns (guessed from the header row; change if wrong)")
        grid = QGridLayout(self.mapping_box)
        self.mapping_combos: dict[str, QComboBox] = {}
        for i, (field, title) in enumerate(FIELD_TITLES.items()):
            combo = QComboBox()
            combo.currentIndexChanged.connect(lambda _i: self.replan())
            self.mapping_combos[field] = combo
            grid.addWidget(QLabel(f"{title}:"), i // 4, (i % 4) * 2)
            grid.addWidget(combo, i // 4, (i % 4) * 2 + 1)

        self.preview = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.preview)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        apply_columns(self.table)
        self.summary = QLabel(wordWrap=True)
        self.new_places = QCheckBox()
        self.new_places.hide()
        self.new_places.toggled.connect(lambda _c: self._update_buttons())

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.AcceptRole)
        self.report_button = self.buttons.addButton(
            "Save problem rows …", QDialogButtonBox.ActionRole
        )
        self.import_hint = QLabel(objectName="PanelSubtitle")
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        self.report_button.clicked.connect(self.save_report)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.new_places)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_hint, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._select_group(group_id)
        self._show_joined()
        self.group.currentIndexChanged.connect(lambda _i: self._group_changed())
        self._update_buttons()
        if path is not None:
            self.load(Path(path))

    def _group_changed(self) -> None:
        self.joined.clear()  # the new group's own default is shown once planned
        self._show_joined()
        self.replan()

    def _show_joined(self) -> None:
        in_group = self.group.currentData() is not None
        self.joined.setVisible(in_group)
        self.joined_label.setVisible(in_group)

    def _joined_changed(self) -> None:
        self._joined_pause.stop()
        if self.plan is None or self.joined.text() != _day(self.plan.joined):
            self.replan()

    def _select_group(self, group_id: int | None) -> None:
        index = self.group.findData(group_id)
        if index >= 0:
            self.group.setCurrentIndex(index)

    # -- reading ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Participant list", str(Path.home()), "Lists (*.csv *.xlsx);;All files (*)"
        )
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read the file off the UI thread (a big workbook takes seconds), with a progress
        dialog whose Cancel drops the result; choosing another file meanwhile does too."""
        path = Path(path)
        operations.run_in_background(
            self, lambda _progress: load_source(path), lambda source: self._show_source(path, source),
            key="file", title=self.windowTitle(), progress_label=f"Reading {path.name} …",
        )  # fmt: skip

    def _show_source(self, path: Path, source: ImportSource) -> None:
        self.source = source
        self.path_edit.setText(str(path))
        columns = [
            f"{chr(65 + i) if i < 26 else i + 1}: {text or '(blank)'}"
            for i, text in enumerate(source.header)
        ]
        for field, combo in self.mapping_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("(none)", None)
            for i, text in enumerate(columns):
                combo.addItem(text, i)
            combo.setCurrentIndex(combo.findData(source.mapping.get(field)))
            combo.blockSignals(False)
        self.replan()

    def mapping(self) -> dict[str, int]:
        return {
            f: c.currentData()
            for f, c in self.mapping_combos.items()
            if c.currentData() is not None
        }

    def set_column(self, field: str, column: int | None) -> None:
        combo = self.mapping_combos[field]
        combo.setCurrentIndex(combo.findData(column))

    def replan(self) -> None:
        if self.source is None:
            return
        self.plan = None
        source, mapping, group_id = self.source, self.mapping(), self.group.currentData()
        joined = self.joined.text().strip() or None
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.plan = operations.read(
                self.context,
                lambda s: plan_import(s, source, mapping, group_id=group_id, joined=joined),
            )
        except UserError as exc:  # a mapping that cannot work: said where the summary goes
            self.summary.setText(f"<span style='color:#b3261e'>{exc}</span>")
        finally:
            QApplication.restoreOverrideCursor()
        self.preview.set_plan(self.plan)
        if self.plan is not None:
            self.joined.setText(_day(self.plan.joined))
            self.summary.setText(
                f"Header on row {self.source.header_row}. <b>{self.plan.summary()}</b> Each row "
                "not imported is listed with its reason; “Save problem rows” writes them to a "
                "file to fix."
            )
        places = self.plan.new_communities if self.plan else ()
        self.new_places.setChecked(False)
        self.new_places.setVisible(bool(places))
        names = ", ".join(n for n, _c, _d in places[:12]) + (" …" if len(places) > 12 else "")
        self.new_places.setText(f"Create {_new_communities(len(places))}: {names}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        waiting_for = self._waiting_for()
        self.import_button.setEnabled(not waiting_for)
        # An Import button that stays grey must say why, next to it.
        self.import_hint.setText(waiting_for)
        self.import_hint.setVisible(bool(waiting_for))
        self.report_button.setEnabled(bool(self.plan and self.plan.problems))

    def _waiting_for(self) -> str:
        """What the user must do before the list can be imported; empty once it can."""
        if self.source is None:
            return "Choose the list to import."
        if self.plan is None:
            return "Fix what is said above to import."
        if not self.plan.count(NEW):
            return "No row can be imported: each is listed with its reason."
        if self.plan.new_communities and not self.new_places.isChecked():
            places = _new_communities(len(self.plan.new_communities))
            return f"Tick “Create {places}” above to import."
        return ""

    # -- importing --------------------------------------------------------------------------

    @property
    def importing(self) -> bool:
        """True while the import is being saved: until it is saved, cancelled or refused."""
        return self._importing is not None and not self._importing.finished

    def do_import(self) -> None:
        # A second press before the progress dialog shows (and covers the window) is ignored.
        if not self.import_button.isEnabled() or self.plan is None or self.importing:
            return
        plan = self.plan
        source_name = self.source.path.name if self.source else ""

        def save(session, actor, progress) -> ImportResult:
            def report(done: int, total: int) -> None:
                if not progress(done, total):
                    raise operations.Cancelled()  # rolled back: nothing of it is kept

            return run_import(session, actor, plan, progress=report, source_name=source_name)

        self._importing = operations.change_in_background(
            self, self.context, save, self._imported, changes=IMPORT_CHANGES,
            title=self.windowTitle(), progress_label="Importing participants …",
            on_cancelled=lambda: QMessageBox.information(
                self, self.windowTitle(), "Import cancelled; nothing was saved."
            ),
        )  # fmt: skip

    def _imported(self, outcome: ImportResult) -> None:
        self.outcome = outcome
        QMessageBox.information(self, self.windowTitle(), outcome.summary().capitalize() + ".")
        self.accept()

    def reject(self) -> None:
        """Cancel (or Escape) while the import is being saved cancels the import; the dialog
        stays open to say so, and to try again."""
        if self.importing:
            self._importing.cancel()
        else:
            super().reject()

    def save_report(self) -> None:
        if self.plan is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Rows not imported",
            str(Path.home() / "rows-not-imported.csv"),
            "CSV file (*.csv)",
        )
        if name:
            headers, rows = problem_rows_table(self.source, self.plan)
            # A file that cannot be written is said over the dialog; one written, where it is.
            operations.run_in_background(
                self,
                lambda _progress: write_table(Path(name), headers, rows, sheet=REPORT_SHEET),
                lambda written: QMessageBox.information(
                    self, self.windowTitle(),
                    f"{_rows(written)} not imported written to\n{name}\n\nFix them there and "
                    "import that file again.",
                ),
                title=self.windowTitle(),
            )  # fmt: skip


def _new_communities(n: int) -> str:
    return "1 new community" if n == 1 else f"{n:,} new communities"


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"


def _day(day) -> str:
    return f"{day:%d/%m/%Y}" if day else ""
