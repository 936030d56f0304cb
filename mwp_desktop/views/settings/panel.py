"""The Settings panel: one page per settings module (see views/settings/__init__.py), chosen from
a list down the left: thirteen pages' names are wider than a 1366-px screen as a row of tabs."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QTabWidget, QVBoxLayout, QWidget

from ..shared.context import AppContext
from ..shared.header import PanelHeader
from ..shared.operations import Changed
from ..shared.panel import Panel
from . import SETTINGS_PAGE_MODULES


class SettingsPanel(Panel):
    cares_about = Changed.EVERYTHING  # its pages show every kind of setting and the audit trail
    tabs_follow_changes = True  # each page follows the changes it shows

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.addWidget(
            PanelHeader(
                "Settings",
                "The organisation, the people who use the program and how it keeps data safe.",
            )
        )
        self.tabs = QTabWidget()
        # A page is built when its tab is first chosen: building all eleven (the lists of every
        # community and facilitator, the audit trail, the year's public holidays) made the
        # panel's first open take seconds at national scale, for one page seen.
        self._unbuilt: dict[QWidget, ModuleType] = {}
        for name in SETTINGS_PAGE_MODULES:
            module = import_module(f".{name}", __package__)
            if not getattr(module, "visible", lambda _context: True)(context):
                continue  # a page this role cannot use is not shown at all
            waiting = QWidget()
            self._unbuilt[waiting] = module
            self.tabs.addTab(waiting, module.TITLE)
        self._build_page(self.tabs.currentIndex())
        self.tabs.currentChanged.connect(self._build_page)
        # The pages stay in a QTabWidget (its index is the page), its tab bar replaced by a list.
        self.tabs.tabBar().hide()
        self.tabs.setDocumentMode(True)
        self.sections = QListWidget(objectName="SettingsSections")
        self.sections.addItems([self.tabs.tabText(i) for i in range(self.tabs.count())])
        self.sections.setCurrentRow(self.tabs.currentIndex())
        self.sections.setFixedWidth(self.sections.sizeHintForColumn(0) + 48)  # bold when chosen
        self.sections.currentRowChanged.connect(self.tabs.setCurrentIndex)
        self.tabs.currentChanged.connect(self.sections.setCurrentRow)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.sections)
        body.addWidget(self.tabs, 1)
        layout.addLayout(body, 1)

    def _build_page(self, index: int) -> None:
        """Put the real page in place of the tab's empty one, the first time it is chosen."""
        waiting = self.tabs.widget(index)
        module = self._unbuilt.pop(waiting, None)
        if module is None:
            return
        page = module.create_page(self.context)
        self.tabs.blockSignals(True)  # the same tab stays chosen: nothing to tell
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, module.TITLE)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        waiting.deleteLater()

    def refresh(self) -> None:
        """F5: the page in view reads its settings again."""
        self.tabs.currentWidget().refresh()


def create_panel(context: AppContext) -> SettingsPanel:
    return SettingsPanel(context)
