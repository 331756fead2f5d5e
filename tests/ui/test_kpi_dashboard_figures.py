"""Issue #20.2 with real figures: T/CSCA 120031 3.11 合同履约率 on the dashboard. Two contracts
signed in March 2026, one of them fulfilled: the tile says 50 % (1 / 2) against the 98 % target
of 5.2.1 a), in red; its drill-down lists the fulfilled contract in the numerator and both in
the denominator, and a row opens the deal's page. A handover published on the change bus
refreshes the figure."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.core.dto import Changes
from app.kpis.definitions import KpiCode
from db.models import Role
from db.sales_models import Contract, ContractStatus
from tests.factories import make_staff, make_store
from tests.sales_factories import make_contract, make_price_list
from ui.kpis.dashboard_page import KpiDashboardPage
from ui.kpis.dashboard_tiles import KpiTile, tile_name
from ui.shell.context import AppContext

LEFT = Qt.MouseButton.LeftButton
HANDED_OVER = dt.datetime(2026, 3, 20, 6, 0)  # naive UTC: 14:00 on 20 March in Shanghai


@pytest.fixture()
def march(uow):
    """Two contracts signed on 10 March 2026 (tests/sales_factories.SALE_NOW), one fulfilled."""
    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周经理")
    alice = make_staff(uow, Role.CONSULTANT, full_name="李顾问")
    make_price_list(uow, manager)
    fulfilled = make_contract(uow, alice, manager)
    signed = make_contract(uow, alice, manager)
    _fulfil(uow, fulfilled[1])
    return manager, fulfilled, signed


def _fulfil(uow, contract_id: int) -> None:
    """The car handed over (app/sales/handover.py sets these at the handover)."""
    with uow() as u:
        c = u.session.get(Contract, contract_id)
        c.status, c.fulfilled_at, c.live_vehicle_id = ContractStatus.FULFILLED, HANDED_OVER, None
        u.commit()


def _number(uow, contract_id: int) -> str:
    with uow() as u:
        return u.session.get(Contract, contract_id).number


def _page_on_march(qtbot, database, manager) -> KpiDashboardPage:
    page = KpiDashboardPage(AppContext(database, manager))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    which = page.picker.which
    which.setCurrentIndex(which.findText("2026-03"))  # the month picked from the list
    assert page.picker.period().label == "2026-03"
    return page


def _references(view) -> list[str]:
    model = view.model()
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_the_3_11_tile_shows_one_of_two_contracts_fulfilled_against_98_percent(qtbot, database, uow, sync_ops, march):
    manager, _fulfilled, _signed = march
    page = _page_on_march(qtbot, database, manager)
    tile = page.tiles.tile(KpiCode.CONTRACT_FULFILMENT)
    assert (tile.value.text(), tile.counts.text()) == ("50%", "1 / 2")
    assert tile.target.text().endswith("≥ 98%")
    assert tile.badge.property("verdict") == "missed"  # 48 points short: red, not amber
    # The trend ends with the month shown: 50 % against the 98 % line, no figure before it.
    assert page.chart.code == KpiCode.CONTRACT_FULFILMENT
    assert page.chart.points[-1] == ("2026-03", 50.0, 98.0)
    assert [v for _m, v, _t in page.chart.points[:-1]] == [None] * 11
    assert page.groups.rowCount() == 1  # one consultant, 李顾问
    assert page.groups.index(0, 0).data() == "李顾问" and page.groups.index(0, 1).data() == "50%"


def test_clicking_the_3_11_tile_lists_the_fulfilled_contract_over_both_signed(qtbot, database, uow, sync_ops, march):
    manager, (deal_id, fulfilled_id), (_d, signed_id) = march
    page = _page_on_march(qtbot, database, manager)
    qtbot.mouseClick(page.findChild(KpiTile, tile_name(KpiCode.CONTRACT_FULFILMENT)), LEFT)
    dialog = page.drilldown
    numerator, denominator = dialog.views.values()
    assert _references(numerator) == [_number(uow, fulfilled_id)]
    assert numerator.model().index(0, 3).data() == "李顾问"  # the deal's consultant
    assert sorted(_references(denominator)) == sorted([_number(uow, fulfilled_id), _number(uow, signed_id)])
    # The record opens its own page: the contract's deal.
    numerator.setFocus()
    numerator.setCurrentIndex(numerator.model().index(0, 0))
    qtbot.keyClick(numerator, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(page, "deal_dialog", None) is not None)
    assert page.deal_dialog.isVisible() and page.deal_dialog.deal_id == deal_id


def test_a_handover_on_the_change_bus_refreshes_the_figure(qtbot, database, uow, sync_ops, march):
    manager, _fulfilled, (_d, signed_id) = march
    page = _page_on_march(qtbot, database, manager)
    _fulfil(uow, signed_id)
    tile = page.tiles.tile(KpiCode.CONTRACT_FULFILMENT)
    assert tile.value.text() == "50%"  # nothing told the page yet
    page.ctx.changed(Changes(sales=True))
    assert (tile.value.text(), tile.badge.property("verdict")) == ("100%", "met")


def test_a_lead_in_the_3_12_drill_down_opens_on_the_leads_page(qtbot, sync_ops, database, uow):
    from tests.sales_factories import make_lead
    from ui.shell.main_window import MainWindow

    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周经理")
    alice = make_staff(uow, Role.CONSULTANT, full_name="李顾问")
    _customer, lead_id = make_lead(uow, alice)  # an intention made this month, with a mobile
    window = MainWindow(AppContext(database, manager))
    qtbot.addWidget(window)
    window.nav.setCurrentRow(window.module_keys().index("kpis"))
    page = window.page("kpis")
    qtbot.mouseClick(page.tiles.tile(KpiCode.CLOSURE), LEFT)
    dialog = page.drilldown
    leads = dialog.views[list(dialog.views)[1]]  # the denominator: intentions
    dialog.tabs.setCurrentIndex(1)
    assert leads.model().rowCount() == 1
    leads.setFocus()
    leads.setCurrentIndex(leads.model().index(0, 0))
    qtbot.keyClick(leads, Qt.Key.Key_Return)
    assert window.current_module() == "leads"
    assert window.page("leads").selected_lead().id == lead_id


def test_a_complaint_in_the_3_16_drill_down_opens_the_complaints_page(qtbot, sync_ops, database, uow):
    from tests.integration.complaint_factories import make_complaint
    from ui.shell.main_window import MainWindow

    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周经理")
    alice = make_staff(uow, Role.CONSULTANT, full_name="李顾问")
    make_complaint(uow, manager, alice.user_id)  # received now, still open
    window = MainWindow(AppContext(database, manager))
    qtbot.addWidget(window)
    window.nav.setCurrentRow(window.module_keys().index("kpis"))
    page = window.page("kpis")
    tile = page.tiles.tile(KpiCode.COMPLAINT_HANDLING)  # 3.16 投诉处理率: closed of received
    assert (tile.value.text(), tile.counts.text(), tile.badge.property("verdict")) == ("0%", "0 / 1", "missed")
    qtbot.mouseClick(tile, LEFT)
    dialog = page.drilldown
    dialog.tabs.setCurrentIndex(1)
    complaints = dialog.views[list(dialog.views)[1]]
    assert complaints.model().rowCount() == 1 and complaints.model().index(0, 0).data() == "Complaint"
    complaints.setFocus()
    complaints.setCurrentIndex(complaints.model().index(0, 0))
    qtbot.keyClick(complaints, Qt.Key.Key_Return)
    assert window.current_module() == "complaints"
    assert not dialog.isVisible()  # out of the way of the page it opened
