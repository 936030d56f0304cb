"""The operations seam (views/shared/operations.py): the one way the window changes data.

A change is saved whole or not at all, a refusal is one plain message where the user is, a saved
change is announced with the kinds of records it touched, and work off the UI thread reports
progress, can be cancelled, and lets the newest of several requests win."""

import logging
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from sqlalchemy import func, select

from mwp_desktop.errors import UserError, ValidationError
from mwp_desktop.models import Community
from mwp_desktop.services.actor import SYSTEM, Actor
from mwp_desktop.services.registration.communities import CommunityInput, create_community
from mwp_desktop.views.shared import operations
from mwp_desktop.views.shared.context import AppContext
from mwp_desktop.views.shared.operations import Changed, change_bus


@pytest.fixture
def context(db):
    return AppContext(db=db)


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def announced():
    heard = []
    change_bus().changed.connect(lambda kinds, initiator: heard.append((kinds, initiator)))
    return heard


@pytest.fixture
def messages(monkeypatch):
    shown = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            lambda parent, title, text, *a, k=kind: shown.append((k, title, text)),
        )
    return shown


def communities(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Community))


def place(name: str) -> CommunityInput:
    return CommunityInput(name, "Koya", "Western Rural")


def test_a_change_is_saved_as_the_signed_in_user_and_announced(
    context, parent, announced, messages
):
    seen_actor = []

    def work(session, actor):
        seen_actor.append(actor)
        return create_community(session, actor, place("Tombo"))

    done = operations.change(parent, context, work, changes=Changed.COMMUNITIES, initiator=parent)

    assert done and done.value.name == "Tombo"
    assert seen_actor == [context.actor]
    assert communities(context.db) == 1
    assert announced == [(Changed.COMMUNITIES, parent)]
    assert messages == []


def test_a_refusal_is_one_message_and_nothing_of_the_change_is_kept(
    context, parent, announced, messages
):
    def work(session, actor):
        create_community(session, actor, place("Tombo"))
        session.flush()  # written, then refused: the whole change must roll back
        raise UserError("Tombo already has a group with that code.")

    done = operations.change(parent, context, work, changes=Changed.COMMUNITIES, title="New place")

    assert not done and done.message == "Tombo already has a group with that code."
    assert messages == [("warning", "New place", "Tombo already has a group with that code.")]
    assert communities(context.db) == 0
    assert announced == []


def test_a_form_can_show_field_reasons_itself(context, parent, messages):
    reasons = []

    def work(session, actor):
        raise ValidationError({"name": "Write the community's name.", "district": "Choose one."})

    done = operations.change(
        parent, context, work, changes=Changed.COMMUNITIES, on_error=reasons.append
    )
    assert not done
    assert messages == []  # the form shows them beside its fields
    assert reasons[0].fields["district"] == "Choose one."
    assert operations.message_of(reasons[0]) == "Write the community's name.\nChoose one."


def test_a_role_that_may_not_change_is_told_so(db, parent, messages):
    facilitator = Actor(user_id=None, username="f", role="facilitator")
    context = AppContext(db=db, actor=facilitator)
    done = operations.change(
        parent, context, lambda s, actor: create_community(s, actor, place("Tombo")),
        changes=Changed.COMMUNITIES,
    )  # fmt: skip
    assert not done
    assert messages and messages[0][0] == "warning"
    assert communities(db) == 0


def test_reads_run_off_the_ui_thread_and_the_newest_request_wins(qtbot, context, parent):
    answers = []
    release_first = threading.Event()

    def slow_read(session):
        release_first.wait(5)
        return "old filter"

    operations.read_in_background(parent, context, slow_read, answers.append, key="search")
    operations.read_in_background(
        parent, context, lambda s: "new filter", answers.append, key="search"
    )
    qtbot.waitUntil(lambda: answers == ["new filter"])
    release_first.set()
    qtbot.wait(200)  # the old answer arrives now, and is dropped
    assert answers == ["new filter"]
    assert not operations.busy(parent, "search")


def test_different_keys_do_not_overtake_each_other(qtbot, context, parent):
    answers = []
    operations.read_in_background(parent, context, lambda s: "groups", answers.append, key="a")
    operations.read_in_background(parent, context, lambda s: "figures", answers.append, key="b")
    qtbot.waitUntil(lambda: sorted(answers) == ["figures", "groups"])


def test_a_long_change_can_be_cancelled_from_its_progress_dialog_and_keeps_nothing(
    qtbot, context, parent, announced, messages
):
    parent.show()
    outcome = []

    def work(session, actor, progress):
        for n in range(400):
            create_community(session, actor, place(f"Place {n}"))
            session.flush()
            if not progress(n + 1, 400):
                raise operations.Cancelled()
            time.sleep(0.005)
        return 400

    def press_cancel():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                qtbot.mouseClick(widget.findChild(QPushButton), Qt.LeftButton)
                return
        QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(0, press_cancel)
    task = operations.change_in_background(
        parent, context, work, outcome.append, changes=Changed.COMMUNITIES,
        progress_label="Importing…", on_cancelled=lambda: outcome.append("cancelled"),
        progress_after_ms=0,
    )  # fmt: skip
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=10_000)
    assert task.finished
    assert communities(context.db) == 0
    assert announced == [] and messages == []
    # the progress dialog closed itself when the work stopped
    qtbot.waitUntil(
        lambda: (
            not any(
                isinstance(w, QProgressDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        )
    )


def test_a_cancelled_progress_dialog_stays_closed_while_the_work_winds_down(
    qtbot, parent, messages
):
    """A chunk being written goes on counting for a moment after Cancel: the box that was
    cancelled must not come back with those counts (its Cancel would then seem to do nothing)."""
    parent.show()
    cancelled, winding_down, ended = threading.Event(), threading.Event(), []

    def work(progress):
        n = 0
        while progress(n, 1000):
            n += 1
            time.sleep(0.005)
        cancelled.set()
        for m in range(n, n + 60):  # the rest of the chunk: about 0.6 s of counting
            progress(m, 1000)
            time.sleep(0.01)
        winding_down.set()
        raise operations.Cancelled()

    operations.run_in_background(
        parent, work, lambda value: None, progress_label="Importing…", progress_after_ms=0,
        on_cancelled=lambda: ended.append("cancelled"),
    )  # fmt: skip
    qtbot.waitUntil(lambda: bool(visible_progress(parent)), timeout=5000)
    qtbot.mouseClick(visible_progress(parent)[0].findChild(QPushButton), Qt.LeftButton)
    reshown = []
    while not winding_down.is_set():
        reshown += visible_progress(parent)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: ended == ["cancelled"], timeout=5000)
    assert cancelled.is_set() and reshown == []
    assert parent.findChildren(QProgressDialog) == []


def visible_progress(parent) -> list[QProgressDialog]:
    return [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def test_a_progress_dialog_shows_once_the_work_takes_longer_than_a_moment(qtbot, parent):
    parent.show()
    release = threading.Event()
    operations.run_in_background(
        parent, lambda progress: release.wait(5), lambda value: None,
        progress_label="Importing…", progress_after_ms=100,
    )  # fmt: skip
    try:
        qtbot.waitUntil(
            lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=2000
        )
    finally:
        release.set()
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in parent.findChildren(QProgressDialog)))


def test_a_long_change_reports_progress_then_announces(qtbot, context, parent, announced):
    done = []

    def work(session, actor, progress):
        for n in range(3):
            create_community(session, actor, place(f"Place {n}"))
            progress(n + 1, 3)
        return 3

    operations.change_in_background(
        parent, context, work, done.append, changes=Changed.COMMUNITIES, progress_label="Saving…"
    )
    qtbot.waitUntil(lambda: done == [3])
    assert communities(context.db) == 3
    assert announced == [(Changed.COMMUNITIES, parent)]


def test_an_unexpected_failure_off_the_ui_thread_is_logged_but_not_shown_in_detail(
    qtbot, context, parent, messages, caplog
):
    def work(session):
        raise RuntimeError("Mohamed Kamara 076 123 456")  # what a crash might carry

    with caplog.at_level(logging.ERROR):
        operations.read_in_background(parent, context, work, lambda value: None)
        qtbot.waitUntil(lambda: bool(messages))
    kind, _title, text = messages[0]
    assert kind == "critical"
    assert "RuntimeError" in text and "Kamara" not in text and "076" not in text
    assert any(r.levelno == logging.ERROR for r in caplog.records)


def test_a_user_error_off_the_ui_thread_is_shown_as_is(qtbot, context, parent, messages):
    def work(session):
        raise UserError("The file is not a spreadsheet.")

    operations.read_in_background(parent, context, work, lambda value: None)
    qtbot.waitUntil(lambda: bool(messages))
    assert messages == [("warning", "MWP Desktop", "The file is not a spreadsheet.")]


def test_waiting_for_a_document_keeps_the_window_live_and_returns_its_value(qtbot):
    assert operations.run_with_progress(None, "Quick", lambda progress: "done") == "done"
    with pytest.raises(UserError):
        operations.run_with_progress(None, "Refused", _refuse)


def _refuse(progress):
    raise UserError("Nobody is enrolled in this group yet.")


def test_the_default_actor_is_the_system_only_outside_the_window(db):
    assert AppContext(db=db).actor is SYSTEM
