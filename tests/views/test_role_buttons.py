"""What a role cannot use says why and who can, instead of a button that does nothing."""

from mwp_desktop.views.dashboard.panel import DashboardPanel
from mwp_desktop.views.groups.panel import GroupsPanel
from mwp_desktop.views.participants.panel import ParticipantsPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import FACILITATOR, STAFF

REGISTER = (
    "Facilitator accounts cannot register or change groups and participants. "
    "Office staff, supervisors and administrators can."
)


def shown(qtbot, panel):
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_a_facilitator_is_told_why_he_cannot_register_import_or_export(qtbot, db):
    groups = shown(qtbot, GroupsPanel(AppContext(db=db, actor=FACILITATOR)))
    assert not groups.new_button.isEnabled()
    assert groups.new_button.toolTip() == REGISTER
    assert groups.import_button.toolTip().startswith("Facilitator accounts cannot import")
    assert groups.members.add_button.toolTip() == REGISTER

    people = shown(qtbot, ParticipantsPanel(AppContext(db=db, actor=FACILITATOR)))
    assert not people.register_button.isEnabled()
    assert people.register_button.toolTip() == REGISTER
    assert people.export_button.toolTip() == (
        "Facilitator accounts cannot export data. Office staff, supervisors and administrators can."
    )


def test_staff_keep_the_buttons_own_tooltips(qtbot, db):
    groups = shown(qtbot, GroupsPanel(AppContext(db=db, actor=STAFF)))
    assert groups.new_button.isEnabled() and groups.new_button.toolTip() == "Ctrl+N"
    assert not groups.edit_button.isEnabled()  # no group chosen: nothing to explain
    assert groups.edit_button.toolTip() == ""
    people = shown(qtbot, ParticipantsPanel(AppContext(db=db, actor=STAFF)))
    assert people.register_button.isEnabled()
    assert people.register_button.toolTip() == "Register a new participant (Ctrl+N)"


def test_the_dashboard_says_who_may_export_its_figures(qtbot, db):
    board = shown(qtbot, DashboardPanel(AppContext(db=db, actor=FACILITATOR)))
    assert not board.export_button.isEnabled()
    assert "Facilitator accounts cannot export data." in board.export_button.toolTip()
    assert board.print_button.isEnabled()  # facilitators print
    qtbot.waitUntil(lambda: not board.busy_now)


def settings_page(panel, title):
    for index in range(panel.tabs.count()):
        if panel.tabs.tabText(index) == title:
            panel.tabs.setCurrentIndex(index)  # a page is built when its tab is first chosen
            return panel.tabs.widget(index)
    raise AssertionError(f"no settings tab {title!r}")


def test_a_facilitator_is_told_why_settings_lists_cannot_be_saved(qtbot, db):
    from mwp_desktop.views.settings.panel import SettingsPanel

    settings = shown(qtbot, SettingsPanel(AppContext(db=db, actor=FACILITATOR)))
    communities = settings_page(settings, "Communities")
    facilitators = settings_page(settings, "Facilitators")
    for button in (
        communities.new_button,
        communities.save_button,
        communities.remove_button,
        facilitators.new_button,
        facilitators.save_button,
    ):
        assert not button.isEnabled(), button.text()
        assert button.toolTip() == REGISTER, button.text()


def test_a_facilitator_is_told_why_he_cannot_plan_or_take_attendance(qtbot, db):
    from mwp_desktop.views.sessions.panel import SessionsPanel

    sessions = shown(qtbot, SessionsPanel(AppContext(db=db, actor=FACILITATOR)))
    register = sessions.register_tab
    assert register.plan_button.toolTip() == (
        "Facilitator accounts cannot change meeting schedules. "
        "Office staff, supervisors and administrators can."
    )
    assert register.take_button.toolTip().startswith(
        "Facilitator accounts cannot record attendance"
    )
    assert register.export_button.toolTip().startswith("Facilitator accounts cannot export data")
    assert sessions.agenda.take_button.toolTip().startswith(
        "Facilitator accounts cannot record attendance"
    )
