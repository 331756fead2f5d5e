"""Audit log page (issue #9 item 4): a manager filters the trail and checks the chain."""

from __future__ import annotations

from sqlalchemy import text

from app.inventory import vehicles
from db.models import Role
from tests.factories import make_store, make_user, vehicle_input
from tests.integration.test_audit import drop_guards, restore_guards
from ui.shell.context import AppContext
from ui.privacy.audit_page import AuditPage


def test_manager_filters_by_user_and_action_and_sees_the_changed_fields(qtbot, uow, database, sync_ops):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, username="zhou")
    database.acting_user = (manager.user_id, "zhou")
    v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    vehicles.change_status(uow(), actor=manager, vehicle_id=v.id, expected_version=v.version, new_status="on_display")
    page = AuditPage(AppContext(database, manager))
    qtbot.addWidget(page)
    assert page.model.rowCount() >= 3
    page.user_filter.setCurrentIndex(page.user_filter.findData(manager.user_id))
    page.action_filter.setCurrentIndex(page.action_filter.findData("update"))
    page.table_filter.setCurrentIndex(page.table_filter.findData("vehicle"))
    page.refresh()
    assert page.model.rowCount() == 1
    assert page.proxy.index(0, 2).data() == "zhou"
    assert page.proxy.index(0, 5).data() == "status"
    page.table.selectRow(0)
    assert "on_display" in page.detail.toPlainText()
    page.verify()
    assert "intact" in page.chain_label.text()


def test_a_tampered_entry_is_shown_as_the_first_broken_link(qtbot, uow, database, sync_ops):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    drop_guards(database)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("UPDATE audit_event SET actor_name = 'x' WHERE id = 2"))
        page = AuditPage(AppContext(database, manager))
        qtbot.addWidget(page)
        page.verify()
        assert "2" in page.chain_label.text() and "edited" in page.chain_label.text()
    finally:
        restore_guards(database)


def test_a_wiped_log_is_shown_as_broken_not_intact(qtbot, uow, database, sync_ops):
    """Issue #15 item 7: the log and its head deleted; this terminal's anchor remembers."""
    from PySide6.QtCore import Qt

    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
    drop_guards(database)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_event"))
            conn.execute(text("DELETE FROM audit_chain_head"))
        page = AuditPage(AppContext(database, manager))
        qtbot.addWidget(page)
        qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
        text_shown = page.chain_label.text()
        assert "broken at entry 1" in text_shown and "wiped" in text_shown
    finally:
        restore_guards(database)
