"""The printing layer draws what it is given: it imports neither the services that gather the
data nor Qt, so documents can be drawn from plain values and made by the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import mwp_desktop

PACKAGE = Path(mwp_desktop.__file__).parent
FORBIDDEN = (
    "mwp_desktop.services",
    "mwp_desktop.views",
    "PySide6",
    "shiboken6",
    "pyqtgraph",
)


def imported_modules(source: str, package: str) -> set[str]:
    """Every module the source of a module in `package` imports, at its top or inside a function,
    as an absolute name; for `from X import y` both X and X.y (y may be a module)."""
    parts = package.split(".")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def is_forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def test_an_upward_import_is_seen_however_it_is_written():
    source = """
from .data import Branding
from .. import services

def draw():
    from ..services.statistics.dashboard import Dashboard
    import PySide6.QtGui
"""
    found = sorted(filter(is_forbidden, imported_modules(source, "mwp_desktop.printing")))
    assert found == [
        "PySide6.QtGui",
        "mwp_desktop.services",
        "mwp_desktop.services.statistics.dashboard",
        "mwp_desktop.services.statistics.dashboard.Dashboard",
    ]
    assert "mwp_desktop.printing.data.Branding" in imported_modules(source, "mwp_desktop.printing")


def test_no_printing_module_imports_the_services_the_views_or_qt():
    modules = sorted((PACKAGE / "printing").rglob("*.py"))
    assert len(modules) > 5
    upward = {}
    for path in modules:
        package = ".".join(["mwp_desktop", *path.relative_to(PACKAGE).parent.parts])
        found = imported_modules(path.read_text(encoding="utf-8"), package)
        upward[str(path.relative_to(PACKAGE.parent))] = sorted(filter(is_forbidden, found))
    assert {path: found for path, found in upward.items() if found} == {}
