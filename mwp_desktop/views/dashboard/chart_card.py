"""A chart in a card: title, a pyqtgraph plot, hover with exact numbers, click on a bar, an
"empty period" message instead of a blank plot, and "Save as PNG".

From the keyboard (Tab to the card): the arrow keys step from bar to bar, showing each one's
numbers, and Enter opens the groups behind it, as a click does."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QCursor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from .chart_places import READING
from .palette import GRID_TEXT

pg.setConfigOptions(antialias=True, background="w", foreground=GRID_TEXT)

EMPTY_TEXT = "No meetings in this period"


@dataclass(frozen=True)
class Category:
    """One bar or point the pointer can rest on: what it says, and what a click opens."""

    tooltip: str
    click: tuple[str, object] | None = None  # (bar kind, key) for groups_behind


def axis_font() -> QFont:
    font = QFont()
    font.setPointSize(9)
    return font


class ChartCard(QFrame):
    bar_clicked = Signal(str, object, str)  # bar kind, key, what the bar shows (dialog title)

    def __init__(self, title: str, horizontal: bool = False, parent: QWidget | None = None):
        super().__init__(parent, objectName="ChartCard")
        self.title = title
        self.horizontal = horizontal  # categories along the y axis (horizontal bars)
        self.categories: list[Category] = []
        self.shown: dict[str, object] = {}  # the numbers drawn, for tests and exports
        self.current: int | None = None  # the bar chosen with the arrow keys
        self.setFocusPolicy(Qt.StrongFocus)

        self.title_label = QLabel(title, objectName="ChartTitle")
        self.note_label = QLabel("", objectName="ChartNote")
        self.note_label.setWordWrap(True)
        self.title_label.setWordWrap(True)
        self.title_label.setMinimumWidth(80)
        self.save_button = QToolButton(text="Save PNG…")
        self.save_button.setToolTip(f"Save the chart “{title}” as a picture")
        self.save_button.clicked.connect(self.save_png_dialog)
        self.save_button.setProperty("chartButton", True)

        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.setMenuEnabled(False)
        # pyqtgraph still makes a parentless "Plot Options" menu, never shown here. Owned by
        # Python alone it is destroyed by whichever thread happens to collect the garbage, and
        # a widget destroyed off the window's thread can deadlock the program (seen while a
        # dashboard refresh ran). As the card's child, Qt destroys it with the card.
        options = self.plot.getPlotItem().ctrlMenu
        options.setParent(self, options.windowFlags())
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(200)
        for name in ("left", "bottom", "right"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickFont=axis_font())
            axis.setTextPen(GRID_TEXT)
        self.empty_label = QLabel(EMPTY_TEXT, alignment=Qt.AlignCenter, objectName="ChartEmpty")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.stack, 1)

        self.set_empty(True, READING)  # until the first answer comes

        scene = self.plot.scene()
        scene.sigMouseMoved.connect(self._hover)
        scene.sigMouseClicked.connect(self._click)

    # ------------------------------------------------------------ state

    def set_empty(self, empty: bool, text: str = EMPTY_TEXT) -> None:
        self.empty_label.setText(text)
        self.stack.setCurrentIndex(1 if empty else 0)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def reset(self) -> None:
        self.plot.clear()
        self.categories = []
        self.shown = {}
        self.current = None

    def set_category_ticks(self, labels: list[str], max_labels: int = 12) -> None:
        """Name the categories on their axis, thinning the labels so that they never overlap."""
        step = max(1, -(-len(labels) // max_labels))
        ticks = [(i, label) for i, label in enumerate(labels) if i % step == 0]
        axis = self.plot.getAxis("left" if self.horizontal else "bottom")
        axis.setTicks([ticks])
        if self.horizontal:
            # Names along the side: the axis as wide as the longest, or pyqtgraph drops them.
            metrics = QFontMetrics(axis_font())
            widest = max((metrics.horizontalAdvance(label) for _, label in ticks), default=0)
            axis.setWidth(min(220, widest + 18))

    # ------------------------------------------------------------ pointer

    def _index_at(self, scene_pos: QPointF) -> int | None:
        if not self.categories or not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.getPlotItem().vb.mapSceneToView(scene_pos)
        index = round(point.y() if self.horizontal else point.x())
        return index if 0 <= index < len(self.categories) else None

    def _hover(self, scene_pos: QPointF) -> None:
        index = self._index_at(scene_pos)
        if index is None:
            QToolTip.hideText()
            return
        hint = "\nClick to see the groups." if self.categories[index].click else ""
        QToolTip.showText(QCursor.pos(), self.categories[index].tooltip + hint, self.plot)

    def _click(self, event) -> None:
        index = self._index_at(event.scenePos())
        if index is not None:
            self.click_category(index)

    def keyPressEvent(self, event) -> None:
        steps = {Qt.Key_Down: 1, Qt.Key_Right: 1, Qt.Key_Up: -1, Qt.Key_Left: -1}
        if event.key() in steps and self.categories and not self.is_empty:
            last, step = len(self.categories) - 1, steps[event.key()]
            index = min(max((-1 if self.current is None else self.current) + step, 0), last)
            if not self.categories[index].tooltip and 0 <= index + step <= last:
                index += step  # a place holder (retention has no session 0)
            self.current = index
            hint = "\nEnter: see the groups." if self.categories[self.current].click else ""
            where = self.plot.mapToGlobal(self.plot.rect().center())
            QToolTip.showText(where, self.categories[self.current].tooltip + hint, self.plot)
        elif event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.current is not None:
            self.click_category(self.current)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        QToolTip.hideText()  # the numbers of the bar chosen from the keyboard go with the focus
        super().focusOutEvent(event)

    def click_category(self, index: int) -> None:
        category = self.categories[index]
        if category.click:
            kind, key = category.click
            self.bar_clicked.emit(kind, key, category.tooltip.splitlines()[0])

    # ------------------------------------------------------------ pictures

    def png_bytes(self) -> bytes:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        self.picture().save(buffer, "PNG")
        return bytes(data.data())

    def picture(self):
        """The card as drawn, without its buttons: a picture for a report or a slide."""
        buttons = [w for w in self.findChildren(QWidget) if w.property("chartButton")]
        for widget in buttons:
            # Hidden in place: a layout change now would re-fit the axes and drop their labels.
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.setVisible(False)
        try:
            return self.grab()
        finally:
            for widget in buttons:
                widget.setVisible(True)

    def save_png(self, path: str) -> bool:
        return self.picture().save(path, "PNG")

    def save_png_dialog(self) -> None:
        suggested = self.title.lower().replace(" ", "-").replace(",", "") + ".png"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save chart as PNG", suggested, "PNG picture (*.png)"
        )
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            if not self.save_png(path):
                QMessageBox.warning(
                    self, "Save chart", f"The picture could not be saved to {path}."
                )
