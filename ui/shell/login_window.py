"""The login window: the first thing on screen, shown before the back end has loaded.

It imports only Qt and light modules; the login itself (argon2 + SQL, and the audit row or
lock-out count it writes) runs through the one operation path (ui/shell/ops.Op, issue #16.1).
In demo mode it lists the demo users and passwords so a new user can get in at once. A long
database path is cut in the middle, the whole of it in the tooltip (issue #17.7).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


def error_text(exc) -> str:
    """The error tables load only when a login or start-up fails: the first window must open
    nearly as fast as a bare one (issue #17 speed)."""
    from ui.shell.errors import error_text as text

    return text(exc)


class ElidedLabel(QLabel):
    """One line that cuts its text in the middle (…) to fit, the whole text in the tooltip:
    the start (drive, folder) and the end (file name) of a path say the most."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setMinimumWidth(1)  # let the layout shrink it; the text adapts
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        if not self.full_text:  # nothing to cut (the window is built with an empty path)
            QLabel.setText(self, "")
            return
        from PySide6.QtCore import Qt

        width = max(self.width(), 40)
        QLabel.setText(self, QFontMetrics(self.font()).elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, width))


class LoginWindow(QWidget):
    logged_in = Signal(object, object)  # (Actor, Backend)
    setup_needed = Signal(object)  # Backend

    def __init__(self, *, demo: bool = False, username: str = "") -> None:
        super().__init__()
        self.setObjectName("login_window")
        self.backend = None
        self._pending = False
        self._demo = demo
        self.setWindowTitle(self.tr("Showroom — Log in"))
        self.setMinimumWidth(420)

        title, subtitle = self._titles()
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setObjectName("error_login")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.status = QLabel(self.tr("Preparing the database…"))
        self.status.setObjectName("status")
        self.status.setStyleSheet("color: #666;")
        self.status.setWordWrap(True)
        self.database_label = ElidedLabel()
        self.database_label.setObjectName("database_path")
        self.database_label.setStyleSheet("color: #666;")
        self.database_label.setVisible(False)
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("login_button")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)

        form = QFormLayout()
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.error)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.store_label)
        layout.addLayout(form)
        layout.addWidget(self.login_button)
        layout.addWidget(self.status)
        layout.addWidget(self.database_label)
        self._add_notices(layout)
        (self.password if username else self.username).setFocus()

    def _titles(self) -> tuple[QLabel, QLabel]:
        title = QLabel(self.tr("Showroom"))
        f = QFont(title.font())
        f.setPointSize(f.pointSize() + 8)
        f.setBold(True)
        title.setFont(f)
        subtitle = QLabel(self.tr("Showroom management for passenger-car dealers"))
        self.store_label = QLabel("")
        self.store_label.setObjectName("store_label")
        return title, subtitle

    def _add_notices(self, layout: QVBoxLayout) -> None:
        """The missing-font warning and, in demo mode, the demo logins; hidden until known."""
        self.font_warning = QLabel("")
        self.font_warning.setObjectName("font_warning")
        self.font_warning.setStyleSheet("color: #c62828; font-weight: bold;")
        self.font_warning.setWordWrap(True)
        self.font_warning.setVisible(False)
        layout.addWidget(self.font_warning)
        self.demo_box = QLabel("")
        self.demo_box.setObjectName("demo_users")
        self.demo_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.demo_box.setVisible(False)  # its text format is set when the demo logins are known
        layout.addWidget(self.demo_box)

    # -- back end -------------------------------------------------------------------------
    def on_backend_ready(self, backend) -> None:
        self.backend = backend
        self.status.setVisible(False)
        self.database_label.setText(self.tr("Database: %1").replace("%1", _where(backend.database)))
        self.database_label.setVisible(True)
        if backend.store is not None:
            self.store_label.setText(backend.store.legal_name)
        if backend.demo_users:
            self._show_demo_users(backend.demo_users)
        if backend.font_error is not None:
            self.font_warning.setText(error_text(backend.font_error))
            self.font_warning.setVisible(True)
        if backend.needs_setup:
            self.setup_needed.emit(backend)
            return
        if self._pending:
            self.submit()

    def on_backend_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The database could not be opened: %1").replace("%1", error_text(exc)))
        self.status.setVisible(True)
        self.status.setStyleSheet("color: #c62828;")
        self.login_button.setEnabled(False)

    def _show_demo_users(self, users) -> None:
        from PySide6.QtCore import Qt

        from ui.shell.labels import role_label

        self.demo_box.setTextFormat(Qt.TextFormat.RichText)
        self.demo_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        rows = "".join(
            f"<tr><td><b>{u}</b></td><td>{p}</td><td>{name}</td><td>{', '.join(role_label(r) for r in roles)}</td></tr>"
            for u, p, name, roles in users
        )
        self.demo_box.setText(
            "<p>" + self.tr("Demo store — log in as any of these users:") + "</p>"
            "<table cellspacing='6'><tr><th align='left'>"
            + self.tr("Username")
            + "</th><th align='left'>"
            + self.tr("Password")
            + "</th><th align='left'>"
            + self.tr("Name")
            + "</th><th align='left'>"
            + self.tr("Roles")
            + "</th></tr>"
            + rows
            + "</table>"
        )
        self.demo_box.setVisible(True)

    # -- login ----------------------------------------------------------------------------
    def submit(self) -> None:
        from ui.shell.ops import Op, is_busy  # not at import: the window paints first (issue #17)

        if is_busy(self):  # a second Enter while the first is checked
            return
        self.error.clear()
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.error.setText(self.tr("Enter your username and password."))
            return
        if self.backend is None:
            self._pending = True
            self.login_button.setEnabled(False)
            self.status.setText(self.tr("Preparing the database… you will be logged in as soon as it is ready."))
            return
        self._pending = False
        self.login_button.setEnabled(True)  # disabled while waiting for the back end
        backend = self.backend

        def work():
            from app.staff.auth import login

            return login(backend.database.uow(), username=username, password=password)

        # No session yet, so nothing to publish; Op keeps a second Enter from logging in twice.
        Op(None, self, work).busy(self.login_button, self.username, self.password).on_success(
            self._logged_in
        ).on_failure(self._failed).run()

    def _logged_in(self, actor) -> None:
        if actor.must_change_password:
            self._force_change(actor, self.password.text())
            return
        self.password.clear()
        self.logged_in.emit(actor, self.backend)

    def _force_change(self, actor, current: str) -> None:
        """After an administrator's reset (issue #9): a new password before anything else."""
        from ui.staff.password_dialogs import ChangePasswordDialog

        self.password.clear()
        dialog = ChangePasswordDialog(self.backend.database, actor, forced=True, parent=self)
        dialog.current.setText(current)
        dialog.new.setFocus()
        dialog.password_changed.connect(lambda a: self.logged_in.emit(a, self.backend))
        dialog.rejected.connect(lambda: self.error.setText(self.tr("Choose a new password to log in.")))
        self.change_dialog = dialog
        dialog.open()

    def _failed(self, exc: BaseException) -> None:
        self.password.selectAll()
        self.password.setFocus()
        self.error.setText(error_text(exc))


def _where(database) -> str:
    """The database as a person reads it: a SQLite file's path as typed (a Chinese folder name
    stays Chinese, not %E9%97…), otherwise the URL without its password."""
    from db.session import sqlite_path

    path = sqlite_path(database.url)
    return str(path) if path is not None else database.display_url
