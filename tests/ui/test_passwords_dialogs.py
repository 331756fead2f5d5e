"""Password dialogs (issue #9 item 5): an administrator's reset from the staff page, and the
forced change at the next login before the main window opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.staff import auth
from db.models import Role
from tests.factories import PASSWORD, make_store, make_user
from ui.shell.context import AppContext
from ui.shell.login_window import LoginWindow
from ui.staff.staff_page import StaffPage
from ui.shell.startup import load_backend


@pytest.fixture()
def backend(db_url, uow, sync_ops):
    make_store(uow)
    b = load_backend(db_url, demo=False)
    yield b
    b.database.dispose()


def test_admin_resets_a_password_and_the_user_must_change_it_at_login(qtbot, backend, uow):
    from ui.staff.password_dialogs import ResetPasswordDialog

    admin = make_user(uow, Role.ADMIN, username="root")
    make_user(uow, Role.CONSULTANT, username="li", full_name="李娜")
    page = StaffPage(AppContext(backend.database, admin))
    qtbot.addWidget(page)
    row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data()
        and "李娜" in str([page.proxy.index(r, c).data() for c in range(page.proxy.columnCount())])
    )
    page.table.selectRow(row)
    assert page.reset_button.isEnabled() and page.reset_button.isVisibleTo(page)
    page.reset_password()
    dialog = page.findChild(ResetPasswordDialog)
    dialog.password.setText("Temp-2026")
    dialog.repeat.setText("Temp-2027")
    dialog.save()
    assert dialog.findChild(QLabel, "error_repeat_password").isVisible()
    dialog.password.setText("temporary")
    dialog.repeat.setText("temporary")
    dialog.save()
    assert "two kinds" in dialog.findChild(QLabel, "error_password").text()
    dialog.password.setText("Temp-2026")
    dialog.repeat.setText("Temp-2026")
    dialog.save()
    assert not dialog.isVisible()

    w = LoginWindow()
    qtbot.addWidget(w)
    w.on_backend_ready(backend)
    qtbot.keyClicks(w.username, "li")
    qtbot.keyClicks(w.password, "Temp-2026")
    emitted = []
    w.logged_in.connect(lambda a, b: emitted.append(a))
    qtbot.keyClick(w.password, Qt.Key.Key_Return)
    assert emitted == []  # not in yet: a new password first
    change = w.change_dialog
    assert change.isVisible() and change.current.text() == "Temp-2026"
    change.new.setText("Mine-2026")
    change.repeat.setText("Mine-2026")
    change.save()
    assert len(emitted) == 1 and not emitted[0].must_change_password
    assert auth.login(backend.database.uow(), username="li", password="Mine-2026")


def test_a_consultant_sees_no_reset_button(qtbot, backend, uow):
    manager = make_user(uow, Role.SALES_MANAGER)
    page = StaffPage(AppContext(backend.database, manager))
    qtbot.addWidget(page)
    assert not page.reset_button.isVisibleTo(page)


def test_cancelling_the_forced_change_does_not_log_in(qtbot, backend, uow):
    user = make_user(uow, Role.RECEPTION, username="lin", must_change_password=True)
    assert user.must_change_password
    w = LoginWindow()
    qtbot.addWidget(w)
    w.on_backend_ready(backend)
    qtbot.keyClicks(w.username, "lin")
    qtbot.keyClicks(w.password, PASSWORD)
    emitted = []
    w.logged_in.connect(lambda a, b: emitted.append(a))
    w.submit()
    w.change_dialog.reject()
    assert emitted == [] and w.error.text()


def test_users_change_their_own_password_from_the_file_menu(qtbot, backend, uow):
    from PySide6.QtGui import QAction

    from ui.staff.password_dialogs import ChangePasswordDialog
    from ui.shell.shell import Shell

    make_user(uow, Role.RECEPTION, username="lin")
    shell = Shell(demo=False, url_resolver=lambda: backend.url)
    actor = auth.login(backend.database.uow(), username="lin", password=PASSWORD)
    shell._logged_in(actor, backend)
    w = shell.main_window
    qtbot.addWidget(w)
    action = w.findChild(QAction, "change_password")
    assert action is not None and action in w.menuBar().actions()[0].menu().actions()
    action.trigger()
    d = w.findChild(ChangePasswordDialog)
    d.current.setText(PASSWORD)
    d.new.setText("Lin-2026-new")
    d.repeat.setText("Lin-2026-new")
    d.save()
    assert auth.login(backend.database.uow(), username="lin", password="Lin-2026-new")
    shell._stop_lock()


def test_a_form_that_cannot_reload_closes_on_reload_after_a_conflict(qtbot, backend, uow):
    """Issue #16.1: the conflict box's Reload never does nothing. The reset dialog cannot fetch
    its account again, so Reload closes it, to be opened afresh from the staff page."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

    from ui.staff.password_dialogs import ResetPasswordDialog

    admin = make_user(uow, Role.ADMIN, username="root")
    li = make_user(uow, Role.CONSULTANT, username="li", full_name="李娜")
    staff = next(s for s in auth.list_staff(uow(), actor=admin) if s.id == li.user_id)
    dialog = ResetPasswordDialog(AppContext(backend.database, admin), staff)
    qtbot.addWidget(dialog)
    dialog.show()
    # Another administrator resets the same account first.
    auth.reset_password(uow(), actor=admin, user_id=staff.id, expected_version=staff.version, new_password="Other-2026")
    dialog.password.setText("Temp-2026")
    dialog.repeat.setText("Temp-2026")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.conflict_box is not None and dialog.conflict_box.isVisible(), timeout=5000)
    box: QMessageBox = dialog.conflict_box
    assert box.findChild(QPushButton, "reapply_button") is None  # nothing to re-apply onto
    qtbot.mouseClick(box.findChild(QPushButton, "reload_button"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert auth.login(uow(), username="li", password="Other-2026")
