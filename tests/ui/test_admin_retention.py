"""Administration, Store tab: the administrator changes the visitor retention period by
clicking (issue #17.16; PIPL art. 19, 47); a bad period is said beside the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.store.store import get_store
from db.models import Role
from tests.factories import make_store, reception_defaults
from ui.store.admin_page import AdminPage


@pytest.fixture()
def admin_page(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    reception_defaults(uow)  # the consent text promises at most 24 months
    page = AdminPage(make_ctx(Role.ADMIN, full_name="管理员"))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


@pytest.fixture()
def store_tab(admin_page):
    return admin_page.tabs["store"]


def _type_months(qtbot, dialog, text: str) -> None:
    spin = dialog.months
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def test_admin_changes_the_retention_period_by_clicking(qtbot, store_tab, uow):
    row = store_tab.retention
    assert "12" in row.value.text()
    qtbot.mouseClick(row.change_button, Qt.MouseButton.LeftButton)
    dialog = row.dialog
    assert dialog is not None and dialog.isVisible()
    assert "24" in dialog.promise.text()  # what the consent text promised

    _type_months(qtbot, dialog, "36")  # beyond the consent text's promise
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "visitor_months" in dialog.errors.shown() and dialog.isVisible()
    assert get_store(uow()).visitor_retention_months == 12

    _type_months(qtbot, dialog, "18")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert get_store(uow()).visitor_retention_months == 18
    assert "18" in row.value.text()

    # The store details still save afterwards: the tab took the record's new version.
    store_tab.edits["address"].setText("上海市浦东新区新地址2号")
    qtbot.mouseClick(store_tab.save_button, Qt.MouseButton.LeftButton)
    assert get_store(uow()).address == "上海市浦东新区新地址2号"
    assert get_store(uow()).visitor_retention_months == 18


def test_a_change_saved_meanwhile_on_another_terminal_names_who_saved_it(qtbot, store_tab, uow, make_ctx):
    """Issue #17.15: the store record now says who changed it last, so the box names them."""
    from PySide6.QtWidgets import QMessageBox

    from app.store.retention_setting import set_visitor_retention

    other = make_ctx(Role.ADMIN, full_name="赵管理员")
    row = store_tab.retention
    qtbot.mouseClick(row.change_button, Qt.MouseButton.LeftButton)
    dialog = row.dialog
    set_visitor_retention(
        uow(), actor=other.actor, expected_version=get_store(uow()).version, visitor_months=6
    )  # saved on the other terminal while this dialog is open
    _type_months(qtbot, dialog, "18")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = next(b for b in dialog.findChildren(QMessageBox, "conflict_box") if b.isVisible())
    assert "赵管理员" in box.text()
    assert get_store(uow()).visitor_retention_months == 6  # not overwritten
