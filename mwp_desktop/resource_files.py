"""Files shipped with the program (curricula, fonts, icons, style sheet), kept in the checkout's
top-level `resources/` folder and found the same way however the program runs.

- Installed from a wheel, or frozen by PyInstaller: inside the package, `mwp_desktop/resources/`
  (pyproject.toml's package-dir maps it there; installer/mwp_desktop.spec's datas put it there).
- From source, or an editable install (`pip install -e .`, what tasks.py does): `resources/` beside
  the package folder. The editable finder maps the package to the checkout's `mwp_desktop/`
  folder, so that is where `__file__` points. setuptools also lists `mwp_desktop.resources` in
  that finder, but it cannot import it (no `__init__.py`), so `importlib.resources` would not find
  the files there either.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).parent
_INSIDE_PACKAGE = _PACKAGE_DIR / "resources"
_BESIDE_PACKAGE = _PACKAGE_DIR.parent / "resources"
# Inside the package first: an installed copy never reads a `resources/` folder that some other
# distribution left in site-packages.
RESOURCES_DIR = _INSIDE_PACKAGE if _INSIDE_PACKAGE.is_dir() else _BESIDE_PACKAGE


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)
