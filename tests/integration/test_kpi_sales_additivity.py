"""Additivity of the sales KPIs (docs/kpis_design.md, issue #20.1): for 3.11, 3.12 and 3.13 the
counts over a period equal the sum over its month pieces (3.12/3.13 are monthly figures: 上月留存意向
+ 本月新增意向 per month), for the store, per consultant and per brand; 3.11's also over any
split of the period at a day boundary. Random leads, contracts and drives at random instants."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy
from app.kpis.formulas_sales import FORMULAS
from app.kpis.periods import Period
from db import drive_models as tdm
from db.sales_models import Contract
from tests.factories import isolated_data_dir, make_consultants  # noqa: F401  (fixture)
from tests.integration.test_kpi_sales import LATER, add_lead
from tests.integration.test_test_drives import make_world
from tests.sales_factories import make_contract, make_price_list

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 5, 31)
BRANDS = ("大众", "比亚迪", "特斯拉")
SPAN = (dt.datetime(2025, 12, 31, 16), dt.datetime(2026, 5, 31, 16))  # [FIRST, LAST] in naive UTC

instants = st.datetimes(min_value=SPAN[0], max_value=SPAN[1]).map(lambda t: t.replace(microsecond=0))
days = st.dates(min_value=FIRST, max_value=LAST)


@pytest.fixture()
def shop(uow):
    w = make_world(uow)
    make_price_list(uow, w.manager)
    people = [w.consultant, *make_consultants(uow, 2)]
    contracts = [make_contract(uow, people[i % 3], w.manager)[1] for i in range(6)]
    return w, people, contracts


def _lead(uow, people, spec) -> None:
    created, who, brand, contact, later = spec
    changes, at = [], created
    for step, status in later:  # each change after the previous one
        at = at + dt.timedelta(hours=step)
        changes.append((at, status))
    add_lead(uow, people[who], created, brand=brand, contact=contact, changes=changes)


def _contract(uow, contract_id, spec) -> None:
    signed, fulfil_hours, ended = spec
    with uow() as u:
        c = u.session.get(Contract, contract_id)
        c.signed_at = signed
        c.fulfilled_at = None if fulfil_hours is None or ended else signed + dt.timedelta(hours=fulfil_hours)
        c.status = "cancelled" if ended else ("fulfilled" if c.fulfilled_at else "signed")
        u.commit()


def _drive(w, people, spec) -> None:
    end, who, returned = spec
    with w.uow() as u:
        u.session.add(
            tdm.TestDrive(
                status="returned" if returned else "booked",
                car_id=w.car_id,
                route_id=w.route_id,
                customer_name="试驾客户",
                planned_start=end - dt.timedelta(minutes=30),
                planned_end=end,
                planned_km=8.5,
                escort_id=people[who].user_id,
                actual_start=end - dt.timedelta(minutes=30) if returned else None,
                actual_end=end if returned else None,
            )
        )
        u.commit()


lead_specs = st.tuples(
    instants,
    st.integers(0, 2),
    st.sampled_from(BRANDS),
    st.booleans(),
    st.lists(st.tuples(st.integers(1, 24 * 40), st.sampled_from(["following", "lost", "ordered", "new"])), max_size=3),
)
contract_specs = st.tuples(instants, st.none() | st.integers(1, 24 * 60), st.booleans())
drive_specs = st.tuples(instants, st.integers(0, 2), st.booleans())


def _sum(formula, uow, periods, by) -> dict:
    out: dict = {}
    with uow() as u:
        for p in periods:
            for k, c in formula.counts(u.session, p, by=by, as_of=LATER).items():
                out[k] = out.get(k, Counts()) + c
    return {k: c for k, c in out.items() if c != Counts() or k is None}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    leads=st.lists(lead_specs, max_size=6),
    contracts=st.lists(contract_specs, min_size=6, max_size=6),
    drives=st.lists(drive_specs, max_size=4),
    bounds=st.tuples(days, days).map(sorted),
    split=days,
)
def test_counts_over_a_period_are_the_sum_over_its_month_pieces_5_2_1(
    shop, uow, leads, contracts, drives, bounds, split
):
    w, people, pool = shop
    for spec in leads:
        _lead(uow, people, spec)
    for contract_id, spec in zip(pool, contracts):
        _contract(uow, contract_id, spec)
    for spec in drives:
        _drive(w, people, spec)
    period = Period.custom(*bounds)
    for code in (KpiCode.CONTRACT_FULFILMENT, KpiCode.CLOSURE, KpiCode.TEST_DRIVE):
        f = FORMULAS[code]
        for by in (None, GroupBy.CONSULTANT, GroupBy.BRAND):
            whole = _sum(f, uow, [period], by)
            assert whole == _sum(f, uow, period.pieces(), by), (code, by)
    # 3.11 also adds up over any split at a day boundary (not only at month ends).
    if period.first_day < split <= period.last_day:
        halves = [Period.custom(period.first_day, split - dt.timedelta(days=1)), Period.custom(split, period.last_day)]
        f = FORMULAS[KpiCode.CONTRACT_FULFILMENT]
        for by in (None, GroupBy.CONSULTANT, GroupBy.BRAND):
            assert _sum(f, uow, [period], by) == _sum(f, uow, halves, by)
