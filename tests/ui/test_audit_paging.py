"""The audit log page reads the trail a page at a time as the user scrolls; its filters, count
and selection cover every entry, and "Check the chain" checks the whole chain, not the page
(issue #17, peak memory on dataset S; issue #9 item 4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.inventory import vehicles
from app.privacy.audit import AuditQuery, list_events
from db.models import Role
from tests.factories import make_store, make_user, make_vin, vehicle_input
from ui.privacy.audit_page import AuditPage
from ui.shell.context import AppContext

PAGE = 3


@pytest.fixture()
def page(qtbot, uow, database, sync_ops, monkeypatch):
    """Four cars added and moved on display: more entries than three pages of three."""
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, username="zhou")
    database.acting_user = (manager.user_id, "zhou")
    for i in range(4):
        v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(vin=make_vin(700 + i)))
        vehicles.change_status(
            uow(), actor=manager, vehicle_id=v.id, expected_version=v.version, new_status="on_display"
        )
    monkeypatch.setattr(AuditPage, "page_size", PAGE)
    page = AuditPage(AppContext(database, manager))
    qtbot.addWidget(page)
    page.table.setFixedHeight(90)  # about two rows in sight
    page.show()
    qtbot.waitExposed(page)
    page.manager = manager
    return page


def _every_entry(page, uow, **filters):
    return list_events(uow(), actor=page.manager, query=AuditQuery(since=page.query().since, **filters))


def _scroll_to_the_end(qtbot, page) -> None:
    page.table.setFocus()
    for _ in range(100):
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        if not page.model.canFetchMore():
            break


def test_the_first_page_is_read_and_ctrl_end_reads_the_rest(qtbot, page, uow):
    everything = _every_entry(page, uow)
    assert len(everything) > 3 * PAGE
    assert page.model.rowCount() == PAGE
    assert page.count.text() == f"Entries: {len(everything)}"  # every entry, not the page
    _scroll_to_the_end(qtbot, page)
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown == [e.id for e in everything]  # newest first, none twice, none missing


def test_the_action_filter_covers_every_page(qtbot, page, uow):
    updates = _every_entry(page, uow, action="update", table_name="vehicle")
    assert len(updates) == 4
    page.action_filter.setCurrentIndex(page.action_filter.findData("update"))
    page.table_filter.setCurrentIndex(page.table_filter.findData("vehicle"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    assert page.count.text() == "Entries: 4"
    _scroll_to_the_end(qtbot, page)
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == [e.id for e in updates]


def test_an_entry_further_down_stays_selected_after_show(qtbot, page):
    _scroll_to_the_end(qtbot, page)
    oldest = page.proxy.rowCount() - 1
    page.table.selectRow(oldest)
    entry = page.proxy.index(oldest, 0).data()
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)  # reads the first page again
    assert page.selected_entry() == entry
    assert page.detail.toPlainText() != ""


def test_check_the_chain_checks_every_entry_not_the_page(qtbot, page, uow):
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    everything = list_events(uow(), actor=page.manager)  # every entry, whatever the dates
    assert page.chain_label.text() == f"Chain intact: {len(everything)} entries checked."
    assert page.model.rowCount() == PAGE
