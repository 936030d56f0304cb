"""Look and feel: Fusion with a calm palette, the style sheet and the application icon."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ..resource_files import resource_path

COLOURS = {
    "window": "#f5f7f8",
    "base": "#ffffff",
    "alternate": "#f0f4f5",
    "text": "#1d2a2f",
    "muted": "#5c6b71",
    "highlight": "#2a7f62",
    "nav": "#1f4e5f",
    "accent": "#f2c14e",
    "disabled_text": "#9aa6ab",
    "disabled_face": "#eef1f2",
}


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "mwp.svg")))


STYLE = "Fusion"


def style_arguments() -> list[str]:
    """The style, named on the command line a QApplication is made with. Made there, in C++,
    it needs no Python object; setStyle makes one, and the first sets QStyle up for Python
    (~6 ms of every start, before the window)."""
    return ["-style", STYLE]


def apply_style(app: QApplication, *, style_named: bool = False) -> None:
    """The program's look. `style_named`: the application was made with style_arguments()."""
    if not style_named:
        app.setStyle(STYLE)
    palette = QPalette()
    palette.setColor(QPalette.Window, QColor(COLOURS["window"]))
    palette.setColor(QPalette.Base, QColor(COLOURS["base"]))
    palette.setColor(QPalette.AlternateBase, QColor(COLOURS["alternate"]))
    palette.setColor(QPalette.Text, QColor(COLOURS["text"]))
    palette.setColor(QPalette.WindowText, QColor(COLOURS["text"]))
    palette.setColor(QPalette.ButtonText, QColor(COLOURS["text"]))
    palette.setColor(QPalette.Button, QColor("#e9eef0"))
    palette.setColor(QPalette.Highlight, QColor(COLOURS["highlight"]))
    palette.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ToolTipBase, QColor("#fffbe6"))
    palette.setColor(QPalette.ToolTipText, QColor(COLOURS["text"]))
    palette.setColor(QPalette.PlaceholderText, QColor(COLOURS["muted"]))
    # The colours above are set for every state; what cannot be used now must look it, or a
    # user presses it and wonders why nothing happens.
    for role in (QPalette.ButtonText, QPalette.Text, QPalette.WindowText):
        palette.setColor(QPalette.Disabled, role, QColor(COLOURS["disabled_text"]))
    palette.setColor(QPalette.Disabled, QPalette.Button, QColor(COLOURS["disabled_face"]))
    app.setPalette(palette)
    app.setStyleSheet(resource_path("style.qss").read_text("utf-8"))
    app.setWindowIcon(app_icon())
