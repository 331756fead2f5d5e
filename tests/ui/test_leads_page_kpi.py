"""The leads page's month line shows 3.12 / 3.13 exactly as the KPI feature computes them
(issue #20.1, one definition in the product): orders are contracts signed, never a lead status
or a ticked visit (T/CSCA 120031 3.12, 3.13)."""

from __future__ import annotations

from app.core.clock import store_today, utcnow
from app.kpis.api import KpiCode, Period, compute_kpis
from db.sales_models import Contract
from tests.sales_factories import make_contract, make_price_list
from tests.ui.test_leads_page import leads  # noqa: F401  (fixture: two leads of this month)
from ui.reception.leads_page import LeadsPage
from ui.shell.context import AppContext


def test_the_month_line_shows_the_kpi_features_3_12_and_3_13(qtbot, database, uow, leads, sync_ops):
    manager, team = leads
    make_price_list(uow, manager)
    _deal, contract_id = make_contract(uow, team[0], manager)
    with uow() as u:  # signed today: this month's order
        u.session.get(Contract, contract_id).signed_at = utcnow()
        u.commit()
    page = LeadsPage(AppContext(database, manager))
    qtbot.addWidget(page)
    page.show()
    report = compute_kpis(uow(), actor=manager, period=Period.month(store_today()))
    figures = {f.code: f for f in report.store.figures}
    closure, drives = figures[KpiCode.CLOSURE], figures[KpiCode.TEST_DRIVE]
    assert (page.kpi.closure_rate.numerator, page.kpi.closure_rate.denominator) == (1, closure.denominator)
    assert closure.numerator == 1 and closure.denominator >= 3  # the two leads and the buyer's
    assert (page.kpi.test_drive_rate.numerator, page.kpi.test_drive_rate.denominator) == (0, drives.denominator)
    assert "orders 1" in page.kpi_label.text()
