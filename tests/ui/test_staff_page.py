"""Staff page (issue #15.10): an administrator deactivates and reactivates an account and
changes its roles by clicking the page's buttons; the table shows Active and "must change
password"; the manager sees the open work a deactivated consultant left behind."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel

from app.core.errors import LoginFailed
from app.staff import auth
from db.models import Role
from tests.factories import (
    PASSWORD,
    RECEPTION_NOW,
    add_models,
    make_consultants,
    make_staff,
    make_store,
    make_user,
    on_duty,
    reception_defaults,
    walk_in,
)
from ui.shell.context import AppContext
from ui.staff.roles_dialog import RolesDialog
from ui.staff.staff_table_model import StaffColumn
from ui.staff.staff_page import StaffPage


@pytest.fixture()
def page_as(qtbot, database, uow, sync_ops):
    make_store(uow)

    def make(actor) -> StaffPage:
        page = StaffPage(AppContext(database, actor))
        qtbot.addWidget(page)
        page.resize(1100, 600)
        page.show()
        return page

    return make


def _row(page: StaffPage, username: str) -> int:
    return next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, StaffColumn.USERNAME).data() == username)


def _cell(page, username, column) -> str:
    return page.proxy.index(_row(page, username), column).data()


def _click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_admin_deactivates_and_reactivates_an_account(qtbot, page_as, uow):
    admin = make_user(uow, Role.ADMIN, username="root")
    make_user(uow, Role.CONSULTANT, username="wang", must_change_password=True)
    page = page_as(admin)
    assert _cell(page, "wang", StaffColumn.ACTIVE) == "Yes"
    assert _cell(page, "wang", StaffColumn.MUST_CHANGE) == "Yes"
    assert _cell(page, "root", StaffColumn.MUST_CHANGE) == ""
    page.table.selectRow(_row(page, "root"))
    assert not page.deactivate_button.isEnabled()  # not oneself
    page.table.selectRow(_row(page, "wang"))
    assert not page.activate_button.isEnabled()
    _click(qtbot, page.deactivate_button)
    assert _cell(page, "wang", StaffColumn.ACTIVE) == "No"
    with pytest.raises(LoginFailed):
        auth.login(uow(), username="wang", password=PASSWORD)
    assert page.activate_button.isEnabled() and not page.deactivate_button.isEnabled()
    _click(qtbot, page.activate_button)
    assert _cell(page, "wang", StaffColumn.ACTIVE) == "Yes"
    assert auth.login(uow(), username="wang", password=PASSWORD).must_change_password


def test_admin_changes_roles_and_the_last_admin_is_kept(qtbot, page_as, uow):
    admin = make_user(uow, Role.ADMIN, username="root")
    make_user(uow, Role.RECEPTION, username="li")
    page = page_as(admin)
    page.table.selectRow(_row(page, "li"))
    _click(qtbot, page.roles_button)
    dialog = page.findChild(RolesDialog, "roles_dialog")
    dialog.findChild(QCheckBox, "role_reception").setChecked(False)
    dialog.findChild(QCheckBox, "role_sales_manager").setChecked(True)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible()
    assert auth.login(uow(), username="li", password=PASSWORD).roles == {Role.SALES_MANAGER}
    assert _cell(page, "li", StaffColumn.ROLES) != _cell(page, "root", StaffColumn.ROLES)

    page.table.selectRow(_row(page, "root"))  # the only administrator
    _click(qtbot, page.roles_button)
    dialog = page.findChildren(RolesDialog, "roles_dialog")[-1]
    dialog.findChild(QCheckBox, "role_admin").setChecked(False)
    dialog.findChild(QCheckBox, "role_finance").setChecked(True)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.isVisible()
    assert "last active administrator" in dialog.findChild(QLabel, "error_roles").text()
    assert Role.ADMIN in auth.login(uow(), username="root", password=PASSWORD).roles


def test_manager_sees_the_open_work_of_a_deactivated_consultant(qtbot, page_as, uow):
    admin = make_user(uow, Role.ADMIN, username="root")
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("比亚迪", "汉 DM-i"))
    (chen,) = make_consultants(uow, 1)
    on_duty(uow, desk, [chen])
    visit = walk_in(uow, desk, RECEPTION_NOW).visit
    page = page_as(manager)
    assert not page.open_work.isVisible()
    assert not page.deactivate_button.isVisible()  # managers see, administrators act
    admin_page = page_as(admin)
    admin_page.table.selectRow(_row(admin_page, chen.username))
    _click(qtbot, admin_page.deactivate_button)
    page.refresh()
    assert page.open_work.isVisible()
    texts = [page.open_work.item(i).text() for i in range(page.open_work.count())]
    assert texts == [f"{chen.full_name} ({chen.username}): Visit #{visit.id}"]
