"""Fixtures for the UI tests: isolated QSettings, synchronous workers, an AppContext per role."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from db.models import Role
from tests.factories import make_user
from ui.shell import workers
from ui.shell.context import AppContext


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory):
    """Pages save header state and geometry: keep that out of the developer's real settings."""
    path = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(path))
    yield path


@pytest.fixture(autouse=True)
def background_work_done_after_each_test():
    """A window closed at the end of a test may still have a read or an audited write on the
    pool; on PostgreSQL it would hold its locks into the next test's TRUNCATE (a deadlock).
    The app itself waits the same way at logout and shutdown (ui/shell/shell.py)."""
    yield
    workers.wait_for_idle()
    # A message box a test left open (a child of a closed dialog is still a window of its own)
    # would be found by the next test's search for "the visible box", in this one's language.
    app = QApplication.instance()
    if app is not None:
        for w in QApplication.topLevelWidgets():
            if w.isVisible():
                w.close()


@pytest.fixture()
def sync_ops():
    """run_op runs inline (Picard's FakeThreadPool): results arrive before the call returns."""
    workers.use_synchronous_executor(True)
    yield
    workers.use_synchronous_executor(False)


@pytest.fixture()
def make_ctx(database, uow):
    """make_ctx(Role.CONSULTANT, ...) -> an AppContext logged in as a new user with those roles."""

    def make(*roles: Role, **kw) -> AppContext:
        return AppContext(database, make_user(uow, *roles, **kw))

    return make


@pytest.fixture()
def ctx(make_ctx) -> AppContext:
    """A sales manager: may edit, import, export and override a VIN check digit."""
    return make_ctx(Role.SALES_MANAGER, full_name="王经理")
