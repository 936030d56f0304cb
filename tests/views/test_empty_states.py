"""On a new database every table says what to do first, instead of an empty grid (issue 15,
item 11); once there is something to show, the words go."""

from PySide6.QtWidgets import QLabel

from mwp_desktop.views.groups.panel import GroupsPanel
from mwp_desktop.views.participants.panel import ParticipantsPanel
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.settings.panel import SettingsPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import FACILITATOR, STAFF
from tests.builders.groups import add_group
from tests.builders.places import add_community

from .on_screen import on_screen


def said_over(table) -> str | None:
    """The words over a table, as the user sees them (None when it says nothing)."""
    label = table.viewport().findChild(QLabel, "EmptyState")
    return label.text() if label is not None and label.isVisible() else None


def test_an_empty_groups_panel_says_to_make_the_first_group(qtbot, db):
    panel = on_screen(qtbot, GroupsPanel(AppContext(db=db, actor=STAFF)))
    assert said_over(panel.table) == "No groups yet. New group… (Ctrl+N) registers the first one."
    assert said_over(panel.members.table) == "Choose a group above to see its members."

    with db.session() as s:
        add_group(s, "WU-001")
    panel.refresh()
    assert said_over(panel.table) is None
    assert said_over(panel.members.table) == (
        "No members yet. Register new… or Add existing… above, or Import list into group…"
    )
    panel.search.setText("nothing like it")
    panel.apply_filters()
    assert said_over(panel.table) == "No group matches the search and filters."


def test_a_facilitator_without_groups_is_told_whom_to_ask(qtbot, db):
    panel = on_screen(qtbot, GroupsPanel(AppContext(db=db, actor=FACILITATOR)))
    assert said_over(panel.table) == (
        "No groups are assigned to you yet. The office makes you the facilitator of your groups."
    )


def test_an_empty_participants_panel_says_to_register_or_import(qtbot, db):
    panel = on_screen(qtbot, ParticipantsPanel(AppContext(db=db, actor=STAFF)))
    qtbot.waitUntil(lambda: not panel.model.loading)
    assert said_over(panel.table) == (
        "No participants yet. Register… (Ctrl+N) one man or woman, "
        "or Import list… to type in a paper register."
    )
    panel.search.setText("Kamara")
    panel.apply_search()
    qtbot.waitUntil(lambda: not panel.model.loading)
    assert said_over(panel.table) == "Nobody matches the search."


def test_the_sessions_tabs_say_where_meetings_come_from(qtbot, db):
    panel = on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=STAFF)))
    qtbot.waitUntil(lambda: not panel.agenda.reading())  # the meetings are read off the UI thread
    assert said_over(panel.agenda.table) == (
        "No meetings in these weeks. Choose a group in the Register tab and Plan schedule… "
        "to plan its sessions."
    )
    panel.tabs.setCurrentWidget(panel.register_tab)
    assert said_over(panel.register_tab.register.table) == (
        "No groups yet: make one in the Groups panel (New group…)."
    )
    with db.session() as s:
        add_group(s, "WU-001")
    panel.register_tab.reload_groups()
    panel.register_tab.register.open_group(None)
    assert said_over(panel.register_tab.register.table) == (
        "Type a group's code above and press Enter to see its register."
    )


def test_empty_settings_lists_say_how_to_add_the_first(qtbot, db):
    settings = on_screen(qtbot, SettingsPanel(AppContext(db=db, actor=STAFF)))
    titles = [settings.tabs.tabText(i) for i in range(settings.tabs.count())]

    def chosen(title: str):  # a page is built when its tab is first chosen
        settings.tabs.setCurrentIndex(titles.index(title))
        return settings.tabs.currentWidget()

    assert said_over(chosen("Communities").table) == (
        "No communities yet. Type a name on the right and Save."
    )
    assert said_over(chosen("Facilitators").table) == (
        "No facilitators yet. Type a name on the right and Save."
    )
    with db.session() as s:
        add_community(s, "Waterloo")
    communities = chosen("Communities")
    communities.refresh()
    assert said_over(communities.table) is None
