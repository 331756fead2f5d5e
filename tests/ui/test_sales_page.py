"""Sales page (issue #18.7): the deal board by stage with counts, consultants their own deals,
search, and the deal page with its history, documents and next-step buttons (T/CSCA 120031
4.3-4.4.2)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.core.dto import Changes
from app.sales.api import refresh_stage
from db.finance_models import PaymentKind
from db.models import Role
from tests.factories import make_document, make_staff, make_store
from tests.sales_factories import SALE_NOW, make_contract, make_deal, make_payment, make_price_list
from ui.sales.sales_page import TABS, SalesPage
from ui.shell.context import AppContext


@pytest.fixture()
def sale(uow):
    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周经理")
    alice = make_staff(uow, Role.CONSULTANT, full_name="李顾问")
    bob = make_staff(uow, Role.CONSULTANT, full_name="张顾问")
    finance = make_staff(uow, Role.FINANCE, full_name="钱会计")
    make_price_list(uow, manager)
    return manager, alice, bob, finance


def _stage(uow, deal_id):
    with uow() as u:
        refresh_stage(u.session, deal_id, SALE_NOW)
        u.commit()


def _page(qtbot, database, actor) -> SalesPage:
    page = SalesPage(AppContext(database, actor))
    qtbot.addWidget(page)
    page.show()
    return page


def _double_click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_tab(qtbot, page, stage) -> None:
    bar = page.tabs
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(TABS.index(stage)).center())


def test_consultant_sees_own_deals_and_stage_tabs_count_them(qtbot, database, uow, sale, sync_ops):
    manager, alice, bob, finance = sale
    make_deal(uow, alice)
    ready, contract_id = make_contract(uow, alice, manager)
    make_payment(uow, finance, contract_id, 20_840_000)
    _stage(uow, ready)
    make_deal(uow, bob)
    page = _page(qtbot, database, alice)
    assert page.model.rowCount() == 2
    assert page.mine.isChecked() and not page.mine.isEnabled()  # consultants: their own only
    assert page.tabs.tabText(TABS.index("ready")).endswith("(1)")
    _click_tab(qtbot, page, "ready")
    assert [page.model.row_at(i).id for i in range(page.model.rowCount())] == [ready]
    boss = _page(qtbot, database, manager)
    assert boss.model.rowCount() == 3 and not boss.mine.isChecked()
    qtbot.mouseClick(boss.mine, Qt.MouseButton.LeftButton, pos=QPoint(4, boss.mine.height() // 2))
    assert boss.model.rowCount() == 0  # the manager sells none himself


def test_search_narrows_the_board_and_a_sale_elsewhere_refreshes_it(qtbot, database, uow, sale, sync_ops):
    manager, alice, _bob, _finance = sale
    _deal, contract_id = make_contract(uow, alice, manager)
    page = _page(qtbot, database, manager)
    number = page.model.row_at(0).contract_number
    make_deal(uow, alice)
    qtbot.keyClicks(page.search, number)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).contract_number == number)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    make_deal(uow, alice)
    page.ctx.data_did_change.emit(Changes(sales=True), None)  # another page's sale
    assert page.model.rowCount() == 3
    make_deal(uow, alice)  # another terminal's: read again on Refresh
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4


def test_double_click_opens_the_deal_with_history_and_documents(qtbot, database, uow, sale, sync_ops):
    manager, alice, _bob, finance = sale
    deal_id, contract_id = make_contract(uow, alice, manager, deposit_fen=1_000_000)
    make_payment(uow, finance, contract_id, 1_000_000, kind=PaymentKind.EARNEST)
    _stage(uow, deal_id)
    doc = make_document(uow, manager, doc_type="vehicle_card", subject_type="contract", subject_id=contract_id)
    page = _page(qtbot, database, alice)
    _double_click_row(qtbot, page.table, 0)
    deal = page.deal_dialog
    assert deal is not None and deal.isVisible()
    assert "王**" in deal.summary.text() and "¥198,400.00" in deal.summary.text()  # open balance
    assert "Delivery by 2026-03-31; appointment: not yet made" in deal.summary.text()
    whats = [deal.history.row_at(i).what for i in range(deal.history.rowCount())]
    assert any("signed" in w for w in whats) and any("定金" in w for w in whats)
    assert deal.documents.row_at(0).id == doc.id
    # A consultant's steps on a live contract: no payment (finance only), no cancelling (manager).
    assert deal.findChild(QPushButton, "step_payment").isHidden()
    assert deal.findChild(QPushButton, "step_end_contract").isHidden()
    assert not deal.findChild(QPushButton, "step_handover").isHidden()
    assert deal.findChild(QPushButton, "step_quote").isHidden()  # past the quote stage
    deal.documents_view.selectRow(0)
    qtbot.mouseClick(deal.open_button, Qt.MouseButton.LeftButton)
    assert deal.preview.isVisible() and doc.number in deal.preview.windowTitle()
    deal.preview.close()


def test_a_step_whose_dialog_is_missing_says_so(qtbot, database, uow, sale, sync_ops, monkeypatch):
    _manager, alice, _bob, _finance = sale
    make_deal(uow, alice)
    import sys

    monkeypatch.setitem(sys.modules, "ui.sales.quote_dialog", None)  # not in this build: ImportError
    page = _page(qtbot, database, alice)
    _double_click_row(qtbot, page.table, 0)
    button = page.deal_dialog.findChild(QPushButton, "step_quote")
    assert not button.isHidden()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    box = page.deal_dialog.findChild(QMessageBox, "step_not_available")
    assert box is not None and box.isVisible()
    box.close()


def test_finance_sees_every_deal_and_the_payment_step(qtbot, database, uow, sale, sync_ops):
    manager, alice, bob, finance = sale
    make_contract(uow, alice, manager)
    make_contract(uow, bob, manager)
    page = _page(qtbot, database, finance)
    assert page.model.rowCount() == 2 and page.mine.isHidden()
    _double_click_row(qtbot, page.table, 0)
    steps = page.deal_dialog
    assert not steps.findChild(QPushButton, "step_payment").isHidden()
    assert steps.findChild(QPushButton, "step_contract").isHidden()


def test_a_manager_may_cancel_a_live_contract_and_hand_the_car_over(qtbot, database, uow, sale, sync_ops):
    """END_CONTRACTS and DELIVER_VEHICLE are the sales manager's (permissions.py)."""
    manager, alice, _bob, _finance = sale
    make_contract(uow, alice, manager)
    page = _page(qtbot, database, manager)
    _double_click_row(qtbot, page.table, 0)
    deal = page.deal_dialog
    assert not deal.findChild(QPushButton, "step_end_contract").isHidden()
    assert not deal.findChild(QPushButton, "step_handover").isHidden()
    assert deal.findChild(QPushButton, "step_payment").isHidden()
    assert "Deal opened" in [deal.history.row_at(i).what for i in range(deal.history.rowCount())]


def test_the_sales_module_counts_the_deals_ready_to_deliver(qtbot, database, uow, sale, sync_ops):
    """The navigation's Sales page carries the number of deals paid up and awaiting handover."""
    from ui.shell.main_window import MainWindow

    manager, alice, _bob, finance = sale
    ready, contract_id = make_contract(uow, alice, manager)
    make_payment(uow, finance, contract_id, 20_840_000)
    _stage(uow, ready)
    make_deal(uow, alice)
    window = MainWindow(AppContext(database, alice))
    qtbot.addWidget(window)
    assert "sales" in window.module_keys()
    qtbot.waitUntil(lambda: window.nav.count_of("sales") == 1)
    assert window.nav.item_of("sales").toolTip() == "Deals ready to deliver: 1"
    window.nav.setCurrentRow(window.module_keys().index("sales"))
    assert window.page("sales").model.rowCount() == 2


def test_enter_on_a_deal_opens_it(qtbot, database, uow, sale, sync_ops):
    _manager, alice, _bob, _finance = sale
    deal_id, _quote = make_deal(uow, alice)
    page = _page(qtbot, database, alice)
    page.table.setFocus()
    page.table.selectRow(0)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.deal_dialog is not None and page.deal_dialog.deal_id == deal_id


def test_the_board_and_deal_models_pass_the_model_tester(qtbot, qtmodeltester, database, uow, sale, sync_ops):
    manager, alice, _bob, finance = sale
    deal_id, contract_id = make_contract(uow, alice, manager)
    make_payment(uow, finance, contract_id, 1_000_000)
    make_document(uow, manager, doc_type="vehicle_card", subject_type="contract", subject_id=contract_id)
    page = _page(qtbot, database, alice)
    qtmodeltester.check(page.model, force_py=True)
    deal = page.open_deal(deal_id)
    qtmodeltester.check(deal.history, force_py=True)
    qtmodeltester.check(deal.documents, force_py=True)


def test_disclosure_is_offered_once_a_car_is_chosen_4_2_3_4(qtbot, database, uow, sale, sync_ops):
    """What is disclosed (age, defects, repairs) is about one car: no Disclosure… for a car to order."""
    from tests.sales_factories import make_vehicle

    manager, alice, _bob, _finance = sale
    to_order, _q = make_deal(uow, alice)
    in_stock, _q = make_deal(uow, alice, vehicle_id=make_vehicle(uow, manager))
    page = _page(qtbot, database, alice)
    steps = {}
    for deal_id in (to_order, in_stock):
        deal = page.open_deal(deal_id)
        steps[deal_id] = not deal.findChild(QPushButton, "step_disclosure").isHidden()
        assert not deal.findChild(QPushButton, "step_quote").isHidden()
    assert steps == {to_order: False, in_stock: True}
