"""Make installer/mwp.ico (the .exe and setup icon) from the program's SVG icon.

    .venv/bin/python installer/make_icon.py

The .ico is committed, so builds do not need this; run it again when the SVG changes. Sizes up to
48 px are stored as 32-bit bitmaps (what Explorer and NSIS read everywhere), 64 px and up as PNG
(the Vista+ form, much smaller).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "mwp.svg"
ICO = ROOT / "installer" / "mwp.ico"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
PNG_FROM = 64


def render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def dib_bytes(image) -> bytes:
    """A BITMAPINFOHEADER, bottom-up BGRA rows, then the 1-bit AND mask (all zero: alpha rules)."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        line = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            line += struct.pack("<I", argb)  # little-endian ARGB is B, G, R, A in memory
        rows.append(bytes(line))
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * size)


def make_ico() -> bytes:
    images = []
    for size in SIZES:
        image = render(size)
        images.append((size, png_bytes(image) if size >= PNG_FROM else dib_bytes(image)))
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in images)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICO.write_bytes(make_ico())
    print(f"wrote {ICO} ({ICO.stat().st_size:,} bytes, sizes {', '.join(map(str, SIZES))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
