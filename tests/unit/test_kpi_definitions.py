"""The 5.2.1 KPI table, the rate arithmetic and reporting periods (issue #20.1)."""

import datetime as dt

from app.kpis.definitions import BY_CODE, KPIS, KpiCode, rate_bp, verdict
from app.kpis.periods import Period


def test_the_eight_5_2_1_targets_ship_as_defaults():
    assert [k.letter for k in KPIS] == list("abcdefgh")
    targets = {k.code: k.default_target_bp for k in KPIS}
    assert targets == {
        KpiCode.CONTRACT_FULFILMENT: 9800,
        KpiCode.SATISFACTION: 9200,
        KpiCode.TEST_DRIVE: 3000,
        KpiCode.DELIVERY_CALL: 10000,
        KpiCode.CLOSURE: 2500,
        KpiCode.HOTLINE_COMPLAINT: 70,
        KpiCode.COMPLAINT_HANDLING: 10000,
        KpiCode.COMPLAINT_RESPONSE: 10000,
    }


def test_a_zero_denominator_is_no_figure_and_never_a_division():
    assert rate_bp(0, 0) is None
    assert rate_bp(5, 0) is None
    assert rate_bp(1, 3) == 3333
    assert rate_bp(2, 3) == 6667  # half up


def test_verdicts_follow_the_direction_of_the_target():
    fulfil, hotline = BY_CODE[KpiCode.CONTRACT_FULFILMENT], BY_CODE[KpiCode.HOTLINE_COMPLAINT]
    assert verdict(fulfil, 9800, 9800) == "met"
    assert verdict(fulfil, 9400, 9800) == "near"
    assert verdict(fulfil, 9000, 9800) == "missed"
    assert verdict(hotline, 70, 70) == "met"  # 3.15: at most 0.7 %
    assert verdict(hotline, 90, 70) == "near"
    assert verdict(hotline, 200, 70) == "missed"
    assert verdict(fulfil, None, 9800) == "none"


def test_periods_are_cut_into_store_months():
    q = Period.quarter(2026, 4)
    assert (q.first_day, q.last_day, q.label) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026-Q4")
    assert [p.label for p in q.pieces()] == ["2026-10", "2026-11", "2026-12"]
    custom = Period.custom(dt.date(2026, 1, 20), dt.date(2026, 3, 5))
    assert [(p.first_day, p.last_day) for p in custom.pieces()] == [
        (dt.date(2026, 1, 20), dt.date(2026, 1, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 5)),
    ]
    start, end = Period.month(dt.date(2026, 12, 15)).bounds()
    assert start == dt.datetime(2026, 11, 30, 16) and end == dt.datetime(2026, 12, 31, 16)  # Shanghai days
    assert [p.label for p in Period.month(dt.date(2026, 2, 1)).months_back(3)] == ["2025-12", "2026-01", "2026-02"]


def test_the_3_14_window_is_the_one_customer_care_schedules_its_call_in():
    from app.customer_care.api import DELIVERY_CALL_HOURS
    from app.kpis.formulas_care_calls import WINDOW

    assert WINDOW == dt.timedelta(hours=DELIVERY_CALL_HOURS) == dt.timedelta(hours=72)
