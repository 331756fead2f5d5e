"""Window lifecycle: login (or first-run wizard) -> main window -> log out -> login again.

Also applies a language switch by rebuilding the main window on the same session, so no
saved data is touched and the user stays on the same module.

Issue #9: while a user is logged in, the database attributes audit events to them
(`Database.acting_user`), an idle lock (ui/shell/lock.py) covers the windows after the configured
idle time, and logging out is written to the audit log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ui.shell import settings as opts
from ui.shell.login_window import LoginWindow
from ui.shell.startup import BackendLoader

log = logging.getLogger(__name__)
LOADER_DELAY_MS = 30


class Shell(QObject):
    def __init__(self, *, demo: bool, url_resolver) -> None:
        super().__init__()
        self.demo = demo
        self.loader = BackendLoader(url_resolver, demo)
        self.backend = None
        self.login: LoginWindow | None = None
        self.wizard = None
        self.main_window = None
        self.ctx = None
        self.session_lock = None

    def start(self) -> None:
        self._show_login()
        self.loader.backend_ready.connect(self._backend_ready)
        self.loader.backend_failed.connect(self._backend_failed)
        # The back end's imports hold the GIL for a second: let the login window paint first
        # (bench/run.py measures the first window against a bare Qt start, issue #10).
        QTimer.singleShot(LOADER_DELAY_MS, self.loader.start)

    def _show_login(self) -> None:
        self.login = LoginWindow(demo=self.demo, username=opts.get(opts.LAST_USERNAME))
        self.login.logged_in.connect(self._logged_in)
        self.login.setup_needed.connect(self._run_setup)
        if self.backend is not None:
            self.login.on_backend_ready(self.backend)
        self.login.show()

    def _backend_ready(self, backend) -> None:
        self.backend = backend
        self._start_month_end(backend.database)
        if backend.backup_path:
            log.info("database upgraded; backup at %s", backend.backup_path)
        if self.login is not None:
            self.login.on_backend_ready(backend)

    def _start_month_end(self, database) -> None:
        """Issue #17.14: month-end lead snapshots now and after each month end, off the UI thread."""
        from ui.reception.month_end import MonthEndSnapshots

        self.month_end = MonthEndSnapshots(database, self)
        self.month_end.start()

    def _backend_failed(self, exc) -> None:
        if self.login is not None:
            self.login.on_backend_failed(exc)

    def _run_setup(self, backend) -> None:
        from ui.shell.setup_wizard import SetupWizard

        self.wizard = SetupWizard(backend.database)
        self.wizard.setup_done.connect(self._setup_done)
        if self.login is not None:
            self.login.hide()
        self.wizard.show()

    def _setup_done(self, actor) -> None:
        from app.store.store import get_store

        self.backend.needs_setup = False
        self.backend.store = get_store(self.backend.database.uow())
        self.wizard = None
        self._logged_in(actor, self.backend)

    def _logged_in(self, actor, backend) -> None:
        from ui.shell.context import AppContext

        opts.set(opts.LAST_USERNAME, actor.username)
        backend.database.acting_user = (actor.user_id, actor.username)
        self.ctx = AppContext(backend.database, actor, backend.store)
        self._open_main()
        self._start_lock()
        if self.login is not None:
            self.login.close()
            self.login.deleteLater()
            self.login = None

    def _open_main(self, module: str | None = None) -> None:
        from ui.shell.main_window import MainWindow

        self.main_window = MainWindow(self.ctx, initial_module=module)
        self._add_password_action(self.main_window)
        self.main_window.logout_requested.connect(self._logout)
        self.main_window.language_changed.connect(self._change_language)
        self.main_window.show()

    def _add_password_action(self, window) -> None:
        """File > Change my password…, before Log out (issue #9: users change their own)."""
        from PySide6.QtGui import QAction

        menu = window.menuBar().actions()[0].menu() if window.menuBar().actions() else None
        if menu is None:
            return
        action = QAction(self.tr("Change my &password…"), window)
        action.setObjectName("change_password")
        action.triggered.connect(self._change_password)
        actions = menu.actions()
        menu.insertAction(actions[1] if len(actions) > 1 else None, action)

    def _change_password(self) -> None:
        from ui.staff.password_dialogs import ChangePasswordDialog

        if self.ctx is None or self.main_window is None:
            return
        dialog = ChangePasswordDialog(self.ctx.database, self.ctx.actor, parent=self.main_window)
        dialog.open()

    def _start_lock(self) -> None:
        from ui.shell.lock import SessionLock

        self._stop_lock()
        self.session_lock = SessionLock(self.ctx.database, self.ctx.actor, opts.idle_lock_minutes(), self)
        self.session_lock.logout_requested.connect(self._logout)
        self.session_lock.start()

    def _stop_lock(self) -> None:
        if self.session_lock is not None:
            self.session_lock.stop()
            self.session_lock.deleteLater()
            self.session_lock = None

    def _logout(self) -> None:
        self._stop_lock()
        if self.ctx is not None:
            database, actor = self.ctx.database, self.ctx.actor
            database.acting_user = None

            _audit_logout(database, actor)
        self.ctx = None
        self._show_login()  # before closing: Qt quits when the last window closes
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None

    def _change_language(self, lang: str) -> None:
        from ui.shell.i18n import choose_language, install_translators

        install_translators(choose_language(None, lang))
        if self.main_window is None:
            return
        old = self.main_window
        module = old.current_module()
        self._open_main(module)
        old.close()
        old.deleteLater()

    def shutdown(self) -> None:
        from ui.shell.workers import wait_for_idle

        self._stop_lock()
        if self.ctx is not None:  # the window was closed: the session ends too
            _audit_logout(self.ctx.database, self.ctx.actor)
        wait_for_idle(5_000)  # the logout's audit row included
        self.loader.wait(5)
        if self.backend is not None:
            self.backend.database.dispose()


def _audit_logout(database, actor) -> None:
    """Record the end of a session (issue #9) once its windows are gone: the documented
    exception to Op (ui/shell/ops.write_after_session)."""
    from ui.shell.ops import write_after_session

    def work():
        from app.staff.auth import logout

        logout(database.uow(), actor=actor)

    write_after_session(work, "logout")
