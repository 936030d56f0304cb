"""The filters every chart shares: dates, district, community, kind of group, facilitator, and the
year the group started."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QPushButton, QWidget

from ...services.statistics.filters import DashboardFilter, FilterChoices

ALL = "All"


def _combo(name: str, width: int) -> QComboBox:
    """A filter list as narrow as `width` on a small screen (at 150% a 1920-pixel screen leaves
    the panel about 1,000 pixels), sharing any spare width with the others."""
    combo = QComboBox(objectName=name)
    combo.setMinimumWidth(width)
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    return combo


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        start, end = DashboardFilter(today=today).period()
        self.date_from = _date_edit(start)
        self.date_to = _date_edit(end)
        self.district = _combo("DistrictFilter", 110)
        self.community = _combo("CommunityFilter", 120)
        self.kind = _combo("KindFilter", 100)
        self.facilitator = _combo("FacilitatorFilter", 120)
        self.cohort = _combo("CohortFilter", 70)
        self.reset_button = QPushButton("Clear filters")
        self.reset_button.setToolTip("Back to the last 52 weeks, every place and group")

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(2)
        fields = (
            ("&From", self.date_from),
            ("&To", self.date_to),
            ("D&istrict", self.district),
            ("&Community", self.community),
            ("&Kind of group", self.kind),
            ("F&acilitator", self.facilitator),
            ("&Started in", self.cohort),
        )
        for column, (text, widget) in enumerate(fields):
            label = QLabel(text, objectName="FilterLabel")
            label.setBuddy(widget)
            layout.addWidget(label, 0, column)
            layout.addWidget(widget, 1, column)
            if isinstance(widget, QComboBox):  # long names get the spare width
                layout.setColumnStretch(column, 2 if widget is self.community else 1)
        layout.addWidget(self.reset_button, 1, len(fields))

        self._choices: FilterChoices | None = None
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.changed)
        self.district.currentIndexChanged.connect(self._district_changed)
        for combo in (self.community, self.kind, self.facilitator, self.cohort):
            combo.currentIndexChanged.connect(self.changed)
        self.reset_button.clicked.connect(self.clear)

    def set_choices(self, choices: FilterChoices) -> None:
        self._choices = choices
        blockers = [w.blockSignals(True) for w in self._combos()]
        self._fill(self.district, [(d, d) for d in choices.districts])
        self._fill(self.kind, [(c.value, c.label) for c in choices.kinds])
        self._fill(self.facilitator, [(c.value, c.label) for c in choices.facilitators])
        self._fill(self.cohort, [(y, str(y)) for y in choices.cohort_years])
        self._fill_communities()
        for widget, was in zip(self._combos(), blockers, strict=True):
            widget.blockSignals(was)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.district, self.community, self.kind, self.facilitator, self.cohort)

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.clear()
        combo.addItem(ALL, None)
        for value, label in items:
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))

    def _fill_communities(self) -> None:
        """Only the chosen district's communities: a list of 400 names helps nobody."""
        if self._choices is None:
            return
        district = self.district.currentData()
        items = [
            (c.value, c.label)
            for c in self._choices.communities
            if district is None or c.label.endswith(f"({district})")
        ]
        self._fill(self.community, items)

    def _district_changed(self) -> None:
        was = self.community.blockSignals(True)
        self._fill_communities()
        self.community.blockSignals(was)
        self.changed.emit()

    def clear(self) -> None:
        blockers = [w.blockSignals(True) for w in (*self._combos(), self.date_from, self.date_to)]
        for combo in self._combos():
            combo.setCurrentIndex(0)
        start, end = DashboardFilter(today=self.today).period()
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self._fill_communities()
        for widget, was in zip(
            (*self._combos(), self.date_from, self.date_to), blockers, strict=True
        ):
            widget.blockSignals(was)
        self.changed.emit()

    def current(self) -> DashboardFilter:
        return DashboardFilter(
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            district=self.district.currentData(),
            community_id=self.community.currentData(),
            group_kind=self.kind.currentData(),
            facilitator_id=self.facilitator.currentData(),
            cohort_year=self.cohort.currentData(),
            today=self.today,
        )

    def describe(self) -> str:
        """The filter in words, for the printed report and the export."""
        parts = [
            f"{self.date_from.date().toString('dd/MM/yyyy')} to "
            f"{self.date_to.date().toString('dd/MM/yyyy')}"
        ]
        for label, combo in (
            ("district", self.district),
            ("community", self.community),
            ("groups", self.kind),
            ("facilitator", self.facilitator),
            ("started in", self.cohort),
        ):
            if combo.currentData() is not None:
                parts.append(f"{label}: {combo.currentText()}")
        return " · ".join(parts)
