"""Window lifecycle: login (or first-run wizard) -> main window -> log out -> login again.

Also applies a language switch by rebuilding the main window on the same session, so no
saved data is touched and the user stays on the same module.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from ui import settings as opts
from ui.login_window import LoginWindow
from ui.startup import BackendLoader

log = logging.getLogger(__name__)


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

    def start(self) -> None:
        self._show_login()
        self.loader.backend_ready.connect(self._backend_ready)
        self.loader.backend_failed.connect(self._backend_failed)
        self.loader.start()

    def _show_login(self) -> None:
        self.login = LoginWindow(demo=self.demo, username=opts.get(opts.LAST_USERNAME))
        self.login.logged_in.connect(self._logged_in)
        self.login.setup_needed.connect(self._run_setup)
        if self.backend is not None:
            self.login.on_backend_ready(self.backend)
        self.login.show()

    def _backend_ready(self, backend) -> None:
        self.backend = backend
        if backend.backup_path:
            log.info("database upgraded; backup at %s", backend.backup_path)
        if self.login is not None:
            self.login.on_backend_ready(backend)

    def _backend_failed(self, exc) -> None:
        if self.login is not None:
            self.login.on_backend_failed(exc)

    def _run_setup(self, backend) -> None:
        from ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(backend.database)
        self.wizard.setup_done.connect(self._setup_done)
        if self.login is not None:
            self.login.hide()
        self.wizard.show()

    def _setup_done(self, actor) -> None:
        from app.services.store import get_store

        self.backend.needs_setup = False
        self.backend.store = get_store(self.backend.database.uow())
        self.wizard = None
        self._logged_in(actor, self.backend)

    def _logged_in(self, actor, backend) -> None:
        from ui.context import AppContext

        opts.set(opts.LAST_USERNAME, actor.username)
        self.ctx = AppContext(backend.database, actor, backend.store)
        self._open_main()
        if self.login is not None:
            self.login.close()
            self.login.deleteLater()
            self.login = None

    def _open_main(self, module: str | None = None) -> None:
        from ui.main_window import MainWindow

        self.main_window = MainWindow(self.ctx, initial_module=module)
        self.main_window.logout_requested.connect(self._logout)
        self.main_window.language_changed.connect(self._change_language)
        self.main_window.show()

    def _logout(self) -> None:
        self.ctx = None
        self._show_login()  # before closing: Qt quits when the last window closes
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None

    def _change_language(self, lang: str) -> None:
        from ui.i18n import choose_language, install_translators

        install_translators(choose_language(None, lang))
        if self.main_window is None:
            return
        old = self.main_window
        module = old.current_module()
        self._open_main(module)
        old.close()
        old.deleteLater()

    def shutdown(self) -> None:
        from ui.workers import wait_for_idle

        wait_for_idle(5_000)
        self.loader.wait(5)
        if self.backend is not None:
            self.backend.database.dispose()
