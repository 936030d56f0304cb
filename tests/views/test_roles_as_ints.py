"""Table models compare a cell's role with plain ints (views/shared/table_model.py's constants).

Qt calls a model's data() about ten times for each painted cell; comparing the int role with
one of Qt's enum members costs more than the rest of the call (~5-25 µs against 0.3 µs), which
is what kept a repaint of the Sessions panel's agenda and register slow (issue 19).
"""

from __future__ import annotations

import re
from pathlib import Path

import mwp_desktop.views

VIEWS = Path(mwp_desktop.views.__file__).parent
ENUM_ROLE = re.compile(r"\brole\s*(==|!=|in)\s*\(?\s*Qt\.")


def test_no_model_compares_a_role_with_a_qt_enum():
    found = [
        f"{path.relative_to(VIEWS)}:{number}: {line.strip()}"
        for path in sorted(VIEWS.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ENUM_ROLE.search(line)
    ]
    assert found == []
