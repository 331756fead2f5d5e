"""A KPI figure is taken at an instant (`as_of`, docs/kpis_design.md): the after-sale figures
3.14 新车交付回访率, 3.15 服务投诉率, 3.16 投诉处理率, 3.17 投诉响应率 and 3.18 顾客满意率 (T/CSCA
120031 5.2.1 b, d, f-h) of a period still in progress, asked now, are what they are when asked
later for that same instant: a call, a pick-up, a complaint, an answer, a closure or an answer
sheet after it does not count. Everything goes through the real services."""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_today, utcnow
from app.customer_care.api import close_complaint, record_first_response
from app.kpis.api import KpiCode, Period, Side, compute_kpis, kpi_records
from db.sales_models import Deal
from tests.factories import isolated_data_dir  # noqa: F401  (fixture)
from tests.integration.complaint_factories import make_complaint
from tests.integration.test_kpi_care_factories import call, people, picked_up  # noqa: F401  (fixture)
from tests.integration.test_kpi_care_surveys import HAPPY, UNHAPPY, sheet

CARE = (
    KpiCode.DELIVERY_CALL,
    KpiCode.HOTLINE_COMPLAINT,
    KpiCode.COMPLAINT_HANDLING,
    KpiCode.COMPLAINT_RESPONSE,
    KpiCode.SATISFACTION,
)
DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


def taken(uow, manager, period: Period, as_of: dt.datetime) -> dict:
    """The after-sale figures (with pending) and the records of both sides, at `as_of`."""
    report = compute_kpis(uow(), actor=manager, period=period, as_of=as_of)
    out: dict = {f.code: (f.numerator, f.denominator, f.pending) for f in report.store.figures if f.code in CARE}
    for code in CARE:
        for side in (Side.NUMERATOR, Side.DENOMINATOR):
            refs = kpi_records(uow(), actor=manager, code=code, period=period, side=side, as_of=as_of)
            out[(code, side)] = [(r.kind, r.id) for r in refs]
    return out


def customer_of(uow, deal_id: int) -> tuple[int, int]:
    with uow() as u:
        return deal_id, u.session.get_one(Deal, deal_id).customer_id


def test_a_period_in_progress_taken_now_is_what_it_is_later_for_that_instant_3_14_to_3_18(uow, people):
    li, manager, desk, carer = people["li"], people["manager"], people["desk"], people["carer"]
    start = utcnow() - 2 * DAY
    _, waiting_deal, waiting_call = picked_up(uow, li, manager, start)  # inside its 72 hours, not called yet
    _, called_deal, called = picked_up(uow, li, manager, start + HOUR, brand="红旗")
    call(uow, li, called, start + 5 * HOUR)
    sheet(uow, carer, customer_of(uow, called_deal), HAPPY, start + 6 * HOUR)
    unanswered = make_complaint(uow, desk, li.user_id, received_at=start + 2 * HOUR)
    hotline = make_complaint(uow, desk, li.user_id, received_at=start + 3 * HOUR, channel="hotline_12345")
    period = Period.custom(store_today(start - DAY), store_today(utcnow() + DAY))
    now = utcnow()
    then = taken(uow, manager, period, now)
    assert then[KpiCode.DELIVERY_CALL] == (1, 1, 1)
    assert then[KpiCode.HOTLINE_COMPLAINT][:2] == (1, 2)
    assert then[KpiCode.COMPLAINT_HANDLING][:2] == (0, 2)
    assert then[KpiCode.SATISFACTION][:2] == (1, 1)
    # After the figure was taken: the waiting customer is called, a car is picked up, the
    # complaints are answered and closed, an answer sheet and a 12345 complaint come in.
    later = utcnow()
    call(uow, li, waiting_call, later)
    picked_up(uow, li, manager, later)
    record_first_response(uow(), actor=li, complaint_id=unanswered.id, text="已受理")
    close_complaint(uow(), actor=manager, complaint_id=hotline.id, expected_version=hotline.version,
                    result="已解决", confirmation="confirmed")  # fmt: skip
    sheet(uow, carer, customer_of(uow, waiting_deal), UNHAPPY, later)
    make_complaint(uow, desk, li.user_id, channel="hotline_12345")
    assert taken(uow, manager, period, now) == then
    # Asked for an instant after them, they count.
    after = taken(uow, manager, period, later + HOUR)
    assert after[KpiCode.HOTLINE_COMPLAINT][:2] == (2, 3)
    assert after[KpiCode.COMPLAINT_HANDLING][:2] == (1, 3)
    assert after[KpiCode.SATISFACTION][:2] == (1, 2)
