"""How a panel (or a tab, or the status bar) keeps itself up to date.

Every panel of the main window is a `Panel`: it says which kinds of records it shows
(`cares_about`, a set of `Changed` flags) and how to read them again (`refresh`). When a change
of those kinds is announced (views/shared/operations.py), a visible panel refreshes at once and a
hidden one only remembers that it is stale, refreshing when it is next shown. F5 calls the
current panel's `refresh`. Nobody refreshes a panel from outside: tabs inside a panel follow
changes the same way, with `follow_changes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from .operations import Changed, change_bus

if TYPE_CHECKING:  # the context loads the database layer, which the first paint does without
    from .context import AppContext


class ChangeFollower(QObject):
    """Refreshes `widget` when a change it cares about is announced: now if it is visible,
    when it is next shown if not. Changes the widget announced itself are skipped when
    `skip_own` (it has already shown them, e.g. a mark typed into the register)."""

    def __init__(
        self,
        widget: QWidget,
        cares_about: Changed,
        refresh: Callable[[], None],
        *,
        skip_own: bool = False,
    ):
        super().__init__(widget)
        self.widget, self.cares_about, self._refresh = widget, cares_about, refresh
        self.skip_own = skip_own
        self.stale = False
        change_bus().changed.connect(self._on_change)
        widget.installEventFilter(self)

    def _on_change(self, changes: Changed, initiator: QObject | None) -> None:
        if not changes & self.cares_about:
            return
        if self.skip_own and initiator is not None and _is_within(initiator, self.widget):
            return
        if self.widget.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Python's collector can clear a follower that is in a cycle with its widget's wrapper
        # before Qt deletes it with the widget: it then has nothing left to refresh.
        if "widget" not in self.__dict__:
            return False
        if watched is self.widget and event.type() == QEvent.Show and self.stale:
            self.stale = False
            self._refresh()
        return False


def _is_within(obj: QObject, ancestor: QObject) -> bool:
    while obj is not None:
        if obj is ancestor:
            return True
        obj = obj.parent()
    return False


def follow_changes(
    widget: QWidget, cares_about: Changed, refresh: Callable[[], None], *, skip_own=False
) -> ChangeFollower:
    return ChangeFollower(widget, cares_about, refresh, skip_own=skip_own)


class Panel(QWidget):
    """The protocol every panel of the main window follows (see the module docstring)."""

    cares_about: ClassVar[Changed] = Changed(0)
    # A panel of tabs leaves following to each tab (`follow_changes`), so that a change
    # refreshes the tab showing it, and the hidden tabs when they are next shown.
    tabs_follow_changes: ClassVar[bool] = False

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        if not self.tabs_follow_changes:
            self.changes = follow_changes(self, self.cares_about, self.refresh)

    def refresh(self) -> None:
        """Read what the panel shows again, keeping the user's place (selection, filters)."""
        raise NotImplementedError
