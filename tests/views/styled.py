"""The program's own look (palette and style sheet) for a test, and the run's look back after:
what fits or shows must be checked as the user sees it."""

import pytest

from mwp_desktop.views.style import apply_style


@pytest.fixture
def styled(qapp):
    sheet, palette, style = qapp.styleSheet(), qapp.palette(), qapp.style().name()
    apply_style(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)
