"""First `--demo` start (issue #17, speed: "27.7 s with no progress shown"): while the demo
store is built, a progress dialog beside the login window names the step; it closes when
the demo accounts can log in."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog

from db.session import default_database_url
from tests.factories import isolated_data_dir  # noqa: F401
from ui.shell.shell import Shell

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_first_demo_start_shows_its_progress_until_the_login_works(qtbot):
    shell = Shell(demo=True, url_resolver=lambda: default_database_url(demo=True))
    shell.start()
    try:
        qtbot.addWidget(shell.login)
        assert shell.login.isVisible()  # the login window is up at once, before the build
        qtbot.waitUntil(lambda: bool(_progress_dialogs()), timeout=60_000)
        dialog = _progress_dialogs()[0]
        assert dialog.labelText() and dialog.maximum() == 9
        qtbot.waitUntil(lambda: shell.backend is not None, timeout=600_000)
        qtbot.waitUntil(lambda: not _progress_dialogs(), timeout=5_000)
        assert {u[0] for u in shell.backend.demo_users} >= {"admin", "lin.xiaoyu"}
    finally:
        shell.loader.wait(600)
        shell.shutdown()
