"""Page furniture shared by every document: paper, colours, the letterhead band, the footer with
"Page x of y", text that shrinks or wraps to fit its box, and simple ruled tables.

Documents draw straight onto a reportlab canvas (no platypus story): they know their row heights,
so they count their pages before drawing and print "Page x of y" in one pass. The logo is drawn
once into a PDF form and reused on every page, so a thousand pages embed it once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ..errors import UserError
from .data import Branding
from .fonts import SANS, SANS_BOLD, register_fonts, text_width

log = logging.getLogger(__name__)

MM = 72 / 25.4
PAPER = {"A4": (595.2756, 841.8898), "LETTER": (612.0, 792.0)}

INK = "#1d2a2f"
MUTED = "#5c6b71"
TEAL = "#1f4e5f"
GREEN = "#2a7f62"
GOLD = "#b8912f"
RULE = "#9fb3ba"
FILL = "#e8eff1"
SHADE = "#f5f8f9"
ABSENT_SHADE = "#f3d9d1"  # an absence on the register, seen at a glance
LOGO_FORM = "mwpLogo"


@cache
def pdf_colour(value: str):
    """A colour such as INK as reportlab's colour object, parsed once: handing reportlab the
    "#rrggbb" text makes it parse it again on every call, a fifth of a certificate's time."""
    from reportlab.lib.colors import HexColor

    return HexColor(value)


def paper_size(branding: Branding, *, landscape: bool = False) -> tuple[float, float]:
    width, height = PAPER.get(branding.paper_size.upper(), PAPER["A4"])
    return (height, width) if landscape else (width, height)


def display_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def long_date(value: date | None) -> str:
    """'Tue 14/04/2026': the weekday helps a facilitator check a sheet at a glance."""
    return value.strftime("%a %d/%m/%Y") if value else ""


def new_canvas(path: Path | str, branding: Branding, title: str, *, landscape: bool = False,
               fonts: tuple[str, ...] = (SANS, SANS_BOLD)):  # fmt: skip
    """A canvas with the fonts registered, the document's title and the logo form ready.

    It writes to a temporary file beside `path`; `finish` moves it into place, so a cancelled
    or failed run never leaves half a PDF and never spoils an earlier good one."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts(*fonts)
    path = Path(path)
    size = paper_size(branding, landscape=landscape)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    # reportlab starts every page in Helvetica; it would be listed, never drawn and never
    # embedded, which a print shop's preflight flags. Start in our own embedded face.
    canvas = Canvas(str(temporary), pagesize=size, pageCompression=1, initialFontName=fonts[0])
    canvas._mwp_target = (temporary, path)
    canvas.setTitle(title)
    canvas.setAuthor(branding.organisation_name)
    canvas.setCreator("MWP Desktop")
    canvas.setSubject(branding.program_name)
    canvas._mwp_logo = _prepare_logo(canvas, branding.logo_path)  # (width, height) or None
    return canvas


def finish(canvas) -> Path:
    """Write the PDF and move it to its name. A file held open elsewhere (a PDF reader on
    Windows) is a UserError the user can act on."""
    temporary, path = canvas._mwp_target
    try:
        canvas.save()
        os.replace(temporary, path)
    except PermissionError:
        temporary.unlink(missing_ok=True)
        raise UserError(
            f"{path.name} is open in another program or the folder is read-only; "
            "close it or choose another name."
        ) from None
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(f"{path} could not be written: {exc.strerror or exc}.") from None
    return path


def abandon(canvas) -> None:
    """Forget a canvas whose drawing was cancelled or failed: nothing is written."""
    temporary, _path = canvas._mwp_target
    temporary.unlink(missing_ok=True)


@contextmanager
def pdf_document(path: Path | str, branding: Branding, title: str, **options) -> Iterator:
    """`new_canvas` for a `with` block that ends in `return finish(canvas)`: whatever stops the
    drawing (an error, a cancel from the progress dialog) abandons the file, so every document
    keeps the promise of no half PDF without repeating the try/except."""
    canvas = new_canvas(path, branding, title, **options)
    try:
        yield canvas
    except BaseException:
        abandon(canvas)
        raise


def _prepare_logo(canvas, logo_path: str) -> tuple[float, float] | None:
    if not logo_path:
        return None
    path = Path(logo_path)
    if not path.is_file():
        log.warning("logo file %s is missing; printing without it", path)
        return None
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(str(path))
        width, height = image.getSize()
    except Exception:  # a damaged or unknown image must not stop the printing
        log.warning("logo file %s cannot be read; printing without it", path, exc_info=True)
        return None
    # The form is 1 x (height/width) units; callers scale it to the size they want.
    canvas.beginForm(LOGO_FORM, lowerx=0, lowery=0, upperx=width, uppery=height)
    canvas.drawImage(image, 0, 0, width, height, mask="auto")
    canvas.endForm()
    return float(width), float(height)


def logo_size(canvas, max_width: float, max_height: float) -> tuple[float, float]:
    """The logo's drawn size when fitted in the box; (0, 0) without a logo."""
    size = getattr(canvas, "_mwp_logo", None)
    if size is None:
        return 0.0, 0.0
    scale = min(max_width / size[0], max_height / size[1])
    return size[0] * scale, size[1] * scale


def draw_logo(canvas, x: float, y: float, max_width: float, max_height: float) -> float:
    """Draw the logo with its lower-left corner at (x, y), fitted in the box; returns its width."""
    size = getattr(canvas, "_mwp_logo", None)
    if size is None:
        return 0.0
    width, height = size
    scale = min(max_width / width, max_height / height)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    canvas.doForm(LOGO_FORM)
    canvas.restoreState()
    return width * scale


def has_logo(canvas) -> bool:
    return getattr(canvas, "_mwp_logo", None) is not None


@dataclass(frozen=True)
class Frame:
    """The printable area of a page, in points."""

    width: float
    height: float
    margin: float

    @property
    def left(self) -> float:
        return self.margin

    @property
    def right(self) -> float:
        return self.width - self.margin

    @property
    def top(self) -> float:
        return self.height - self.margin

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.margin


def frame_of(canvas, margin: float = 15 * MM) -> Frame:
    width, height = canvas._pagesize
    return Frame(width, height, margin)


def draw_letterhead(canvas, frame: Frame, branding: Branding, title: str, subtitle: str) -> float:
    """Logo, organisation and program on the left, the document's title on the right, a rule
    under them. Returns the y just below the rule."""
    top = frame.top
    x = frame.left
    logo_width = draw_logo(canvas, x, top - 34, 60, 34)
    if logo_width:
        x += logo_width + 8
    canvas.setFillColor(INK)
    fit_line(
        canvas, branding.organisation_name, x, top - 13, frame.inner_width * 0.5, SANS_BOLD, 11
    )
    canvas.setFillColor(MUTED)
    fit_line(canvas, branding.program_name, x, top - 27, frame.inner_width * 0.5, SANS, 8.5)
    canvas.setFillColor(TEAL)
    fit_line(
        canvas, title, frame.right, top - 14, frame.inner_width * 0.45, SANS_BOLD, 14, align="right"
    )
    if subtitle:
        canvas.setFillColor(MUTED)
        fit_line(
            canvas, subtitle, frame.right, top - 28, frame.inner_width * 0.45, SANS, 9, "right"
        )
    canvas.setStrokeColor(TEAL)
    canvas.setLineWidth(1.2)
    canvas.line(frame.left, top - 40, frame.right, top - 40)
    canvas.setFillColor(INK)
    return top - 40


def draw_page_footer(canvas, frame: Frame, branding: Branding, page: int, pages: int, note: str):
    y = frame.margin - 16
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(frame.left, y + 10, frame.right, y + 10)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, 7.5)
    canvas.drawString(frame.left, y, f"{branding.short_name} · {note}"[:140])
    canvas.drawRightString(frame.right, y, f"Page {page} of {pages}")
    canvas.setFillColor(INK)


def fit_line(
    canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    font: str,
    size: float,
    align: str = "left",
    min_size: float = 7.0,
) -> float:
    """One line of text, made smaller until it fits `width` (cut with … below `min_size`: 7 pt
    is the smallest a facilitator reads in a dim hall)."""
    natural = text_width(text, font, size)
    if natural > width:
        size = max(min_size, size * width / natural * 0.999)  # 0.999: float rounding
        while text and text_width(text, font, size) > width + 0.01:
            text = text[:-2].rstrip() + "…"
    canvas.setFont(font, size)
    if align == "right":
        canvas.drawRightString(x, y, text)
    elif align == "center":
        canvas.drawCentredString(x, y, text)
    else:
        canvas.drawString(x, y, text)
    return size


def fit_cell(canvas, text: str, x: float, y: float, width: float, height: float, font: str,
             size: float, align: str = "left") -> None:  # fmt: skip
    """Text in a table cell whose bottom-left is (x, y): one line, a little smaller if that is
    all it takes, else wrapped onto as many lines as the cell holds (up to three) at 7 pt or
    more, so that an 80-letter name is printed whole and readable, never cut or made tiny."""
    pad = 3
    room = width - 2 * pad
    natural = text_width(text, font, size)
    if natural <= room:
        _cell_line(canvas, text, x, y + (height - size * 0.7) / 2, width, font, size, align)
        return
    shrunk = size * room / natural
    fits_lines = int((height - 1) // (7 * 1.1))
    if shrunk >= max(7.0, size * 0.8) or fits_lines < 2:
        fit_line(canvas, text, _anchor(x, width, align), y + (height - shrunk * 0.7) / 2,
                 room, font, size, align)  # fmt: skip
        return
    # A bold name too long for its cell even so is printed whole in the regular face.
    for face in (font, SANS) if font == SANS_BOLD else (font,):
        lines, line_size = wrap_text(text, face, min(size, (height - 1) / 2.2), room,
                                     max_lines=min(3, fits_lines), min_size=7.0)  # fmt: skip
        if " ".join(lines) == " ".join(text.split()):
            break
    font = face
    lead = line_size * 1.1
    first = y + height / 2 + (len(lines) - 1) * lead / 2 - line_size * 0.35
    for i, line in enumerate(lines):
        fit_line(canvas, line, _anchor(x, width, align), first - i * lead, room, font, line_size,
                 align)  # fmt: skip


def _anchor(x: float, width: float, align: str) -> float:
    if align == "right":
        return x + width - 3
    if align == "center":
        return x + width / 2
    return x + 3


def _cell_line(canvas, text, x, y, width, font, size, align) -> None:
    canvas.setFont(font, size)
    if align == "right":
        canvas.drawRightString(x + width - 3, y, text)
    elif align == "center":
        canvas.drawCentredString(x + width / 2, y, text)
    else:
        canvas.drawString(x + 3, y, text)


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"
    font: str = SANS


def scale_columns(columns: Sequence[Column], width: float) -> list[Column]:
    """Columns stretched or squeezed in proportion so that together they are `width` wide."""
    total = sum(c.width for c in columns)
    return [Column(c.title, c.width * width / total, c.align, c.font) for c in columns]


def draw_table_header(canvas, columns: Sequence[Column], x: float, y_top: float, height: float,
                      size: float = 8) -> float:  # fmt: skip
    """The shaded header row; returns the y of its bottom edge."""
    total = sum(c.width for c in columns)
    canvas.setFillColor(FILL)
    canvas.setStrokeColor(TEAL)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y_top - height, total, height, stroke=1, fill=1)
    canvas.setFillColor(TEAL)
    left = x
    for column in columns:
        fit_cell(canvas, column.title, left, y_top - height, column.width, height, SANS_BOLD,
                 size, column.align)  # fmt: skip
        left += column.width
    canvas.setFillColor(INK)
    return y_top - height


def draw_table_rows(canvas, columns: Sequence[Column], x: float, y_top: float, row_height: float,
                    rows: Sequence[Sequence[str]], size: float = 9, shade: bool = True,
                    cell_fills: Mapping[str, str] | None = None) -> float:  # fmt: skip
    """Ruled rows under a header; returns the y of the last row's bottom edge. A cell whose
    text is a key of `cell_fills` gets that background (an absence on the register)."""
    total = sum(c.width for c in columns)
    y = y_top
    for index, values in enumerate(rows):
        y -= row_height
        if shade and index % 2 == 1:
            canvas.setFillColor(SHADE)
            canvas.rect(x, y, total, row_height, stroke=0, fill=1)
            canvas.setFillColor(INK)
        left = x
        for column, value in zip(columns, values, strict=False):
            if cell_fills and value in cell_fills:
                canvas.setFillColor(cell_fills[value])
                canvas.rect(left, y, column.width, row_height, stroke=0, fill=1)
                canvas.setFillColor(INK)
            if value:
                fit_cell(canvas, value, left, y, column.width, row_height, column.font, size,
                         column.align)  # fmt: skip
            left += column.width
    # Grid: verticals and horizontals in one path each, cheaper than a rect per cell.
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    lines = [(x, yy, x + total, yy) for yy in _steps(y_top, y, row_height)]
    left = x
    for column in [None, *columns]:
        if column is not None:
            left += column.width
        lines.append((left, y_top, left, y))
    canvas.lines(lines)
    return y


def _steps(top: float, bottom: float, step: float) -> list[float]:
    count = round((top - bottom) / step)
    return [top - i * step for i in range(count + 1)]


def paginate(count: int, per_page: int, last_page_rows: int) -> list[range]:
    """Split `count` rows into pages, each filled before the next begins; the last page holds at
    most `last_page_rows` (it also carries the closing block). When the rows fill a page but
    leave no room for the closing block, only the rows that must move go on with it, so the
    block never sits alone and no page is left mostly empty."""
    per_page = max(1, per_page)
    last_page_rows = max(1, min(last_page_rows, per_page))
    pages: list[range] = []
    start = 0
    while count - start > last_page_rows:
        remaining = count - start
        take = per_page if remaining > per_page else remaining - 1
        pages.append(range(start, start + take))
        start += take
    pages.append(range(start, count))
    return pages


FACT_LABEL_WIDTH = 54


def flow_blocks(blocks: Sequence[tuple[str, float, object]], first_top: float, later_top: float,
                bottom: float) -> tuple[list[list[tuple[str, float, object]]], float]:  # fmt: skip
    """Blocks of a flowing document, (kind, height, payload), put on pages: a "heading" or a
    table's "header" stays with the block after it, and a "row" carried onto a new page takes
    its table's header with it. Returns the pages and the y where the last page's blocks end,
    so a document can count its pages before drawing "Page x of y"."""
    pages: list[list[tuple[str, float, object]]] = [[]]
    y = first_top
    for index, block in enumerate(blocks):
        following = blocks[index + 1][1] if index + 1 < len(blocks) else 0
        needed = block[1] + (following if block[0] in ("heading", "header") else 0)
        if y - needed < bottom and pages[-1]:
            pages.append([])
            y = later_top
            if block[0] == "row":
                header = next(b for b in reversed(blocks[:index]) if b[0] == "header")
                pages[-1].append(header)
                y -= header[1]
        pages[-1].append(block)
        y -= block[1]
    return pages, y


def draw_facts(canvas, frame: Frame, y_top: float, facts: Sequence[tuple[str, str]],
               columns: int = 2, line: float = 14, draw: bool = True) -> float:  # fmt: skip
    """Label: value pairs in columns (filled top to bottom) under the letterhead; returns the y
    below them. A long value (a 98-letter group name) wraps rather than shrinks: when it needs
    more than two lines beside its neighbour, it takes the whole width of its own row. The rows
    below move down. `draw=False` only measures."""
    per_column = -(-len(facts) // columns)
    narrow = frame.inner_width / columns - FACT_LABEL_WIDTH - 8
    wide = frame.inner_width - FACT_LABEL_WIDTH - 8
    rows: list[list[tuple[str, str]]] = []
    for r in range(per_column):
        row = [facts[i] for i in range(r, len(facts), per_column)]
        if any(len(wrap_text(v or "—", SANS_BOLD, 9.5, narrow, 9)[0]) > 2 for _label, v in row):
            rows.extend([fact] for fact in row)
        else:
            rows.append(row)
    y = y_top
    for row in rows:
        room = narrow if len(row) > 1 else wide
        wrapped = [wrap_text(value or "—", SANS_BOLD, 9.5, room) for _label, value in row]
        height = max(line + (len(lines) - 1) * size * 1.15 for lines, size in wrapped)
        if draw:
            for column, ((label, _value), (lines, size)) in enumerate(
                zip(row, wrapped, strict=True)
            ):
                x = frame.left + column * frame.inner_width / columns
                canvas.setFillColor(MUTED)
                canvas.setFont(SANS, 8)
                canvas.drawString(x, y - line, f"{label}:")
                canvas.setFillColor(INK)
                canvas.setFont(SANS_BOLD, size)
                for n, text in enumerate(lines):
                    canvas.drawString(x + FACT_LABEL_WIDTH, y - line - n * size * 1.15, text)
        y -= height
    return y


def wrap_text(text: str, font: str, size: float, width: float, max_lines: int = 3,
              min_size: float = 7.5) -> tuple[list[str], float]:  # fmt: skip
    """`text` broken into lines no wider than `width`: at `size` when it fits in `max_lines`,
    else a little smaller (never under `min_size`), and only then cut with "…" on the last."""
    from reportlab.lib.utils import simpleSplit

    while True:
        lines = simpleSplit(text, font, size, width) or [""]
        if len(lines) <= max_lines or size - 0.5 < min_size:
            break
        size -= 0.5
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        while last and text_width(last + "…", font, size) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines, size
