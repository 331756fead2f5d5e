"""KPI formulas 3.14 新车交付回访率, 3.15 服务投诉率, 3.16 投诉处理率, 3.17 投诉响应率 and 3.18 顾客满意率: from delivery-call tasks, complaints and survey answer sheets (T/CSCA 120031 ch. 3; issue #20.1)."""

from __future__ import annotations

from app.kpis.definitions import KpiCode
from app.kpis.formula import Formula

FORMULAS: dict[KpiCode, Formula] = {}
