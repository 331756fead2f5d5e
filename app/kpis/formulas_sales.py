"""KPI formulas 3.11 合同履约率, 3.12 月平均成交率 and 3.13 试乘试驾率: from contracts, leads (their status history and month-end snapshots) and returned test drives (T/CSCA 120031 ch. 3; issue #20.1)."""

from __future__ import annotations

from app.kpis.definitions import KpiCode
from app.kpis.formula import Formula
from app.kpis.formulas_sales_contracts import ContractFulfilment
from app.kpis.formulas_sales_intentions import ClosureRate, TestDriveRate

FORMULAS: dict[KpiCode, Formula] = {
    KpiCode.CONTRACT_FULFILMENT: ContractFulfilment(),
    KpiCode.CLOSURE: ClosureRate(),
    KpiCode.TEST_DRIVE: TestDriveRate(),
}
