"""Files shipped inside the package (curricula, icons, style), found the same way when installed,
run from source or frozen by PyInstaller."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).with_name("resources")


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)
