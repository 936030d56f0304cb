"""The headline figures as tiles: the number, its change against the previous period, and for a
rate with an office target, how far it is from it (a traffic-light edge, and the words)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...services.statistics.headline import Figure, format_value

# A rise is good news for most figures, bad news for "need a follow-up call".
LOWER_IS_BETTER = {"follow_up"}
STANDING_MARKS = {"met": "✔", "near": "●", "below": "●"}


class HeadlineTile(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="HeadlineTile")
        self.label = QLabel("", objectName="TileLabel")
        self.label.setWordWrap(True)
        self.value = QLabel("–", objectName="TileValue")
        self.change = QLabel("", objectName="TileChange")
        self.change.setWordWrap(True)
        self.target = QLabel("", objectName="TileTarget")
        self.target.setWordWrap(True)
        self.target.hide()
        self.setMinimumWidth(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.label)
        layout.addWidget(self.value)
        layout.addWidget(self.change)
        layout.addWidget(self.target)

    def show_figure(self, figure: Figure) -> None:
        self.label.setText(figure.label)
        self.value.setText(figure.value_text())
        change = figure.change
        text = figure.change_text()
        if change is not None and abs(change) > 1e-9:
            text += f" vs {figure.compared_with}"
            good = (change > 0) != (figure.key in LOWER_IS_BETTER)
            # Arrows as well as colour: the colour alone would not reach everyone.
            text = ("▲ " if change > 0 else "▼ ") + text
            self.change.setProperty("tone", "good" if good else "bad")
        else:
            self.change.setProperty("tone", "neutral")
        self.change.setText(text)
        # The edge's colour says met / near / below; the words say it to everyone.
        self.setProperty("standing", figure.standing or "")
        self.target.setText(f"{STANDING_MARKS.get(figure.standing, '')} {figure.target_text()}")
        self.target.setVisible(figure.standing is not None)
        for widget in (self, self.change):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.setToolTip(
            f"{figure.explanation}\nNow: {figure.value_text()}; "
            f"before: {format_value(figure.previous, figure.is_rate)}"
        )


class HeadlineTiles(QWidget):
    def __init__(self, count: int = 6, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.tiles = [HeadlineTile() for _ in range(count)]
        for i, tile in enumerate(self.tiles):
            layout.addWidget(tile, 0, i)
            layout.setColumnStretch(i, 1)

    def show_figures(self, figures) -> None:
        for tile, figure in zip(self.tiles, figures, strict=False):
            tile.show_figure(figure)
