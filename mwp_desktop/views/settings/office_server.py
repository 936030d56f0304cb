"""Settings page: connect to a shared office database on PostgreSQL, with a connection test.

It shows no records, so it follows no changes: what it shows is kept in a file beside the
database (which server to open at the next start)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError, ValidationError
from ...paths import saved_office_server
from ...services.admin import office_server
from ...services.permissions import allowed
from ..shared.context import AppContext

TITLE = "Office server"


def visible(context: AppContext) -> bool:
    return allowed(context.actor, "settings")


class OfficeServerPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        intro = QLabel(
            "An office with several PCs can keep one shared database on a PostgreSQL server. "
            "Type its details, test the connection, then use it from the next start. "
            f"In use now: {context.db.describe()}."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form_box = QWidget()
        form_box.setMaximumWidth(640)  # an address, not an essay: keep the fields short
        form = QFormLayout(form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.host = QLineEdit()
        self.host.setPlaceholderText("e.g. office-server or 192.168.1.10")
        self.port = QLineEdit("5432")
        self.database = QLineEdit("mwp")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Password:", self.password)
        layout.addWidget(form_box)
        row = QHBoxLayout()
        self.test_button = QPushButton("&Test the connection")
        self.test_button.clicked.connect(self.test_connection)
        self.use_button = QPushButton("&Use this server from the next start")
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.use_server)
        self.local_button = QPushButton("Use the &file on this PC again")
        self.local_button.clicked.connect(self.use_local)
        for button in (self.test_button, self.use_button, self.local_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._tested_url: str | None = None
        self.refresh()

    def refresh(self) -> None:
        """Read again whether a server is chosen for the next start."""
        self.local_button.setEnabled(saved_office_server() is not None)

    def _url(self) -> str:
        return office_server.server_url(
            self.host.text(),
            self.port.text(),
            self.database.text(),
            self.user.text(),
            self.password.text(),
        )

    def test_connection(self) -> bool:
        self.use_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            url = self._url()
            check = office_server.check_server(url)
        except ValidationError as exc:
            self.result.setText("\n".join(f"{k}: {v}" for k, v in exc.fields.items()))
            return False
        except UserError as exc:
            self.result.setText(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._tested_url = url
        self.result.setText(check.describe())
        self.use_button.setEnabled(True)
        return True

    def use_server(self) -> None:
        if self._tested_url is None:
            return
        office_server.save_office_server(self._tested_url)
        self.local_button.setEnabled(True)
        self.result.setText(
            self.result.text() + "\nSaved: the program opens this server from its next start."
        )

    def use_local(self) -> None:
        office_server.forget_office_server()
        self.local_button.setEnabled(False)
        self.result.setText("The program opens the database file on this PC from its next start.")


def create_page(context: AppContext) -> QWidget:
    return OfficeServerPage(context)
