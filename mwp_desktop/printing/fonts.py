"""The bundled Unicode fonts (DejaVu), registered with reportlab once per process.

Names are printed in whatever letters they are written in (accents, apostrophes, hyphens,
Arabic-script loan names typed in Latin letters with diacritics): the base-14 PDF fonts cannot
show most of them, so every document uses these TrueType fonts, embedded as subsets.
"""

from __future__ import annotations

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

_registered = False


def register_fonts() -> None:
    """Register the fonts (parsing a TrueType file costs ~20 ms each, so only once)."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    _registered = True


def text_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)
