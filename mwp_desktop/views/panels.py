"""The panels of the main window, in navigation order.

Each panel is built the first time it is shown, so heavy libraries (pyqtgraph, reportlab) load
only when someone opens the panel that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the context module loads the database layer: not needed to list panels
    from .shared.context import AppContext


@dataclass(frozen=True)
class PanelSpec:
    key: str  # used by --panel and in settings
    title: str
    package: str  # views.<package>.panel has `create_panel(context) -> QWidget`
    # The panel can be built while the person is still signing in, from a context whose actor
    # is None: it then reads and shows nothing until signed in (main_window.prepare_panel).
    built_before_sign_in: bool = False

    def module(self) -> ModuleType:
        return import_module(f"{__package__}.{self.package}.panel")

    def factory(self) -> Callable[[AppContext], QWidget]:
        return self.module().create_panel


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("groups", "Groups", "groups", built_before_sign_in=True),
    PanelSpec("participants", "Participants", "participants"),
    PanelSpec("sessions", "Sessions & Attendance", "sessions"),
    PanelSpec("dashboard", "Dashboard", "dashboard", built_before_sign_in=True),
    PanelSpec("printing", "Printing", "printing"),
    PanelSpec("settings", "Settings", "settings"),
)
PANEL_KEYS = tuple(p.key for p in PANELS)


def panel_spec(key: str) -> PanelSpec:
    for spec in PANELS:
        if spec.key == key:
            return spec
    raise KeyError(key)
