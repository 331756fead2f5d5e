"""KPI formulas 3.14 新车交付回访率, 3.15 服务投诉率, 3.16 投诉处理率, 3.17 投诉响应率 and 3.18 顾客满意率: from delivery-call tasks, complaints and survey answer sheets (T/CSCA 120031 ch. 3; issue #20.1).

Each lives in its own module (formulas_care_calls, formulas_care_complaints,
formulas_care_surveys), on the shared row shape of formulas_care_rows: counts, pending and the
drill-down records come from one query, so they always add up. Who a record counts for:

- 3.14, 3.15's cars sold: the deal's consultant and the contract car's brand;
- 3.15-3.17 complaints: the consultant of the deal whose contract the complaint names, else the
  staff member it names; naming neither, the group None ("no consultant"). Brand: the car it
  names (or its contract's car), else the group None;
- 3.18: the consultant and car of the deal the answer sheet is about, else the group None.
"""

from __future__ import annotations

from app.kpis.definitions import KpiCode
from app.kpis.formula import Formula
from app.kpis.formulas_care_calls import DeliveryCallRate
from app.kpis.formulas_care_complaints import ComplaintHandlingRate, ComplaintResponseRate, HotlineComplaintRate
from app.kpis.formulas_care_surveys import SatisfactionRate

FORMULAS: dict[KpiCode, Formula] = {
    f.code: f
    for f in (
        DeliveryCallRate(),
        HotlineComplaintRate(),
        ComplaintHandlingRate(),
        ComplaintResponseRate(),
        SatisfactionRate(),
    )
}
