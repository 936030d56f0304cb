"""QR codes for the certificates: reportlab's encoder, level M, with one fixed mask pattern,
made fast for printing a thousand at once.

Encoding a code with reportlab's `QRCode` was half of a certificate's drawing time, and almost
all of it was work that is the same for every code of one size: the finder, timing and format
patterns, the order in which the data squares are visited, the mask over them, and the
Reed–Solomon generator polynomial (rebuilt by polynomial multiplication for every code). Here
that is worked out once per QR version, from reportlab's own encoder, and each code only
computes its own codewords (reportlab's segments choose the mode and write the bits, as they do
in `QRCode`) and lays them into a copy of the template. The squares are the same ones
reportlab draws with this mask: tests/printing/test_qr_codes.py compares them and scans them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from .page import pdf_colour

QR_MASK = 0  # the checkerboard: it breaks up long runs of either colour

# Reed–Solomon over GF(256) with the QR code's polynomial x^8 + x^4 + x^3 + x^2 + 1.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]

_PAD_BYTES = (0xEC, 0x11)


@dataclass(frozen=True)
class _Layout:
    """What every code of one version shares."""

    version: int
    template: tuple[tuple[bool, ...], ...]  # function and format patterns; data squares False
    data_squares: tuple[tuple[int, int, bool], ...]  # (row, column, mask) in placing order
    blocks: tuple[tuple[int, int], ...]  # (data codewords, error-correction codewords)


class _Bits:
    """The bit buffer reportlab's segments write into (`put`), kept as one integer."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, number: int, length: int) -> None:
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code's squares, row by row from the top, True for dark."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    encoder = QRCode(None, QRErrorCorrectLevel.M)
    encoder.addData(payload)  # reportlab picks the mode: numeric, alphanumeric, kanji or bytes
    layout = _layout(encoder.calculate_version())
    codewords = _codewords(encoder.dataList, layout)
    modules = [list(row) for row in layout.template]
    bits = itertools.chain.from_iterable(_BYTE_BITS[c] for c in codewords)
    # Squares left over after the last codeword stay light before the mask, as reportlab does.
    for (row, column, mask), dark in itertools.zip_longest(
        layout.data_squares, bits, fillvalue=False
    ):
        modules[row][column] = dark ^ mask
    return modules


_BYTE_BITS = [tuple(bool(byte & (0x80 >> i)) for i in range(8)) for byte in range(256)]


def _codewords(segments, layout: _Layout) -> list[int]:
    """The data codewords (segments, terminator, padding) and their error correction,
    interleaved block by block as the standard lays them out."""
    capacity = sum(data for data, _ in layout.blocks)
    bits = _Bits()
    for segment in segments:
        segment.write(bits, layout.version)
    if bits.length + 4 <= capacity * 8:
        bits.put(0, 4)
    bits.put(0, -bits.length % 8)
    data = list(bits.value.to_bytes(bits.length // 8, "big"))
    data += [_PAD_BYTES[i % 2] for i in range(capacity - len(data))]
    data_blocks, correction_blocks = [], []
    start = 0
    for data_count, correction_count in layout.blocks:
        block = data[start : start + data_count]
        start += data_count
        data_blocks.append(block)
        correction_blocks.append(_correction(block, correction_count))
    return [
        codeword
        for group in (data_blocks, correction_blocks)
        for column in itertools.zip_longest(*group)
        for codeword in column
        if codeword is not None
    ]


def _correction(block: list[int], count: int) -> list[int]:
    """The Reed–Solomon remainder of one block: polynomial division by shift register."""
    generator = _generator_logs(count)
    remainder = [0] * count
    for codeword in block:
        factor = codeword ^ remainder[0]
        remainder = remainder[1:]
        remainder.append(0)
        if factor:
            factor_log = _LOG[factor]
            for i, coefficient_log in enumerate(generator):
                remainder[i] ^= _EXP[factor_log + coefficient_log]
    return remainder


@cache
def _generator_logs(count: int) -> tuple[int, ...]:
    """The generator polynomial (x - a^0)…(x - a^(count-1)), as the logs of its coefficients
    after the leading 1."""
    polynomial = [1]
    for power in range(count):
        product = [0] * (len(polynomial) + 1)
        for i, coefficient in enumerate(polynomial):
            product[i] ^= coefficient
            if coefficient:
                product[i + 1] ^= _EXP[_LOG[coefficient] + power]
        polynomial = product
    return tuple(_LOG[c] for c in polynomial[1:])


@cache
def _layout(version: int) -> _Layout:
    """One version's template, data order and blocks, read from reportlab's encoder itself."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel, QRRSBlock, QRUtil

    level = QRErrorCorrectLevel.M
    probe = QRCode(version, level)
    probe.addData("")
    probe.makeImpl(False, QR_MASK)
    squares = probe.dataPosIterator()  # (column, row), in the order reportlab fills them
    template = [list(row) for row in probe.modules]
    for column, row in squares:
        template[row][column] = False
    mask = QRUtil.getMask(QR_MASK)
    return _Layout(
        version=version,
        template=tuple(tuple(row) for row in template),
        data_squares=tuple((row, column, bool(mask(row, column))) for column, row in squares),
        blocks=tuple(
            (block.dataCount, block.totalCount - block.dataCount)
            for block in QRRSBlock.getRSBlocks(version, level)
        ),
    )


def draw_qr(canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code with a white quiet zone of two squares.

    The dark squares are written as one PDF path in square units under a scaling transform:
    whole numbers, one string, instead of a shape object per square."""
    modules = qr_modules(payload)
    count = len(modules)
    border = 2
    box = size / (count + 2 * border)
    canvas.setFillColor(pdf_colour("#ffffff"))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    runs = []
    for r, row in enumerate(modules):
        top = count - 1 - r  # PDF's y grows upwards
        start = None
        for c, dark in enumerate((*row, False)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                runs.append(f"{start} {top} {c - start} 1 re")
                start = None
    canvas.saveState()
    canvas.translate(x + border * box, y + border * box)
    canvas.scale(box, box)
    canvas.setFillColor(pdf_colour("#000000"))
    canvas.addLiteral("\n".join(runs) + "\nf")
    canvas.restoreState()
