"""3.18 顾客满意率 (T/CSCA 120031 5.2.1 b, issue #20.1) from answer sheets recorded through the real
survey service, and the additivity of the after-sale figures (docs/kpis_design.md): counts over a
period equal the sum over any split of it at store-day boundaries."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from app.core.clock import store_today, utcnow
from app.customer_care.api import close_complaint, record_first_response, record_survey
from app.kpis.api import GroupBy, KpiCode, Period, Side, compute_kpis, kpi_records
from app.kpis.dto import Counts
from app.kpis.formulas_care import FORMULAS
from db.sales_models import Deal
from tests.factories import isolated_data_dir  # noqa: F401  (fixture)
from tests.integration.complaint_factories import make_complaint
from tests.integration.test_kpi_care_factories import call, people, picked_up  # noqa: F401  (fixture)

HAPPY = {"overall": 5, "consultant": 5, "explained": True, "on_time": True}
UNHAPPY = {**HAPPY, "overall": 1}
APRIL = Period.month(dt.date(2026, 4, 1))


def sheet(uow, carer, deal_customer, answers, at):
    deal_id, customer_id = deal_customer
    return record_survey(uow(), actor=carer, template_key="delivery", customer_id=customer_id, deal_id=deal_id,
                         answers=answers, now=at)  # fmt: skip


def deal_of(uow, consultant, manager, brand, at):
    _, deal_id, _ = picked_up(uow, consultant, manager, at, brand)
    with uow() as u:
        return deal_id, u.session.get_one(Deal, deal_id).customer_id


def test_satisfied_sheets_over_all_sheets_by_consultant_and_brand_3_18(uow, people):
    li, zhao, manager, carer = people["li"], people["zhao"], people["manager"], people["carer"]
    at = dt.datetime(2026, 4, 2, 3, 0)
    li_vw, zhao_hq = deal_of(uow, li, manager, "大众", at), deal_of(uow, zhao, manager, "红旗", at)
    sheets = [
        sheet(uow, carer, li_vw, HAPPY, at + dt.timedelta(days=1)),
        sheet(uow, carer, li_vw, UNHAPPY, at + dt.timedelta(days=2)),
        sheet(uow, carer, zhao_hq, HAPPY, at + dt.timedelta(days=3)),
        sheet(uow, carer, zhao_hq, HAPPY, dt.datetime(2026, 4, 30, 16, 0)),  # 1 May in Shanghai
    ]
    report = compute_kpis(uow(), actor=manager, period=APRIL, by=GroupBy.CONSULTANT, as_of=dt.datetime(2026, 6, 1))
    store = {f.code: f for f in report.store.figures}[KpiCode.SATISFACTION]
    assert (store.numerator, store.denominator, store.value_bp, store.verdict) == (2, 3, 6667, "missed")
    groups = {g.key: {f.code: f for f in g.figures}[KpiCode.SATISFACTION] for g in report.groups}
    assert {k: (f.numerator, f.denominator) for k, f in groups.items() if f.denominator} == {
        li.user_id: (1, 2),
        zhao.user_id: (1, 1),
    }
    brands = compute_kpis(uow(), actor=manager, period=APRIL, by=GroupBy.BRAND, as_of=dt.datetime(2026, 6, 1))
    sheets_by_brand = {g.key: {f.code: f for f in g.figures}[KpiCode.SATISFACTION].denominator for g in brands.groups}
    assert {k: n for k, n in sheets_by_brand.items() if n} == {"大众": 2, "红旗": 1}
    yes = kpi_records(uow(), actor=manager, code=KpiCode.SATISFACTION, period=APRIL, side=Side.NUMERATOR,
                      as_of=dt.datetime(2026, 6, 1))  # fmt: skip
    assert [r.id for r in yes] == [sheets[0].id, sheets[2].id]
    assert all(r.reference == f"delivery #{r.id}" for r in yes)  # no customer's name
    # Taken before the third sheet was recorded, it is not there yet.
    early = compute_kpis(uow(), actor=manager, period=APRIL, as_of=at + dt.timedelta(days=2, hours=1))
    assert [(f.numerator, f.denominator) for f in early.store.figures if f.code == KpiCode.SATISFACTION] == [(1, 2)]


def _history(uow, people) -> Period:
    """Thirty store days of pick-ups, calls, answer sheets and complaints, up to now."""
    li, zhao, manager, carer = people["li"], people["zhao"], people["manager"], people["carer"]
    now = utcnow()
    for i in range(12):
        at = now - dt.timedelta(days=29) + dt.timedelta(hours=61 * i)
        who, brand = (li, "大众") if i % 3 else (zhao, "红旗")
        contract_id, deal_id, task = picked_up(uow, who, manager, at, brand)
        if i % 4 != 3 and at + dt.timedelta(hours=70) < now:
            call(uow, who, task, at + dt.timedelta(hours=(20, 70, 75)[i % 3]))
        with uow() as u:
            customer_id = u.session.get_one(Deal, deal_id).customer_id
        if at + dt.timedelta(hours=5) < now:
            sheet(uow, carer, (deal_id, customer_id), HAPPY if i % 2 else UNHAPPY, at + dt.timedelta(hours=5))
        c = make_complaint(
            uow, people["desk"], li.user_id, received_at=at + dt.timedelta(hours=1),
            channel="hotline_12345" if i % 2 else "front_desk", contract_id=contract_id if i % 3 else None,
        )  # fmt: skip
        if i % 3 == 0:
            record_first_response(uow(), actor=li, complaint_id=c.id, text="已受理")
        elif i % 3 == 1:
            close_complaint(uow(), actor=manager, complaint_id=c.id, expected_version=c.version, result="已解决",
                            confirmation="confirmed")  # fmt: skip
    return Period.custom(store_today(now - dt.timedelta(days=30)), store_today(now))


def _cut(period: Period, offsets: list[int]) -> list[Period]:
    days = (period.last_day - period.first_day).days
    starts = sorted({period.first_day} | {period.first_day + dt.timedelta(days=o) for o in offsets if 0 < o <= days})
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [period.last_day]
    return [Period.custom(a, b) for a, b in zip(starts, ends, strict=True)]


def test_counts_over_a_period_are_the_sum_over_any_split_at_day_boundaries(uow, people):
    """docs/kpis_design.md, additivity: 3.14-3.18, for the store and per consultant and brand."""
    period, as_of = _history(uow, people), utcnow()

    def counts(p: Period, code: KpiCode, by: GroupBy | None) -> tuple[dict, int]:
        with uow() as u:
            f = FORMULAS[code]
            return f.counts(u.session, p, by=by, as_of=as_of), f.pending(u.session, p, as_of=as_of)

    whole = {(c, by): counts(period, c, by) for c in FORMULAS for by in (None, GroupBy.CONSULTANT, GroupBy.BRAND)}
    assert whole[(KpiCode.DELIVERY_CALL, None)][0][None].denominator > 0

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.integers(min_value=1, max_value=30), max_size=6))
    def split(offsets):
        pieces = _cut(period, offsets)
        for (code, by), (total, pending) in whole.items():
            summed: dict = {}
            for p in pieces:
                got, waiting = counts(p, code, by)
                pending -= waiting
                for key, c in got.items():
                    summed[key] = summed.get(key, Counts()) + c
            assert summed == total and pending == 0, (code, by, pieces)

    split()
