"""The bundled Unicode fonts (DejaVu), registered with reportlab once per process.

Names are printed in whatever letters they are written in (accents, apostrophes, hyphens,
Arabic-script loan names typed in Latin letters with diacritics): the base-14 PDF fonts cannot
show most of them, so every document uses these TrueType fonts, embedded as subsets.
"""

from __future__ import annotations

import threading

from ..resource_files import resource_path

SANS = "MWPSans"
SANS_BOLD = "MWPSans-Bold"
SERIF = "MWPSerif"
SERIF_BOLD = "MWPSerif-Bold"
SERIF_ITALIC = "MWPSerif-Italic"

FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
}

_registered: set[str] = set()
_lock = threading.Lock()


def register_fonts(*names: str) -> None:
    """Register the named fonts (all when none are named), each once per process: parsing a
    TrueType file costs tens of milliseconds, so a sign-in sheet loads only the two sans faces
    it uses. Safe to call from a worker thread."""
    wanted = names or tuple(FONT_FILES)
    if _registered.issuperset(wanted):
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        for name in wanted:
            if name not in _registered:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", FONT_FILES[name]))))
                _registered.add(name)
        # Bold/italic mappings only between faces that are registered.
        for family, bold, italic, face in (
            (SANS, 0, 0, SANS), (SANS, 1, 0, SANS_BOLD), (SERIF, 0, 0, SERIF),
            (SERIF, 1, 0, SERIF_BOLD), (SERIF, 0, 1, SERIF_ITALIC),
        ):  # fmt: skip
            if family in _registered and face in _registered:
                addMapping(family, bold, italic, face)


def warm_up() -> None:
    """Import reportlab and load the fonts ahead of the first document (from a thread)."""
    import reportlab.pdfgen.canvas  # noqa: F401

    register_fonts()


def text_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)
