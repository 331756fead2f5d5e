"""Idle lock of a shared terminal (issue #9 item 5): covers every window, needs the same
user's password, keeps what was typed in open forms, and is audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy import select

from app.staff import auth
from db.audit_models import AuditEvent
from db.models import Role
from tests.factories import PASSWORD, make_store, make_user
from ui.shell import settings as opts
from ui.shell.lock import LockDialog, SessionLock


@pytest.fixture()
def session(qtbot, uow, database, sync_ops):
    make_store(uow)
    actor = make_user(uow, Role.RECEPTION, username="lin", full_name="林晓雨")
    window = QWidget()
    window.setObjectName("main")
    window.resize(600, 400)
    form = QLineEdit(window)
    form.setObjectName("half_typed")
    qtbot.addWidget(window)
    window.show()
    lock = SessionLock(database, actor, minutes=0.001)  # 60 ms: the test need not wait
    yield lock, window, form, actor
    lock.stop()


def test_idle_terminal_locks_and_unlocks_without_losing_input(qtbot, session, uow):
    lock, window, form, actor = session
    form.setText("王先生 139 0000")
    lock.start()
    qtbot.waitUntil(
        lambda: lock.locked, timeout=15_000
    )  # the password check is argon2 on a pool thread: slow on a loaded PC
    dialog = lock.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    cover = window.findChild(QWidget, "lock_cover")
    assert cover is not None and cover.isVisible() and cover.geometry() == window.rect()
    dialog.reject()  # Esc does nothing
    assert lock.locked
    qtbot.keyClicks(dialog.password, "wrong-password-1")
    dialog.submit()
    assert lock.locked and dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.submit()
    assert not lock.locked
    assert form.text() == "王先生 139 0000" and window.isVisible()
    qtbot.waitUntil(
        lambda: window.findChild(QWidget, "lock_cover") is None, timeout=15_000
    )  # the password check is argon2 on a pool thread: slow on a loaded PC
    with uow() as u:
        actions = [e.action for e in u.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == actor.user_id))]
    assert "session_unlocked" in actions and "login_failed" in actions


def test_another_users_password_does_not_unlock(qtbot, session, uow):
    lock, window, form, actor = session
    make_user(uow, Role.SALES_MANAGER, username="zhou", password="Other-2026")
    lock.lock()
    lock.dialog.password.setText("Other-2026")
    lock.dialog.submit()
    assert lock.locked


def test_logging_out_from_the_lock(qtbot, session):
    lock, window, form, actor = session
    lock.lock()
    with qtbot.waitSignal(lock.logout_requested):
        lock.dialog.logout_button.click()
    assert not lock.locked


def test_idle_time_setting_defaults_to_five_minutes_and_stays_in_range():
    assert opts.idle_lock_minutes() == 5
    opts.set(opts.IDLE_LOCK_MINUTES, 0)
    assert opts.idle_lock_minutes() == 1
    opts.set(opts.IDLE_LOCK_MINUTES, 500)
    assert opts.idle_lock_minutes() == 60


def test_the_shell_locks_attributes_and_audits_the_session(qtbot, uow, database, db_url, sync_ops):
    from ui.shell.shell import Shell
    from ui.shell.startup import load_backend

    make_store(uow)
    make_user(uow, Role.ADMIN, username="admin")
    backend = load_backend(db_url, demo=False)
    try:
        shell = Shell(demo=False, url_resolver=lambda: backend.url)
        actor = auth.login(backend.database.uow(), username="admin", password=PASSWORD)
        shell._logged_in(actor, backend)
        qtbot.addWidget(shell.main_window)
        assert backend.database.acting_user == (actor.user_id, "admin")
        assert shell.session_lock is not None and not shell.session_lock.locked
        shell._logout()
        assert backend.database.acting_user is None and shell.session_lock is None
        if shell.login is not None:
            qtbot.addWidget(shell.login)
        with backend.database.uow() as u:
            assert u.session.scalar(select(AuditEvent.actor_id).where(AuditEvent.action == "logout")) == actor.user_id
    finally:
        backend.database.dispose()


def test_the_idle_time_is_set_in_the_settings_dialog(qtbot):
    from ui.shell.settings_dialog import SettingsDialog

    d = SettingsDialog()
    qtbot.addWidget(d)
    assert d.idle_lock.value() == 5
    d.idle_lock.setValue(12)
    d.accept()
    assert opts.idle_lock_minutes() == 12


def test_a_window_opening_while_locked_is_covered_too(qtbot, session):
    lock, window, form, actor = session
    lock.lock()
    notice = QWidget()
    notice.setObjectName("notice")
    qtbot.addWidget(notice)
    notice.show()
    assert notice.findChild(QWidget, "lock_cover") is not None
    lock.dialog.password.setText(PASSWORD)
    lock.dialog.submit()
    qtbot.waitUntil(
        lambda: notice.findChild(QWidget, "lock_cover") is None, timeout=15_000
    )  # the password check is argon2 on a pool thread: slow on a loaded PC
