"""The views layer reads and changes data only through its operations seam, and the layers
below it never import Qt (docs/architecture.md)."""

import ast
from pathlib import Path

import mwp_desktop

PACKAGE = Path(mwp_desktop.__file__).parent
VIEWS = PACKAGE / "views"
SEAM = VIEWS / "shared" / "operations.py"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph")


def modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def session_openings(path: Path) -> list[int]:
    """Lines that open a database session: `….session()`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "session"
    ]


def runtime_imports(path: Path) -> set[str]:
    """Modules imported when the file runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
        for child in ast.walk(node)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_no_view_opens_a_database_session_itself():
    offenders = {
        str(path.relative_to(PACKAGE)): lines
        for path in modules(VIEWS)
        if path != SEAM and (lines := session_openings(path))
    }
    assert offenders == {}, "go through views/shared/operations.py"


def test_no_view_writes_sql():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in modules(VIEWS)
        if any(name.split(".")[0] == "sqlalchemy" for name in runtime_imports(path))
    ]
    assert offenders == []


def test_the_checks_see_a_session_opened_in_a_view(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy import select\n"
        "def f(context):\n"
        "    with context.db.session() as s:\n"
        "        return s.execute(select(1))\n"
    )
    assert session_openings(sample) == [3]
    assert "sqlalchemy" in runtime_imports(sample)


def test_models_services_and_printing_never_import_qt():
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in ("models", "services", "printing")
        for path in modules(PACKAGE / layer)
        if any(name.split(".")[0] in QT_MODULES for name in runtime_imports(path))
    ]
    assert offenders == []
