"""Tabs whose pages are built the first time they are chosen, or asked for by name.

Opening the Sessions panel built every tab, and each read what it shows at once: at four times
national scale the women's-feedback tab alone took seconds, for a tab most openings never look
at. A waiting tab holds an empty page under its title; choosing it (or code asking for the page,
as the agenda's Enter does for the register) puts the real page in its place. The real page is
the tab's widget from then on, so `tabs.currentWidget() is panel.register_tab` holds as before.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class TabsBuiltWhenChosen:
    def __init__(self, tabs: QTabWidget):
        self.tabs = tabs
        self._builders: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        tabs.currentChanged.connect(self._build_chosen)

    def add(self, name: str, title: str, build: Callable[[], QWidget]) -> None:
        waiting = QWidget()
        self._builders[name] = (waiting, build)
        self.tabs.addTab(waiting, title)

    def has(self, name: str) -> bool:
        return name in self._builders or name in self._built

    def page(self, name: str) -> QWidget:
        """The tab's page, built now if it has not been."""
        if name not in self._built:
            self._build(name)
        return self._built[name]

    def _build_chosen(self, index: int) -> None:
        chosen = self.tabs.widget(index)
        for name, (waiting, _build) in self._builders.items():
            if waiting is chosen:
                self._build(name)
                return

    def _build(self, name: str) -> None:
        waiting, build = self._builders.pop(name)
        page = build()
        self._built[name] = page
        index = self.tabs.indexOf(waiting)
        current = self.tabs.currentWidget()
        # The tab keeps its place and the same tab stays chosen: nothing to announce.
        self.tabs.blockSignals(True)
        title = self.tabs.tabText(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, page, title)
        self.tabs.setCurrentWidget(page if current is waiting else current)
        self.tabs.blockSignals(False)
        waiting.deleteLater()
