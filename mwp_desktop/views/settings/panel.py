"""The Settings panel: one tab per settings page (see views/settings/__init__.py)."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

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
        for name in SETTINGS_PAGE_MODULES:
            module = import_module(f".{name}", __package__)
            if not getattr(module, "visible", lambda _context: True)(context):
                continue  # a page this role cannot use is not shown at all
            self.tabs.addTab(module.create_page(context), module.TITLE)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        """F5: the page in view reads its settings again."""
        self.tabs.currentWidget().refresh()


def create_panel(context: AppContext) -> SettingsPanel:
    return SettingsPanel(context)
