"""The eight KPIs of T/CSCA 120031 5.2.1 a)-h), as defined in 3.11-3.18: code, letter, names,
what their numerator and denominator count, and the 5.2.1 target that ships as the default.

A rate is kept in basis points of a percent (1 % = 100 bp), so targets compare exactly: 98 % is
9,800 and 0.7 % is 70. Most KPIs must reach their target (`AT_LEAST`); 3.15 服务投诉率 must stay
at or under it (`AT_MOST`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    AT_LEAST = "at_least"  # ≥ target is met
    AT_MOST = "at_most"  # ≤ target is met


class KpiCode(StrEnum):
    """The chapter-3 definition each figure follows; its 5.2.1 letter is in `KPIS`."""

    CONTRACT_FULFILMENT = "3.11"  # 合同履约率
    CLOSURE = "3.12"  # 月平均成交率
    TEST_DRIVE = "3.13"  # 试乘试驾率
    DELIVERY_CALL = "3.14"  # 新车交付回访率
    HOTLINE_COMPLAINT = "3.15"  # 服务投诉率 (12345)
    COMPLAINT_HANDLING = "3.16"  # 投诉处理率
    COMPLAINT_RESPONSE = "3.17"  # 投诉响应率
    SATISFACTION = "3.18"  # 顾客满意率


@dataclass(frozen=True)
class KpiDefinition:
    code: KpiCode
    letter: str  # 5.2.1 a)-h)
    name_zh: str
    name_en: str
    numerator_zh: str
    numerator_en: str
    denominator_zh: str
    denominator_en: str
    default_target_bp: int  # 5.2.1, in basis points of a percent
    direction: Direction
    # How far short of the target a figure is amber rather than red (the dashboard's colours).
    amber_margin_bp: int


def _kpi(code, letter, zh, en, num_zh, num_en, den_zh, den_en, target, direction=Direction.AT_LEAST, amber=500):
    return KpiDefinition(code, letter, zh, en, num_zh, num_en, den_zh, den_en, target, direction, amber)


# In the order of 5.2.1 a)-h). Targets: the 2023 revision's 5.2.1 (raised from 2020's for b, c, f, e).
KPIS: tuple[KpiDefinition, ...] = (
    _kpi(
        KpiCode.CONTRACT_FULFILMENT,
        "a",
        "合同履约率",
        "Contract fulfilment rate",
        "已履约合同数",
        "Contracts fulfilled",
        "总签约合同数",
        "Contracts signed",
        9800,
    ),
    _kpi(
        KpiCode.SATISFACTION,
        "b",
        "顾客满意率",
        "Customer satisfaction rate",
        "顾客满意数",
        "Satisfied follow-ups",
        "顾客销售服务回访总数",
        "Sales follow-ups",
        9200,
    ),
    _kpi(
        KpiCode.TEST_DRIVE,
        "c",
        "试乘试驾率",
        "Test drive rate",
        "试乘试驾数",
        "Test drives returned",
        "意向留存数",
        "Retained intentions",
        3000,
    ),
    _kpi(
        KpiCode.DELIVERY_CALL,
        "d",
        "新车交付回访率",
        "New car follow-up rate",
        "72小时内回访顾客数",
        "Called within 72 h",
        "提车顾客数",
        "Customers who picked up",
        10000,
    ),
    _kpi(
        KpiCode.CLOSURE,
        "e",
        "月平均成交率",
        "Monthly closure rate",
        "月成交订单数",
        "Orders (contracts signed)",
        "上月留存意向+本月新增意向",
        "Retained last month + new this month",
        2500,
    ),
    _kpi(
        KpiCode.HOTLINE_COMPLAINT,
        "f",
        "服务投诉率",
        "Service complaint rate (12345)",
        "12345 投诉数",
        "Complaints via 12345",
        "销量总数",
        "Cars sold",
        70,
        Direction.AT_MOST,
        30,
    ),
    _kpi(
        KpiCode.COMPLAINT_HANDLING,
        "g",
        "投诉处理率",
        "Complaint handling rate",
        "结案投诉数",
        "Complaints closed",
        "投诉总数",
        "All complaints",
        10000,
    ),
    _kpi(
        KpiCode.COMPLAINT_RESPONSE,
        "h",
        "投诉响应率",
        "Complaint response rate",
        "72小时内回复投诉数",
        "Answered within 72 h",
        "投诉总数",
        "All complaints",
        10000,
    ),
)

BY_CODE: dict[KpiCode, KpiDefinition] = {k.code: k for k in KPIS}


def rate_bp(numerator: int, denominator: int) -> int | None:
    """The rate in basis points, rounded half up; None ("—") when nothing was counted, never a
    division by zero."""
    if denominator <= 0:
        return None
    return (numerator * 10000 * 2 + denominator) // (denominator * 2)


def verdict(definition: KpiDefinition, value_bp: int | None, target_bp: int) -> str:
    """'met', 'near' (amber: within the margin), 'missed', or 'none' when there is no figure."""
    if value_bp is None:
        return "none"
    if definition.direction is Direction.AT_LEAST:
        gap = target_bp - value_bp
    else:
        gap = value_bp - target_bp
    if gap <= 0:
        return "met"
    return "near" if gap <= definition.amber_margin_bp else "missed"
