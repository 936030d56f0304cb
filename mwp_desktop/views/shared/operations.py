"""Operations: the one way the window reads and changes data.

Every change the window makes goes through `change` (or `change_in_background` for long work):
it opens one session, calls the service as the signed-in user, commits (or rolls back), shows a
refusal (`UserError`) as one plain message where the user is, and then announces which kinds of
records changed on the application-wide `change_bus()`. Panels, tabs and the status bar listen
to that signal (see `panel.py`) instead of being refreshed by whoever made the change, so a
change made anywhere is seen everywhere. anki's `CollectionOp` taught the shape.

Reads go through `read` (short, on the UI thread) or `read_in_background` (slow figures). Work off
the UI thread runs on one thread pool; where a newer request makes an older one moot (a search, a
filter, a refresh) the caller names a `key` and only the newest answer for that key is delivered.
Long work can report progress and be cancelled: it gets a `progress(done, total) -> bool`
callback that answers False once the user pressed Cancel.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import QWidget

from ...errors import UserError, ValidationError

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy.orm import Session

    from ...models.database import Database
    from ...services.actor import Actor
    from .context import AppContext

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int], bool]  # (done, total) -> go on? False once cancelled
PROGRESS_AFTER_MS = 400  # short work finishes before a progress dialog would flash up


class Changed(enum.Flag):
    """Kinds of records a change touched; listeners say which kinds they show."""

    GROUPS = enum.auto()
    PARTICIPANTS = enum.auto()
    MEMBERSHIPS = enum.auto()  # who is in which group
    MEETINGS = enum.auto()  # schedules: planned, moved, cancelled, held
    ATTENDANCE = enum.auto()  # marks
    CERTIFICATES = enum.auto()
    COMMUNITIES = enum.auto()
    FACILITATORS = enum.auto()
    CURRICULA = enum.auto()
    CLOSED_DAYS = enum.auto()
    SETTINGS = enum.auto()
    USERS = enum.auto()
    AUDIT = enum.auto()  # only the audit trail: an export, a print, a sign-in
    SURVEYS = enum.auto()  # attitude survey rounds, consent and answers
    CONCERNS = enum.auto()  # safeguarding concerns and the referral directory
    WOMEN_FEEDBACK = enum.auto()  # themes raised at women's dialogue sessions
    COMMITMENTS = enum.auto()  # men's commitments and their check-ins
    EVERYTHING = (
        GROUPS
        | PARTICIPANTS
        | MEMBERSHIPS
        | MEETINGS
        | ATTENDANCE
        | CERTIFICATES
        | COMMUNITIES
        | FACILITATORS
        | CURRICULA
        | CLOSED_DAYS
        | SETTINGS
        | USERS
        | AUDIT
        | SURVEYS
        | CONCERNS
        | WOMEN_FEEDBACK
        | COMMITMENTS
    )  # a restore, or another office database


class ChangeBus(QObject):
    """The application-wide announcement of changes: (kinds, initiator or None)."""

    changed = QtSignal(object, object)


_bus: ChangeBus | None = None


def change_bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus(QCoreApplication.instance())
    return _bus


def announce(changes: Changed, initiator: QObject | None = None) -> None:
    """Tell every listener which kinds of records changed (the initiator may skip its own)."""
    if changes:
        change_bus().changed.emit(changes, initiator)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a change came to: `ok` (and so true) with the service's value, or refused."""

    ok: bool
    value: T | None = None
    message: str = ""

    def __bool__(self) -> bool:
        return self.ok


def message_of(error: UserError) -> str:
    """A refusal in plain words; a form's field errors one per line."""
    if isinstance(error, ValidationError):
        return "\n".join(error.fields.values())
    return str(error)


def warn(parent: QWidget | None, title: str, error: UserError) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, message_of(error))


# -- on the UI thread -----------------------------------------------------------------------


def read(context: AppContext, work: Callable[[Session], T]) -> T:
    """A short read in one session. A refusal propagates (shown by the window's error hook)."""
    with context.db.session() as session:
        return work(session)


def change(
    parent: QWidget | None,
    context: AppContext,
    work: Callable[[Session, Actor], T],
    *,
    changes: Changed,
    title: str = "MWP Desktop",
    on_error: Callable[[UserError], None] | None = None,
    initiator: QObject | None = None,
) -> Outcome[T]:
    """Do one change as the signed-in user: all of it is saved, or none of it.

    A `UserError` is shown in a message over `parent` (or handed to `on_error`, for a form that
    shows reasons beside its fields) and nothing is announced. Once saved, `changes` is announced."""

    def in_one_session(db: Database, actor: Actor) -> T:
        with db.session() as session:
            return work(session, actor)

    return change_through(
        parent, context, in_one_session, changes=changes, title=title, on_error=on_error,
        initiator=initiator,
    )  # fmt: skip


def change_through(
    parent: QWidget | None,
    context: AppContext,
    work: Callable[[Database, Actor], T],
    *,
    changes: Changed,
    title: str = "MWP Desktop",
    on_error: Callable[[UserError], None] | None = None,
    initiator: QObject | None = None,
) -> Outcome[T]:
    """`change` for a service that keeps its own transactions (it is given the database): one
    that must translate a clash found at commit, or save in steps."""
    try:
        value = work(context.db, context.actor)
    except UserError as error:
        (on_error or (lambda e: warn(parent, title, e)))(error)
        return Outcome(False, message=message_of(error))
    announce(changes, initiator)
    return Outcome(True, value)


# -- off the UI thread ----------------------------------------------------------------------


class Cancelled(Exception):
    """The user pressed Cancel; work that checks `progress` may raise it to stop."""


class _Relay(QObject):
    """Carries a worker's answer to the UI thread (queued: emitted on the worker thread)."""

    finished = QtSignal(object, object)  # value, error (one of them is None)


def _run_job(func: Callable[[], object], relay: _Relay) -> None:
    try:
        value, error = func(), None
    except BaseException as exc:  # handed to the UI thread: a worker must not die silently
        value, error = None, exc
    with contextlib.suppress(RuntimeError):  # the owner was closed meanwhile
        relay.finished.emit(value, error)


_pool: ThreadPoolExecutor | None = None


def _thread_pool() -> ThreadPoolExecutor:
    """The window's worker threads: plain Python threads, so no Qt object's lifetime hangs on
    a Python wrapper while it runs (a QRunnable collected while running crashes the program).
    Python joins them before it shuts down: a thread left inside SQLite while the interpreter
    ends would crash the exit."""
    global _pool
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor

        # Two: a newer request need not wait for an older answer.
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mwp-operation")
    return _pool


class Task(QObject):
    """One piece of work off the UI thread: its progress, its Cancel, its answer."""

    def __init__(self, owner: QObject, key: str | None):
        super().__init__(owner)
        self.key = key
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._done = 0
        self._total = 0
        self.finished = False

    def progress(self, done: int, total: int) -> bool:
        """Called by the work, on its thread. False once the user has cancelled."""
        with self._lock:
            self._done, self._total = done, total
        return not self._cancel.is_set()

    def counts(self) -> tuple[int, int]:
        with self._lock:
            return self._done, self._total

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def _latest(owner: QObject | None) -> dict[str | None, Task]:
    owner = owner if owner is not None else QCoreApplication.instance()
    latest = getattr(owner, "_latest_tasks", None)
    if latest is None:
        latest = {}
        owner._latest_tasks = latest
    return latest


def busy(owner: QObject, key: str | None = None) -> bool:
    """True while the owner's newest request for `key` has not answered yet."""
    task = _latest(owner).get(key)
    return task is not None and not task.finished


def run_in_background(
    owner: QWidget | None,
    work: Callable[[Progress], T],
    on_done: Callable[[T], None],
    *,
    key: str | None = None,
    title: str = "MWP Desktop",
    progress_label: str | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    progress_after_ms: int = PROGRESS_AFTER_MS,
) -> Task:
    """Run `work(progress)` on a worker thread; `on_done(value)` then runs on the UI thread.

    With a `key`, a newer request with the same key makes this one moot: its answer is dropped.
    With a `progress_label`, a progress dialog with Cancel shows once the work takes longer than
    a moment, and closes itself when the work ends. A `UserError` is shown over the owner (or
    given to `on_error`); any other failure is logged and shown in plain words."""
    task = Task(owner if owner is not None else QCoreApplication.instance(), key)
    if key is not None:
        previous = _latest(owner).get(key)
        if previous is not None and not previous.finished:
            previous.cancel()  # its work may stop early; its answer is dropped anyway
    _latest(owner)[key] = task
    dialog = None
    if progress_label:
        parent = owner if isinstance(owner, QWidget) else None
        from .progress_dialog import ProgressDialog

        dialog = ProgressDialog(parent, title, progress_label, task, progress_after_ms)

    def finished(value: object, error: BaseException | None) -> None:
        task.finished = True
        task.deleteLater()  # its answer is handled now, or dropped
        if dialog is not None:
            dialog.close_when_done()
        if key is not None and _latest(owner).get(key) is not task:
            return  # overtaken by a newer request
        if task.cancelled or isinstance(error, Cancelled):
            if on_cancelled is not None:
                on_cancelled()
        elif error is None:
            on_done(value)
        elif on_error is not None:
            on_error(error)
        elif isinstance(error, UserError):
            warn(owner, title, error)
        else:
            _show_failure(owner, title, error)

    relay = _Relay(task)
    relay.finished.connect(finished, Qt.QueuedConnection)
    _thread_pool().submit(_run_job, lambda: work(task.progress), relay)
    return task


def read_in_background(
    owner: QWidget,
    context: AppContext,
    work: Callable[[Session], T],
    on_done: Callable[[T], None],
    *,
    key: str | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """A slow read (figures over a large table) in its own session, off the UI thread."""
    db = context.db

    def job(_progress: Progress) -> T:
        with db.session() as session:
            return work(session)

    return run_in_background(owner, job, on_done, key=key, on_error=on_error)


def change_in_background(
    owner: QWidget,
    context: AppContext,
    work: Callable[[Session, Actor, Progress], T],
    on_done: Callable[[T], None],
    *,
    changes: Changed,
    title: str = "MWP Desktop",
    progress_label: str | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    progress_after_ms: int = PROGRESS_AFTER_MS,
) -> Task:
    """A long change (an import) off the UI thread, with progress and Cancel. Cancelling rolls
    the whole change back; once saved, `changes` is announced before `on_done` runs."""
    db, actor = context.db, context.actor

    def job(progress: Progress) -> T:
        last = [0, 0]

        def counted(done: int, total: int) -> bool:
            last[:] = done, total
            return progress(done, total)

        with db.session() as session:
            value = work(session, actor, counted)
            if not progress(*last):
                raise Cancelled()  # cancelled at the very end: still before the commit
            return value

    def done(value: T) -> None:
        announce(changes, owner)
        on_done(value)

    return run_in_background(
        owner, job, done, title=title, progress_label=progress_label,
        on_error=on_error, on_cancelled=on_cancelled, progress_after_ms=progress_after_ms,
    )  # fmt: skip


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[Progress], T],
    *,
    title: str = "Preparing the document",
    progress_after_ms: int = PROGRESS_AFTER_MS,
) -> T:
    """Run `work(progress)` off the UI thread and wait for it while the window stays live (a
    document the user asked for and will see next). Raises `Cancelled` when the user cancels,
    and the work's own exception if it failed."""
    answer: dict[str, Any] = {}
    loop = QEventLoop()

    def keep(key: str):
        def store(value) -> None:
            answer[key] = value
            loop.quit()

        return store

    task = run_in_background(
        parent, work, keep("value"), title=title, progress_label=label,
        on_error=keep("error"), on_cancelled=lambda: keep("cancelled")(True),
        progress_after_ms=progress_after_ms,
    )  # fmt: skip
    if not task.finished:
        loop.exec()
    if "error" in answer:
        raise answer["error"]
    if "cancelled" in answer:
        raise Cancelled()
    return answer["value"]


def _show_failure(parent: QWidget | None, title: str, error: BaseException) -> None:
    # The type only: an exception's text can carry what was typed (a name, a phone number).
    from PySide6.QtWidgets import QMessageBox

    log.error("Background work failed", exc_info=(type(error), error, error.__traceback__))
    QMessageBox.critical(
        parent,
        title,
        "Something went wrong and this action did not finish. Nothing already saved was lost.\n"
        f"The details are in the log file in the data folder ({type(error).__name__}).",
    )
