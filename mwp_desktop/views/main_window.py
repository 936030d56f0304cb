"""The main window: a navigation bar on the left, the chosen panel on the right, and a status
bar that says which database is open and how much it holds.

At start-up the window is shown before the database is opened (`MainWindow()` with no context):
opening it means loading SQLAlchemy and the record classes, most of a second on an old PC, and
the office should see the program's window at once rather than nothing. `attach` then gives it
the database and who signed in. Nothing here imports SQLAlchemy at module level, for that reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..paths import data_dir
from .panels import PANEL_KEYS, PANELS, panel_spec
from .shared import operations
from .shared.operations import Changed
from .shared.panel import follow_changes
from .style import app_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ..models.database import Database
    from .shared.context import AppContext

DEFAULT_SIZE = (1280, 760)
STATUS_COUNTS = Changed.GROUPS | Changed.PARTICIPANTS | Changed.MEETINGS | Changed.ATTENDANCE


def window_settings() -> QSettings:
    """Window state lives in the data folder beside the database, not in the registry."""
    return QSettings(str(data_dir() / "window.ini"), QSettings.IniFormat)


class MainWindow(QMainWindow):
    panel_changed = Signal(str)
    signed_in = Signal(object)  # the Actor who signed in after a sign-out

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: AppContext | None = None
        self.read_only = False
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self._panels: dict[str, QWidget] = {}
        # A panel built while the person signs in, and its context, whose actor is None until
        # `attach` (prepare_panel).
        self._prepared: tuple[str, AppContext] | None = None

        self.nav = QListWidget(objectName="NavBar")
        self.nav.setFocusPolicy(Qt.StrongFocus)
        for index, spec in enumerate(PANELS, start=1):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.UserRole, spec.key)
            item.setToolTip(f"{spec.title} (Ctrl+{index})")
            self.nav.addItem(item)
        self.stack = QStackedWidget()

        nav_column = QWidget(objectName="NavColumn")
        nav_column.setFixedWidth(230)
        nav_column.setAttribute(Qt.WA_StyledBackground, True)
        nav_layout = QVBoxLayout(nav_column)
        nav_layout.setContentsMargins(0, 0, 0, 0)
        nav_layout.setSpacing(0)
        nav_layout.addWidget(QLabel("MWP Desktop", objectName="NavTitle"))
        subtitle = QLabel("Men and Women in Partnership", objectName="NavSubtitle")
        subtitle.setWordWrap(True)
        nav_layout.addWidget(subtitle)
        nav_layout.addWidget(self.nav, 1)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(nav_column)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.database_label = QLabel("Opening the database…")
        self.counts_label = QLabel()
        self.signed_in_label = QLabel()
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.signed_in_label)
        # The status bar is a listener like any panel: its counts follow every change.
        follow_changes(self.counts_label, STATUS_COUNTS, self._counts_changed)

        self._build_menus()
        self._restore_geometry()
        # Until a database is attached: the last panel's name highlighted, nothing to click.
        self.nav.setCurrentRow(PANEL_KEYS.index(self.last_panel()))
        self.nav.setEnabled(False)
        self.nav.currentRowChanged.connect(self._on_nav_row)
        if context is not None:
            self.attach(context)

    def show_waiting(self, message: str) -> None:
        """What the window waits for before a database is attached, in the status bar."""
        self.database_label.setText(message)

    def attach(self, context: AppContext, *, read_only: bool = False) -> None:
        """Give the window its open database and the person signed in; panels can then open.

        `read_only`: another copy of the program has the database open (services/admin/
        instance_lock.py), so this one only looks and prints."""
        from ..services.actor import SYSTEM
        from ..services.permissions import ROLE_TITLES

        self.context = context
        self.read_only = read_only
        title = f"{APP_NAME} — {context.db.describe()}"
        self.setWindowTitle(title + (" (read-only)" if read_only else ""))
        actor = context.actor
        who = f"Signed in: {actor.username} ({ROLE_TITLES.get(actor.role, actor.role)})"
        self.signed_in_label.setText("" if actor == SYSTEM else who)
        if read_only:
            self.signed_in_label.setText(self.signed_in_label.text() + " · read-only")
        for action in self._needs_database:
            action.setEnabled(True)
        self.nav.setEnabled(True)
        self.refresh_status()
        self._sign_in_prepared(context)

    def prepare_panel(self, key: str, db: Database) -> None:
        """While the person signs in (the database open, nobody signed in yet): load the panel's
        code and, if it can be (PanelSpec.built_before_sign_in), build it, lay it out and paint
        it behind the sign-in dialog, empty and disabled, from a context without an actor, so
        that signing in leaves only the password check, its reads and a repaint. It reads
        nothing, and so holds nothing of anyone's, until `attach` gives it the person."""
        from .shared.context import AppContext

        spec = panel_spec(key)
        module = spec.module()
        # What a panel can load with no one signed in (the Dashboard's chart library), on a
        # worker thread, while the password is typed.
        load_before_sign_in = getattr(module, "load_before_sign_in", None)
        if load_before_sign_in is not None:
            load_before_sign_in()
        create_panel = module.create_panel
        if not spec.built_before_sign_in or self.context is not None or self._panels:
            return
        waiting = AppContext(db=db, actor=None)
        widget = create_panel(waiting)
        widget.setObjectName(f"panel-{key}")
        widget.setEnabled(False)
        self._panels[key] = widget
        self._prepared = (key, waiting)
        self.stack.addWidget(widget)

    def _sign_in_prepared(self, context: AppContext) -> None:
        """The panel built during the sign-in is now the signed-in person's: it reads what it
        shows. Built on another database (the welcome's demo), it is dropped."""
        if self._prepared is None:
            return
        (key, waiting), self._prepared = self._prepared, None
        widget = self._panels[key]
        if waiting.db is not context.db:
            del self._panels[key]
            self.stack.removeWidget(widget)
            widget.deleteLater()
            return
        waiting.actor = context.actor
        widget.setEnabled(True)
        widget.refresh()
        if self.current_panel_key() == key:
            self.panel_changed.emit(key)

    # -- signing out ------------------------------------------------------------------------

    def sign_out(self) -> None:
        """File → Sign out: forget everything shown, then ask who is next. The next person
        may have another role, so the panels are built again for them. Cancel quits."""
        from ..services.admin.users import record_sign_out
        from .login import LoginDialog
        from .shared.context import AppContext

        if self.context is None:
            return
        db = self.context.db
        if not self.read_only:
            operations.change(self, self.context, record_sign_out, changes=Changed.AUDIT)
        self._forget_what_was_shown()
        self.show_waiting(f"Signed out. Sign in to open {db.describe()}.")
        login = LoginDialog(db, self)
        accepted = login.exec() == LoginDialog.Accepted
        login.deleteLater()
        if not accepted:
            self.close()
            return
        self.attach(AppContext(db=db, actor=login.actor), read_only=self.read_only)
        self.signed_in.emit(login.actor)
        self.show_panel(PANEL_KEYS[0])

    def _forget_what_was_shown(self) -> None:
        """Every panel, and every window the panels opened, is deleted: nothing typed, chosen
        or read by the last person stays in memory for the next."""
        self.context = None
        self._prepared = None
        for action in self._needs_database:
            action.setEnabled(False)
        self.nav.setEnabled(False)
        for widget in self.findChildren(QDialog):
            widget.close()
            widget.deleteLater()
        for widget in self._panels.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._panels.clear()
        self.setWindowTitle(APP_NAME)
        self.counts_label.clear()
        self.signed_in_label.clear()

    # -- navigation -------------------------------------------------------------------------

    def show_panel(self, key: str) -> QWidget:
        """Switch to a panel by key (groups, participants, …), building it on first use."""
        if self.context is None:
            raise RuntimeError("a panel needs a database: attach one first")
        row = PANEL_KEYS.index(key)
        if self.nav.currentRow() == row and key not in self._panels:
            self._on_nav_row(row)  # the list starts on row 0 without telling us
        self.nav.setCurrentRow(row)
        return self._panels[key]

    def current_panel_key(self) -> str:
        return PANEL_KEYS[max(self.nav.currentRow(), 0)]

    def panel(self, key: str) -> QWidget | None:
        return self._panels.get(key)

    def _on_nav_row(self, row: int) -> None:
        if row < 0 or self.context is None:
            return
        key = PANEL_KEYS[row]
        widget = self._panels.get(key)
        if widget is None:
            widget = panel_spec(key).factory()(self.context)
            widget.setObjectName(f"panel-{key}")
            self._panels[key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.panel_changed.emit(key)

    # -- menus and shortcuts ----------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        # Office PCs are shared: the next person signs in without quitting the program.
        self.sign_out_action = QAction("Sign &out…", self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.sign_out_action.setToolTip("Sign out, and let someone else sign in")
        self.sign_out_action.triggered.connect(self.sign_out)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        quit_action = QAction("E&xit", self, shortcut=QKeySequence.Quit)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        # Panels, refresh and About all read the database: enabled by `attach`.
        self._needs_database: list[QAction] = [self.sign_out_action]
        view_menu = self.menuBar().addMenu("&View")
        for index, spec in enumerate(PANELS, start=1):
            action = QAction(spec.title.replace("&", "&&"), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_panel(key))
            view_menu.addAction(action)
            self._needs_database.append(action)
        view_menu.addSeparator()
        refresh = QAction("&Refresh", self, shortcut=QKeySequence("F5"))
        refresh.triggered.connect(self.refresh)
        view_menu.addAction(refresh)
        self._needs_database.append(refresh)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self, shortcut=QKeySequence("F1"))
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self._needs_database.append(about)
        for action in self._needs_database:
            action.setEnabled(False)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, f"About {APP_NAME}", about_text(self.context))

    # -- status -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: read the counts again, and the current panel (every panel is a `Panel`)."""
        self.refresh_status()
        panel = self.stack.currentWidget()
        if panel is not None:
            panel.refresh()

    def _counts_changed(self) -> None:
        if self.context is not None:
            self.refresh_status()

    def refresh_status(self) -> None:
        from ..services.statistics.overview import database_counts

        self.database_label.setText(f"Database: {self.context.db.describe()}")
        self.counts_label.setText(operations.read(self.context, database_counts).describe())

    # -- geometry ---------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = window_settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        screen = QApplication.primaryScreen()
        width, height = DEFAULT_SIZE
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width())
            height = min(height, available.height())
        self.resize(width, height)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = window_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        if self.context is not None:  # closed at sign-in: no panel was chosen
            settings.setValue("main/panel", self.current_panel_key())
        settings.sync()
        super().closeEvent(event)

    def last_panel(self) -> str:
        key = window_settings().value("main/panel", "groups")
        return key if key in PANEL_KEYS else "groups"


def about_text(context: AppContext) -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Records for the <b>Men and Women in Partnership</b> program: groups, participants, "
        "session schedules, attendance, certificates and participation figures.</p>"
        f"<p>Database: {context.db.describe()}<br>Data folder: {data_dir()}</p>"
        "<p>Made for the Lady Ellen Women's Aid Foundation (LEWAF), Sierra Leone, "
        "and organisations like it.</p>"
    )
