"""Settings pages for communities and facilitators."""

import pytest
from PySide6.QtCore import Qt

from mwp_desktop.services.registration.communities import list_communities
from mwp_desktop.services.registration.facilitators import list_facilitators
from mwp_desktop.views.settings.communities import CommunitiesPage
from mwp_desktop.views.settings.facilitators import FacilitatorsPage
from mwp_desktop.views.settings.panel import SettingsPanel
from mwp_desktop.views.shared.context import AppContext

from .styled import styled  # noqa: F401 - a fixture


def test_settings_has_community_and_facilitator_tabs(qtbot, db):
    panel = SettingsPanel(AppContext(db=db))
    qtbot.addWidget(panel)
    titles = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert {"Communities", "Facilitators"} <= set(titles)  # other issues add pages too


def test_add_and_rename_a_community(qtbot, qtmodeltester, db):
    page = CommunitiesPage(AppContext(db=db))
    qtbot.addWidget(page)
    page.show()
    page.start_new()
    qtbot.keyClicks(page.name, "Tombo")
    qtbot.keyClicks(page.chiefdom, "Koya")
    qtbot.keyClicks(page.district, "Western Area Rural")
    qtbot.keyClick(page.name, Qt.Key_Return)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "Tombo"
    # The same place again is refused with a reason next to the form.
    page.start_new()
    qtbot.keyClicks(page.name, "tombo")
    qtbot.keyClicks(page.chiefdom, "Koya")
    qtbot.keyClicks(page.district, "Western Area Rural")
    page.save_button.click()
    assert "already in the list" in page.error.text()
    # Choosing the row loads it for editing.
    page.table.selectRow(0)
    page.name.setText("Tombo Village")
    page.save_button.click()
    with db.session() as s:
        assert [c.name for c in list_communities(s)] == ["Tombo Village"]
    qtmodeltester.check(page.model)
    page.table.selectRow(0)
    page.remove_button.click()
    assert page.model.rowCount() == 0


def test_facilitator_phone_is_checked(qtbot, db):
    page = FacilitatorsPage(AppContext(db=db))
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.name, "Abu Bakarr Sesay")
    qtbot.keyClicks(page.sex, "M")
    qtbot.keyClicks(page.phone, "0761")
    qtbot.keyClick(page.phone, Qt.Key_Return)
    assert "too few digits" in page.error.text()
    page.phone.setText("076 123 456")
    qtbot.keyClick(page.phone, Qt.Key_Return)
    with db.session() as s:
        (row,) = list_facilitators(s)
    assert (row.name, row.sex, row.phone, row.active) == (
        "Abu Bakarr Sesay",
        "M",
        "+23276123456",
        True,
    )
    assert page.model.index(0, 2).data() == "076 123 456"


@pytest.mark.usefixtures("styled")  # the widths the user sees, in the program's own fonts
def test_community_names_keep_their_width_beside_long_chiefdoms_and_districts(qtbot, db):
    """Settings → Communities squeezed the name column to ~30 px ("A…") when the chiefdom and
    district columns fitted long texts (issue 15, item 8)."""
    from tests.builders.places import add_community

    with db.session() as s:
        for name in ("Aberdeen", "Goderich", "Lumley"):
            add_community(s, name, chiefdom="Koya Chiefdom of the Western Area Rural",
                          district="Western Area Rural District (Peninsula)")  # fmt: skip
    page = CommunitiesPage(AppContext(db=db))
    qtbot.addWidget(page)
    page.resize(1366 - 230 - 56, 600)  # the main window's room for a settings page
    page.show()
    qtbot.waitExposed(page)
    widths = [page.table.columnWidth(c) for c in range(page.model.columnCount())]
    assert widths[0] >= 160, widths
    assert widths[0] == max(widths), widths  # the name is what people look for
    assert sum(widths) <= page.table.viewport().width(), widths  # nothing pushed out of view
