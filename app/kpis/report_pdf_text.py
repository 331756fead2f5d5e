"""The wording of the monthly KPI report (月度KPI报告), in Chinese and English: headings, the
verdict words, the kinds of record, and what each 5.2.1 figure counts (the definitions of
T/CSCA 120031 3.11-3.18 as decided in docs/kpis_design.md). The PDF (report_pdf.py) and the
workbook (workbook.py) both read it, so the two say the same thing in the same words.

Pure data: no reportlab, no openpyxl.
"""

from __future__ import annotations

import datetime as dt

from app.core.clock import to_store_time
from app.documents.layout import Text
from app.kpis.definitions import KpiCode, KpiDefinition
from app.kpis.dto import KpiFigure, RecordKind, Side

DOC_TYPE = "kpi_month_report"
TITLE = Text("月度KPI报告", "Monthly KPI report")
PERIOD = Text("统计期间", "Period")
AS_OF = Text("统计时点", "Figures as of")
SHANGHAI_TIME = Text("上海时间", "Shanghai time")

H_SUMMARY = Text("指标与目标（5.2.1）", "KPIs against their targets (5.2.1)")
H_BARS = Text("实际值与目标值", "Actual against target")
H_TREND = Text("近12个月趋势", "The last 12 months")
H_CONSULTANTS = Text("按销售顾问", "By sales consultant")
H_DEFINITIONS = Text("各指标的统计口径", "What each figure counts")

COL_LETTER = Text("5.2.1", "5.2.1")
COL_CLAUSE = Text("条款", "Clause")
COL_KPI = Text("指标", "KPI")
COL_NUMERATOR = Text("分子", "Numerator")
COL_DENOMINATOR = Text("分母", "Denominator")
COL_COUNTS = Text("分子/分母", "Num./den.")
COL_VALUE = Text("实际", "Actual")
COL_TARGET = Text("目标", "Target")
COL_VERDICT = Text("结论", "Verdict")
COL_PENDING = Text("待定", "Pending")
COL_CONSULTANT = Text("销售顾问", "Consultant")
COL_SIDE = Text("计入", "Side")
COL_KIND = Text("记录类型", "Record")
COL_REFERENCE = Text("编号", "Reference")
COL_WHEN = Text("时间（上海）", "When (Shanghai)")
COL_BRAND = Text("品牌", "Brand")
SERIES_ACTUAL = Text("实际", "Actual")
SERIES_TARGET = Text("目标", "Target")

NO_FIGURE = "—"  # nothing counted: the denominator is 0 (definitions.rate_bp)
NO_CONSULTANT = Text("未指定销售顾问", "No consultant named")  # records naming none (the group None)
NO_CONSULTANT_ROWS = Text("本期没有按销售顾问统计的记录。", "No figures by consultant in this period.")
PENDING_NOTE = Text(
    "“待定”：提车后72小时尚未届满且尚未回访的顾客，既不计入分子也不计入分母（3.14）。",
    "“Pending”: pick-ups whose 72 hours are still running and not yet called; counted on neither side (3.14).",
)
NOT_SIGNED = Text(
    "本报告为统计资料，未签章、未归档；数据以统计时点的系统记录为准。",
    "This report is a statistical extract: it is neither signed nor archived; figures are the records as of the time shown.",
)

VERDICTS = {
    "met": Text("达标", "Met"),
    "near": Text("接近", "Near"),
    "missed": Text("未达标", "Missed"),
    "none": Text("无数据", "No data"),
}
SIDES = {Side.NUMERATOR: Text("分子", "numerator"), Side.DENOMINATOR: Text("分母", "denominator")}
RECORD_KINDS = {
    RecordKind.CONTRACT: Text("合同", "Contract"),
    RecordKind.LEAD: Text("意向客户", "Lead"),
    RecordKind.TEST_DRIVE: Text("试乘试驾", "Test drive"),
    RecordKind.CARE_TASK: Text("回访任务", "Follow-up call"),
    RecordKind.SURVEY: Text("回访问卷", "Follow-up survey"),
    RecordKind.COMPLAINT: Text("投诉", "Complaint"),
}

# What each figure counts: docs/kpis_design.md "Definitions", per clause.
DEFINITIONS: dict[KpiCode, Text] = {
    KpiCode.CONTRACT_FULFILMENT: Text(
        "本期签订的全部合同（含此后解除、终止的）为分母；其中截至统计时点已履约交车的为分子。",
        "Contracts signed in the period, whatever became of them; the numerator is those fulfilled (handed over) by the time of the figures.",
    ),
    KpiCode.CLOSURE: Text(
        "按月计算：当月签订的合同数（订单即已签合同）÷（月初留存的有效意向 + 当月新增有效意向）；有效意向须有顾客本人的联系方式。跨月期间为各月之和。",
        "Per month: contracts signed in the month ÷ (intentions retained at the month's start + intentions new in it); an intention has the customer's own contact. A longer period sums its months.",
    ),
    KpiCode.TEST_DRIVE: Text(
        "按月计算：当月实际完成并还车的试乘试驾数 ÷ 与3.12相同的意向数；仅勾选“已试驾”而无试驾记录的不计入。",
        "Per month: test drives actually returned in the month ÷ the same intentions as 3.12; a “had a test drive” tick without a drive never counts.",
    ),
    KpiCode.DELIVERY_CALL: Text(
        "本期提车（合同履约交车）的顾客为分母（72小时已届满的，及已回访的）；提车后72小时内电话回访接通的为分子。",
        "Customers who picked up their car in the period (whose 72 hours have ended, or already reached); the numerator is those reached by a call within 72 hours of pick-up.",
    ),
    KpiCode.HOTLINE_COMPLAINT: Text(
        "本期经12345市民服务热线收到的投诉数 ÷ 本期销量（履约交车的合同数）；越低越好。",
        "Complaints received in the period through the 12345 hotline ÷ cars sold (contracts handed over) in the period; lower is better.",
    ),
    KpiCode.COMPLAINT_HANDLING: Text(
        "本期收到的全部投诉为分母；截至统计时点已结案的为分子。",
        "Complaints received in the period; the numerator is those closed by the time of the figures.",
    ),
    KpiCode.COMPLAINT_RESPONSE: Text(
        "本期收到的全部投诉为分母；收到后72个自然小时内首次答复顾客的为分子（节假日不停表）。",
        "Complaints received in the period; the numerator is those first answered within 72 clock hours of receipt (holidays do not stop this clock).",
    ),
    KpiCode.SATISFACTION: Text(
        "本期录入的销售服务回访问卷为分母；其中顾客表示满意的为分子。",
        "Sales follow-up answer sheets recorded in the period; the numerator is the satisfied ones.",
    ),
}


def percent(bp: int | None) -> str:
    """A rate in basis points as the report prints it: 98.5 %, 0.7 %, or — for no figure."""
    if bp is None:
        return NO_FIGURE
    whole, rest = divmod(bp, 100)
    return f"{whole}%" if rest == 0 else f"{whole}.{rest:02d}".rstrip("0") + "%"


def target_text(definition: KpiDefinition, figure: KpiFigure) -> str:
    """“≥ 98%” or “≤ 0.7%” (3.15 must stay at or under its target)."""
    sign = "≤" if definition.direction == "at_most" else "≥"
    return f"{sign} {percent(figure.target.target_bp)}"


def store_time_text(moment: dt.datetime) -> str:
    """A naive-UTC instant as the store's wall time, to the minute."""
    return f"{to_store_time(moment):%Y-%m-%d %H:%M}"
