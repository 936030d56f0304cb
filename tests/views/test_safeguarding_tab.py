"""The Safeguarding tab and the agenda's reminder: a facilitator never sees either, office staff
record a concern from the keyboard and see it listed, a supervisor is told on the agenda how
many follow-ups are overdue and reaches them in one click, and the referral directory is kept
in Settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mwp_desktop.models import AuditEvent, SafeguardingConcern
from mwp_desktop.services.admin import referral_directory
from mwp_desktop.services.admin.referral_directory import ReferralServiceInput
from mwp_desktop.services.sessions.concerns import ConcernInput, record_concern
from mwp_desktop.views.sessions.panel import SessionsPanel
from mwp_desktop.views.shared.context import AppContext
from tests.builders.accounts import add_user_accounts
from tests.builders.groups import add_group
from tests.builders.places import add_facilitator

from .modal import when_dialog_opens
from .on_screen import on_screen

TODAY = date.today()


@pytest.fixture
def office(db, fast_hashing):
    with db.session() as s:
        fatu = add_facilitator(s, "Fatu Facilitator")
        group = add_group(s, "WAR-M001", facilitator=fatu)
        actors = add_user_accounts(s, ("staff", "supervisor", "facilitator"), facilitator=fatu)
        service = referral_directory.create_service(
            s, actors["admin"], ReferralServiceInput("Family Support Unit", "police", "076 000 111")
        )
    return db, actors, group.id, service.id


def panel_for(qtbot, db, actor) -> SessionsPanel:
    return on_screen(qtbot, SessionsPanel(AppContext(db=db, actor=actor)), (1366, 768))


def tab_titles(panel) -> list[str]:
    return [panel.tabs.tabText(i) for i in range(panel.tabs.count())]


def views_audited(db) -> int:
    with db.session() as s:
        return len(s.scalars(select(AuditEvent.id).where(AuditEvent.action == "view")).all())


def test_a_facilitator_gets_no_safeguarding_tab_and_no_reminder(qtbot, office):
    db, actors, group_id, service_id = office
    with db.session() as s:
        record_concern(s, actors["supervisor"], ConcernInput(
            TODAY - timedelta(days=9), group_id, "threat_to_woman", service_id,
            TODAY - timedelta(days=2), "referred",
        ))  # fmt: skip
    panel = panel_for(qtbot, db, actors["facilitator"])
    assert "Safeguarding" not in tab_titles(panel)
    assert not panel.agenda.findChild(type(panel.agenda.summary), "OverdueConcerns").isVisible()
    assert views_audited(db) == 0


def test_office_staff_record_a_concern_from_the_keyboard(qtbot, office):
    db, actors, group_id, _service_id = office
    panel = panel_for(qtbot, db, actors["staff"])
    assert views_audited(db) == 0  # nothing read until the tab is looked at
    panel.tabs.setCurrentWidget(panel.concerns)
    assert views_audited(db) == 1

    def fill(dialog):
        qtbot.keyClicks(dialog.group, "WAR-M001")
        dialog.kind.setFocus()
        qtbot.keyClicks(dialog.kind, "Child")
        dialog.referred_to.setFocus()
        qtbot.keyClicks(dialog.referred_to, "Family")
        qtbot.keyClicks(dialog.note, "x" * 250)  # the field stops at 200
        qtbot.keyClick(dialog.note, Qt.Key_Return)

    when_dialog_opens(fill)
    qtbot.keyClick(panel.concerns.table, Qt.Key_N, Qt.ControlModifier)

    with db.session() as s:
        saved = s.scalars(select(SafeguardingConcern)).one()
        assert (saved.kind, saved.status, len(saved.note)) == ("child_protection", "referred", 200)
        assert saved.follow_up_on == TODAY + timedelta(days=7)
    model = panel.concerns.model
    assert [(row.group_code, row.kind_title, row.referred_to) for row in model.rows] == [
        ("WAR-M001", "Child protection", "Family Support Unit")
    ]


def test_a_mistake_is_shown_under_its_field_and_nothing_is_saved(qtbot, office):
    db, actors, _group_id, _service_id = office
    panel = panel_for(qtbot, db, actors["staff"])
    panel.tabs.setCurrentWidget(panel.concerns)
    shown = {}

    def save_without_a_group(dialog):
        dialog.save()
        shown.update(group=dialog.errors["group_id"].text(), kind=dialog.errors["kind"].text())
        dialog.reject()

    when_dialog_opens(save_without_a_group)
    panel.concerns.record_new()
    assert shown == {"group": "Choose the group.", "kind": "Choose what kind of concern it is."}
    with db.session() as s:
        assert s.scalars(select(SafeguardingConcern)).all() == []


def test_a_supervisor_is_told_on_the_agenda_which_follow_ups_are_overdue(qtbot, office):
    db, actors, group_id, service_id = office
    supervisor = actors["supervisor"]
    with db.session() as s:
        for days_late in (3, 1, -2):
            record_concern(s, actors["staff"], ConcernInput(
                TODAY - timedelta(days=10), group_id, "violence_at_home", service_id,
                TODAY - timedelta(days=days_late), "referred",
            ))  # fmt: skip
    panel = panel_for(qtbot, db, supervisor)
    note = panel.agenda.findChild(type(panel.agenda.summary), "OverdueConcerns")
    assert note.isVisible() and "2 safeguarding follow-ups are overdue" in note.text()

    note.linkActivated.emit("#concerns")
    assert panel.tabs.currentWidget() is panel.concerns
    assert [row.overdue for row in panel.concerns.model.rows] == [True, True, False]
    assert "2 follow-ups overdue" in panel.concerns.summary.text()
