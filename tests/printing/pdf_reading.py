"""Reading a drawn PDF back as a reader (and a printer) sees it: each page's text, and each run
of text with its place and its printed size, so tests can count rows and find micro-text."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pypdf


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float  # the printed size in points, after any scaling


def pages_text(path) -> list[str]:
    """Each page's text with runs of white space made single (wrapped names join up)."""
    reader = pypdf.PdfReader(str(path), strict=True)
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def page_runs(path) -> list[list[Run]]:
    """Every shown piece of text on each page, with where it starts and how big it prints."""
    pages = []
    for page in pypdf.PdfReader(str(path)).pages:
        runs: list[Run] = []

        def visit(text, cm, tm, _font, size, runs=runs):
            if not text.strip():
                return
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Run(text.strip(), x, y, size * scale))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def smallest_text(path) -> float:
    return min(run.size for runs in page_runs(path) for run in runs)


def numbered_rows(runs: list[Run], column_right: float) -> list[int]:
    """The row numbers printed in a table's first column (left of `column_right`)."""
    return sorted(int(r.text) for r in runs if r.text.isdigit() and r.x < column_right)


def unembedded_fonts(path) -> set[str]:
    """Names of the fonts a PDF lists without carrying them (a print shop's preflight flags
    them: the shop's printer substitutes its own)."""
    missing = set()
    for page in pypdf.PdfReader(str(path)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


def fills(path, colour: str) -> int:
    """How many times the pages (and the forms they draw) switch to filling with `colour`."""
    from reportlab.lib.colors import HexColor

    c = HexColor(colour)
    # reportlab writes 0.5 as .5
    op = " ".join(f"{v:g}".removeprefix("0") for v in (c.red, c.green, c.blue)).encode() + b" rg"
    count = 0
    for page in pypdf.PdfReader(str(path)).pages:
        streams = [page.get_contents().get_data()]
        for ref in page["/Resources"].get("/XObject", {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                streams.append(xobject.get_data())
        count += sum(stream.count(op) for stream in streams)
    return count
