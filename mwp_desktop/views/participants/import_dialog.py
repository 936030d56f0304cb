"""Import a participant list: choose the file, check the guessed columns, preview, import.

Nothing is saved until "Import" is pressed; then the good rows go in as one transaction off the
UI thread, with a progress dialog whose Cancel (or Escape) leaves the database as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
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
    ERROR,
    IN_FILE,
    NEW,
    REGISTERED,
    REPORT_HEADERS,
    REPORT_SHEET,
    ImportPlan,
    ImportResult,
    ImportSource,
    load_source,
    plan_import,
    report_rows,
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
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        self.report_button.clicked.connect(self.save_report)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.new_places)
        layout.addWidget(self.buttons)
        self._select_group(group_id)
        self.group.currentIndexChanged.connect(lambda _i: self.replan())
        self._update_buttons()
        if path is not None:
            self.load(Path(path))

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
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.plan = operations.read(
                self.context, lambda s: plan_import(s, source, mapping, group_id=group_id)
            )
        except UserError as exc:  # a mapping that cannot work: said where the summary goes
            self.summary.setText(f"<span style='color:#b3261e'>{exc}</span>")
        finally:
            QApplication.restoreOverrideCursor()
        self.preview.set_plan(self.plan)
        if self.plan is not None:
            p = self.plan
            self.summary.setText(
                f"Header on row {self.source.header_row}. "
                f"<b>{_rows(p.count(NEW))} will be imported</b>. Not imported: "
                f"{_rows(p.count(ERROR))} with errors, {_rows(p.count(IN_FILE))} duplicated in "
                f"the file, {_rows(p.count(REGISTERED))} already registered — each listed with "
                "its reason; “Save problem rows” writes them to a file to fix."
            )
        places = self.plan.new_communities if self.plan else ()
        self.new_places.setChecked(False)
        self.new_places.setVisible(bool(places))
        names = ", ".join(n for n, _c, _d in places[:12]) + (" …" if len(places) > 12 else "")
        self.new_places.setText(f"Create {len(places)} new communities: {names}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.plan is not None and self.plan.count(NEW) > 0
        if self.plan is not None and self.plan.new_communities and not self.new_places.isChecked():
            ready = False
        self.import_button.setEnabled(ready)
        self.report_button.setEnabled(bool(self.plan and self.plan.problems))

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
            rows = report_rows(self.plan)  # a file that cannot be written is said over the dialog
            operations.run_in_background(
                self,
                lambda _progress: write_table(Path(name), REPORT_HEADERS, rows, sheet=REPORT_SHEET),
                lambda _written: None, title=self.windowTitle(),
            )  # fmt: skip


def _rows(n: int) -> str:
    return f"{n:,} row" if n == 1 else f"{n:,} rows"
