"""Settings page: the attitude survey's instrument versions.

An administrator adapts the GEM Scale as offices do: statements dropped, added or reworded, each
one's subscale and reverse scoring, and the bands' cut-offs (low, moderate, high equity). A
version men have answered is shown read-only: "Start a new version" copies it, and the copy,
which new rounds are answered with, can be edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.permissions import allowed, refusal, who_may
from ...services.surveys.instrument_versions import (
    list_versions,
    save_version,
    start_new_version,
    version_detail,
)
from ...services.surveys.instruments import SUBSCALES, Band, Instrument, Item
from ..shared import operations
from ..shared.context import AppContext
from ..shared.operations import Changed
from ..shared.panel import follow_changes
from ..shared.roles import offer

TITLE = "Survey instruments"
ITEM_HEADERS = ("No.", "Subscale", "Reverse-scored", "Statement")
BAND_HEADERS = ("Band", "From score")


class InstrumentsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.instrument: Instrument | None = None
        self.version = QComboBox(objectName="InstrumentVersion")
        self.new_version = QPushButton("Start a new version")
        self.new_version.setToolTip("Copy this version to adapt it; new rounds use the copy")
        self.new_version.clicked.connect(self.start_version)
        self.state = QLabel("", objectName="InstrumentState")
        self.state.setWordWrap(True)
        self.items = QTableWidget(0, len(ITEM_HEADERS), objectName="InstrumentItems")
        self.items.setHorizontalHeaderLabels(ITEM_HEADERS)
        self.items.verticalHeader().hide()
        header = self.items.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeToContents,) * 3 + (QHeaderView.Stretch,)):
            header.setSectionResizeMode(column, mode)
        self.bands = QTableWidget(0, len(BAND_HEADERS), objectName="InstrumentBands")
        self.bands.setHorizontalHeaderLabels(BAND_HEADERS)
        self.bands.verticalHeader().hide()
        self.bands.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.bands.setMaximumHeight(150)
        self.add_item = QPushButton("Add statement")
        self.add_item.clicked.connect(self._add_statement)
        self.remove_item = QPushButton("Remove statement")
        self.remove_item.clicked.connect(self._remove_statement)
        self.save_button = QPushButton("Save version", objectName="InstrumentSave")
        self.save_button.clicked.connect(self.save)
        self.source = QLabel("", objectName="InstrumentSource")
        self.source.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("Version:"))
        top.addWidget(self.version, 1)
        top.addWidget(self.new_version)
        buttons = QHBoxLayout()
        for button in (self.add_item, self.remove_item):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.items, 1)
        layout.addWidget(QLabel("<b>Bands</b> (a total at or above “From score” is in the band)"))
        layout.addWidget(self.bands)
        layout.addLayout(buttons)
        layout.addWidget(self.source)
        self.version.currentIndexChanged.connect(lambda _: self.show_version())
        self.refresh()
        self.changes = follow_changes(self, Changed.SURVEYS, self.refresh)

    def refresh(self) -> None:
        chosen = self.version.currentData()
        versions = operations.read(self.context, list_versions)
        self.version.blockSignals(True)
        self.version.clear()
        for v in versions:
            self.version.addItem(v.label, v.id)
        in_use = next((v.id for v in versions if v.in_use), None)
        position = self.version.findData(chosen if chosen is not None else in_use)
        self.version.setCurrentIndex(max(position, 0))
        self.version.blockSignals(False)
        self.show_version()

    def show_version(self) -> None:
        instrument_id = self.version.currentData()
        if instrument_id is None:
            return
        version, self.instrument = operations.read(
            self.context, lambda s: version_detail(s, instrument_id)
        )
        actor = self.context.actor
        editable = version.editable and allowed(actor, "survey_instruments")
        if not allowed(actor, "survey_instruments"):
            self.state.setText(f"{refusal(actor, 'survey_instruments')} "
                               f"{who_may('survey_instruments')}")  # fmt: skip
        elif version.frozen:
            self.state.setText("Men have answered this version, so it stays as it is (their "
                               "scores depend on it). Start a new version to adapt it.")  # fmt: skip
        elif version.shipped:
            self.state.setText("This is the published GEM Scale as shipped, kept as published. "
                               "Start a new version to adapt it.")  # fmt: skip
        else:
            self.state.setText("Nobody has answered this version yet: its statements, "
                               "subscales, reverse scoring and bands can be changed.")  # fmt: skip
        self._fill(self.instrument, editable)
        offer(self.new_version, actor, "survey_instruments")
        for button in (self.add_item, self.remove_item, self.save_button):
            offer(button, actor, "survey_instruments", editable)
        about = [f"Source: {self.instrument.source}"] if self.instrument.source else []
        about += [self.instrument.note] if self.instrument.note else []
        self.source.setText("\n".join(about))

    def _fill(self, instrument: Instrument, editable: bool) -> None:
        triggers = (
            QAbstractItemView.AllEditTriggers if editable else QAbstractItemView.NoEditTriggers
        )
        self.items.setRowCount(0)
        for item in instrument.items:
            self._item_row(item, editable)
        self.items.setEditTriggers(triggers)
        self.bands.setRowCount(0)
        for band in instrument.bands:
            row = self.bands.rowCount()
            self.bands.insertRow(row)
            self.bands.setItem(row, 0, QTableWidgetItem(band.label))
            self.bands.setItem(row, 1, QTableWidgetItem(f"{band.lower:g}"))
        self.bands.setEditTriggers(triggers)

    def _item_row(self, item: Item, editable: bool) -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        self.items.setItem(row, 0, QTableWidgetItem(str(item.number)))
        subscale = QComboBox()
        subscale.addItems(SUBSCALES)
        subscale.setCurrentText(item.subscale)
        subscale.setEnabled(editable)
        self.items.setCellWidget(row, 1, subscale)
        reverse = QTableWidgetItem("")
        reverse.setFlags(
            Qt.ItemIsEnabled | (Qt.ItemIsUserCheckable if editable else Qt.NoItemFlags)
        )
        reverse.setCheckState(Qt.Checked if item.reverse else Qt.Unchecked)
        self.items.setItem(row, 2, reverse)
        self.items.setItem(row, 3, QTableWidgetItem(item.statement))

    def _add_statement(self) -> None:
        number = self.items.rowCount() + 1
        self._item_row(Item(number, "inequitable", "", False), True)
        self.items.setCurrentCell(number - 1, 3)
        self.items.editItem(self.items.item(number - 1, 3))

    def _remove_statement(self) -> None:
        row = self.items.currentRow()
        if row >= 0:
            self.items.removeRow(row)

    def edited(self) -> Instrument:
        """The version as the tables now show it; statements numbered in their order."""
        items = tuple(
            Item(row + 1, self.items.cellWidget(row, 1).currentText(),
                 (self.items.item(row, 3).text() if self.items.item(row, 3) else "").strip(),
                 self.items.item(row, 2).checkState() == Qt.Checked)
            for row in range(self.items.rowCount())
        )  # fmt: skip
        bands = []
        for row in range(self.bands.rowCount()):
            label, lower = (self.bands.item(row, c).text().strip() for c in (0, 1))
            bands.append(Band(label, _number(lower, label)))
        return Instrument(self.instrument.name, self.instrument.version, items, tuple(bands),
                          self.instrument.source, self.instrument.note)  # fmt: skip

    def save(self) -> None:
        instrument_id = self.version.currentData()
        try:
            changed = self.edited()
        except ValueError as wrong:
            self.state.setText(f"Not saved: {wrong}")
            return
        operations.change(
            self, self.context, lambda s, a: save_version(s, a, instrument_id, changed),
            changes=Changed.SURVEYS, title=TITLE,
        )  # fmt: skip

    def start_version(self) -> None:
        instrument_id = self.version.currentData()
        done = operations.change(
            self, self.context, lambda s, a: start_new_version(s, a, instrument_id),
            changes=Changed.SURVEYS, title=TITLE,
        )  # fmt: skip
        if done:
            self.refresh()
            self.version.setCurrentIndex(self.version.findData(done.value))


def _number(text: str, band: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"the band “{band}” starts at {text!r}, which is not a number") from None


def create_page(context: AppContext) -> QWidget:
    return InstrumentsPage(context)
