"""Sales KPIs of T/CSCA 120031 5.2.1 (issue #20.1): 3.11 合同履约率, 3.12 月平均成交率, 3.13
试乘试驾率, as docs/kpis_design.md defines them. Hand-made edge cases on a real database: an order
is a signed contract, an intention a lead with a person's contact, a test drive a returned one.

The rows here are written the way tests/sales_factories.py writes a sale (straight into the
tables, at chosen instants); the month-end snapshot is taken by the real reception service.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import update

from app.kpis.dto import Counts, GroupBy, Side
from app.kpis.formulas_sales import FORMULAS
from app.kpis.definitions import KpiCode
from app.kpis.periods import Period
from app.reception.snapshots import record_snapshot
from db import drive_models as tdm
from db.models import Role, Vehicle
from db.reception_models import Customer, Lead, LeadStatusChange, Visit
from db.sales_models import Contract
from tests.factories import make_consultants, make_staff
from tests.sales_factories import make_contract, make_price_list

_seq = itertools.count(1)
MARCH, APRIL = Period.month(dt.date(2026, 3, 1)), Period.month(dt.date(2026, 4, 1))
LATER = dt.datetime(2026, 6, 1)  # the figures are taken well after the months (naive UTC)


def at(text: str) -> dt.datetime:
    """Store-local (UTC+8) wall time -> naive UTC."""
    return dt.datetime.fromisoformat(text) - dt.timedelta(hours=8)


def counts(uow, code: KpiCode, period: Period, by: GroupBy | None = None, as_of: dt.datetime = LATER):
    with uow() as u:
        return FORMULAS[code].counts(u.session, period, by=by, as_of=as_of)


def records(uow, code: KpiCode, period: Period, side: Side, by=None, group=None, as_of: dt.datetime = LATER):
    with uow() as u:
        return FORMULAS[code].records(u.session, period, side=side, by=by, group=group, as_of=as_of)


# --- records at chosen instants -------------------------------------------------------------


def add_lead(uow, consultant, when, *, brand="大众", model="帕萨特", contact=True, changes=()) -> int:
    """A lead created at `when` (its status history starts 'new' then), then moved through
    `changes` [(instant, status)]; `contact=False`: a visitor who left no mobile."""
    with uow() as u:
        s = u.session
        n = next(_seq)
        c = Customer(name=f"客户{n}" if contact else None, mobile=f"137{n:08d}" if contact else None)
        s.add(c)
        s.flush()
        lead = Lead(
            customer_id=c.id,
            brand=brand,
            model=f"{model}{n}",
            consultant_id=consultant.user_id,
            status="new",
            created_at=when,
            status_changed_at=when,
        )
        s.add(lead)
        s.flush()
        s.add(LeadStatusChange(lead_id=lead.id, from_status=None, to_status="new", changed_at=when))
        for instant, status in changes:
            s.add(LeadStatusChange(lead_id=lead.id, from_status=lead.status, to_status=status, changed_at=instant))
            lead.status, lead.status_changed_at = status, instant
        u.commit()
        return lead.id


def add_contract(uow, consultant, manager, signed, *, fulfilled=None, status=None, brand="大众") -> int:
    """A contract signed at `signed` (tests/sales_factories.make_contract), fulfilled or ended."""
    _deal, contract_id = make_contract(uow, consultant, manager)
    with uow() as u:
        c = u.session.get(Contract, contract_id)
        c.signed_at, c.fulfilled_at = signed, fulfilled
        c.status = status or ("fulfilled" if fulfilled else "signed")
        if c.status in ("cancelled", "terminated"):
            c.ended_at = signed + dt.timedelta(days=3)
        u.session.get(Vehicle, c.vehicle_id).brand = brand
        u.commit()
        return contract_id


@pytest.fixture()
def staff(uow):
    manager = make_staff(uow, Role.SALES_MANAGER, full_name="周建国")
    make_price_list(uow, manager)
    return manager, make_consultants(uow, 2)


def both_sides(uow, code, period, by=None, group=None, as_of=LATER):
    return tuple(records(uow, code, period, side, by, group, as_of) for side in (Side.NUMERATOR, Side.DENOMINATOR))


def assert_records_add_up(uow, code, period, by=None, as_of=LATER):
    """records() lists exactly the rows counted, on each side, for the store and every group."""
    for key, c in counts(uow, code, period, by, as_of).items():
        num, den = both_sides(uow, code, period, by, key, as_of)
        assert (len(num), len(den)) == (c.numerator, c.denominator), (code, by, key)


# --- 3.11 -----------------------------------------------------------------------------------


def test_3_11_counts_contracts_signed_in_the_period_cancelled_ones_stay_in_the_denominator(uow, staff):
    manager, (a, b) = staff
    on_time = add_contract(uow, a, manager, at("2026-03-02 10:00"), fulfilled=at("2026-03-20 10:00"))
    in_april = add_contract(uow, a, manager, at("2026-03-05 10:00"), fulfilled=at("2026-04-10 10:00"))
    cancelled = add_contract(uow, b, manager, at("2026-03-06 10:00"), status="cancelled")
    terminated = add_contract(uow, b, manager, at("2026-03-31 23:30"), status="terminated")  # still March in Shanghai
    add_contract(uow, b, manager, at("2026-02-28 23:30"), fulfilled=at("2026-03-03 10:00"))  # signed in February
    code = KpiCode.CONTRACT_FULFILMENT
    # A cancelled or terminated contract was signed: it stays in the denominator (3.11).
    assert counts(uow, code, MARCH) == {None: Counts(2, 4)}
    # Taken before the April hand-over, only the March one is fulfilled yet.
    assert counts(uow, code, MARCH, as_of=at("2026-04-01 09:00")) == {None: Counts(1, 4)}
    num, den = both_sides(uow, code, MARCH)
    assert [r.id for r in num] == [on_time, in_april]
    assert [r.id for r in den] == [on_time, in_april, cancelled, terminated]
    with uow() as u:  # the reference is the contract number, never the buyer's name or ID
        assert [r.reference for r in den] == [
            u.session.get(Contract, i).number for i in (on_time, in_april, cancelled, terminated)
        ]
    assert counts(uow, code, MARCH, GroupBy.CONSULTANT) == {a.user_id: Counts(2, 2), b.user_id: Counts(0, 2)}


def test_3_11_by_brand_is_the_contract_cars_brand(uow, staff):
    manager, (a, b) = staff
    add_contract(uow, a, manager, at("2026-03-02 10:00"), fulfilled=at("2026-03-20 10:00"), brand="比亚迪")
    add_contract(uow, a, manager, at("2026-03-03 10:00"), brand="大众")
    add_contract(uow, b, manager, at("2026-03-04 10:00"), fulfilled=at("2026-03-22 10:00"), brand="大众")
    by_brand = counts(uow, KpiCode.CONTRACT_FULFILMENT, MARCH, GroupBy.BRAND)
    assert by_brand == {"比亚迪": Counts(1, 1), "大众": Counts(1, 2)}


def test_an_empty_month_has_no_figure_not_zero_percent(uow, staff):
    # rate_bp: a zero denominator gives None ("—"), never a division by zero or 0 %.
    from app.kpis.api import compute_kpis

    manager, _ = staff
    report = compute_kpis(uow(), actor=manager, period=Period.month(dt.date(2025, 7, 1)), as_of=LATER)
    figures = {f.code: f for f in report.store.figures}
    for code in (KpiCode.CONTRACT_FULFILMENT, KpiCode.CLOSURE, KpiCode.TEST_DRIVE):
        assert (figures[code].numerator, figures[code].denominator, figures[code].value_bp) == (0, 0, None)
        assert figures[code].verdict == "none"


# --- 3.12 / 3.13 denominator: intentions ------------------------------------------------------


def _anonymise(uow, lead_id: int) -> None:
    """The customer asked to be forgotten (PIPL): no name, no mobile, anonymised."""
    with uow() as u:
        c = u.session.get(Customer, u.session.get(Lead, lead_id).customer_id)
        c.name, c.mobile, c.anonymised_at = None, None, at("2026-02-20 10:00")
        u.commit()


def _february_and_march(uow, a, b) -> dict[str, int]:
    L = {
        "following": add_lead(uow, a, at("2026-02-05 10:00"), changes=[(at("2026-02-10 10:00"), "following")]),
        "lost_in_feb": add_lead(uow, a, at("2026-02-06 10:00"), changes=[(at("2026-02-20 10:00"), "lost")]),
        "lost_in_mar": add_lead(
            uow, b, at("2026-02-07 10:00"), brand="比亚迪", changes=[(at("2026-03-10 10:00"), "lost")]
        ),
        "ordered_in_mar": add_lead(uow, b, at("2026-02-08 10:00"), changes=[(at("2026-03-12 10:00"), "ordered")]),
        "last_evening": add_lead(uow, a, at("2026-02-28 23:30"), brand="比亚迪"),  # still February in Shanghai
        "no_contact": add_lead(uow, a, at("2026-02-09 10:00"), contact=False),
        "anonymised": add_lead(uow, b, at("2026-02-09 11:00")),
        "new_in_mar": add_lead(uow, a, at("2026-03-03 10:00"), changes=[(at("2026-03-04 10:00"), "lost")]),
        "anonymous_in_mar": add_lead(uow, b, at("2026-03-05 10:00"), contact=False),
        "new_in_apr": add_lead(uow, b, at("2026-04-01 00:30")),
    }
    _anonymise(uow, L["anonymised"])
    return L


def test_3_12_intentions_retained_at_the_month_start_plus_new_ones_from_history_and_snapshot_alike(uow, staff):
    from app.reception.api import intention_counts

    _manager, (a, b) = staff
    L = _february_and_march(uow, a, b)
    expected = [L[k] for k in ("following", "lost_in_mar", "ordered_in_mar", "last_evening", "new_in_mar")]

    def march():
        with uow() as u:
            from_snapshot = intention_counts(u.session, MARCH.first_day, MARCH.last_day, None).from_snapshot
        den = records(uow, KpiCode.CLOSURE, MARCH, Side.DENOMINATOR)
        return from_snapshot, counts(uow, KpiCode.CLOSURE, MARCH), sorted(r.id for r in den)

    # No snapshot of February: retained on 1 March comes from the status history.
    assert march() == (False, {None: Counts(0, 5)}, sorted(expected))
    # The month-end snapshot, taken late: the same leads (anonymous ones are in the snapshot, never counted).
    record_snapshot(uow(), dt.date(2026, 2, 1), now=at("2026-03-20 09:00"), taken_by_id=None)
    assert march() == (True, {None: Counts(0, 5)}, sorted(expected))
    # A lead retained at the end of March counts again in April (from the history: no snapshot).
    assert counts(uow, KpiCode.CLOSURE, APRIL) == {None: Counts(0, 3)}  # following, last_evening + new_in_apr
    assert counts(uow, KpiCode.CLOSURE, Period.custom(MARCH.first_day, APRIL.last_day)) == {None: Counts(0, 8)}


def test_3_12_an_anonymous_lead_never_counts(uow, staff):
    _manager, (a, b) = staff
    L = _february_and_march(uow, a, b)
    never = {L["no_contact"], L["anonymised"], L["anonymous_in_mar"]}
    for period in (MARCH, APRIL, Period.month(dt.date(2026, 2, 1))):
        for code in (KpiCode.CLOSURE, KpiCode.TEST_DRIVE):
            assert not never & {r.id for r in records(uow, code, period, Side.DENOMINATOR)}
    # February: the five leads with a mobile created in it (nothing was retained before).
    assert counts(uow, KpiCode.CLOSURE, Period.month(dt.date(2026, 2, 1))) == {None: Counts(0, 5)}


def test_3_12_the_retained_leads_consultant_is_the_snapshots(uow, staff):
    _manager, (a, b) = staff
    L = _february_and_march(uow, a, b)
    record_snapshot(uow(), dt.date(2026, 2, 1), now=at("2026-03-01 00:10"), taken_by_id=None)
    with uow() as u:  # reassigned in March: still the February owner's retained intention
        u.session.execute(update(Lead).where(Lead.id == L["following"]).values(consultant_id=b.user_id))
        u.commit()
    by = counts(uow, KpiCode.CLOSURE, MARCH, GroupBy.CONSULTANT)
    assert by == {a.user_id: Counts(0, 3), b.user_id: Counts(0, 2)}


def test_3_12_orders_are_signed_contracts_never_a_lead_status(uow, staff):
    manager, (a, b) = staff
    _february_and_march(uow, a, b)  # one lead was set to 'ordered' in March without a contract
    add_contract(uow, a, manager, at("2026-03-15 10:00"), status="cancelled")  # signed: an order
    add_contract(uow, b, manager, at("2026-03-16 10:00"), fulfilled=at("2026-03-25 10:00"), brand="比亚迪")
    assert counts(uow, KpiCode.CLOSURE, MARCH) == {None: Counts(2, 5)}
    num = records(uow, KpiCode.CLOSURE, MARCH, Side.NUMERATOR)
    assert [r.kind for r in num] == ["contract", "contract"]


@pytest.mark.parametrize("code", [KpiCode.CONTRACT_FULFILMENT, KpiCode.CLOSURE, KpiCode.TEST_DRIVE])
@pytest.mark.parametrize("by", [GroupBy.CONSULTANT, GroupBy.BRAND])
def test_groups_add_up_to_the_store_and_records_to_the_counts_5_2_1(uow, staff, code, by):
    manager, (a, b) = staff
    _february_and_march(uow, a, b)
    add_contract(uow, a, manager, at("2026-03-15 10:00"), status="terminated", brand="比亚迪")
    add_contract(uow, b, manager, at("2026-03-16 10:00"), fulfilled=at("2026-03-25 10:00"))
    add_contract(uow, b, manager, at("2026-04-02 10:00"))
    period = Period.custom(dt.date(2026, 2, 15), dt.date(2026, 4, 10))  # partial months at both edges
    for p in (MARCH, period):
        store = counts(uow, code, p)[None]
        groups = counts(uow, code, p, by)
        assert sum(groups.values(), Counts()) == store
        assert_records_add_up(uow, code, p)
        assert_records_add_up(uow, code, p, by)


def test_compute_kpis_for_a_month_end_to_end_5_2_1(uow, staff):
    from app.kpis.api import compute_kpis, kpi_records

    manager, (a, b) = staff
    _february_and_march(uow, a, b)
    add_contract(uow, a, manager, at("2026-03-15 10:00"), fulfilled=at("2026-03-28 10:00"))
    add_contract(uow, b, manager, at("2026-03-16 10:00"), status="cancelled", brand="比亚迪")
    report = compute_kpis(uow(), actor=manager, period=MARCH, by=GroupBy.CONSULTANT, as_of=LATER)
    store = {f.code: f for f in report.store.figures}
    # 3.11: 1 of 2 signed fulfilled = 50.00 %; 3.12: 2 orders / 5 intentions = 40.00 %; 3.13: 0 / 5.
    assert (store[KpiCode.CONTRACT_FULFILMENT].numerator, store[KpiCode.CONTRACT_FULFILMENT].denominator) == (1, 2)
    assert (
        store[KpiCode.CONTRACT_FULFILMENT].value_bp == 5000 and store[KpiCode.CONTRACT_FULFILMENT].verdict == "missed"
    )
    assert (store[KpiCode.CLOSURE].value_bp, store[KpiCode.CLOSURE].verdict) == (4000, "met")
    assert (store[KpiCode.TEST_DRIVE].numerator, store[KpiCode.TEST_DRIVE].denominator) == (0, 5)
    per = {g.key: {f.code: (f.numerator, f.denominator) for f in g.figures} for g in report.groups}
    assert per[a.user_id][KpiCode.CLOSURE] == (1, 3) and per[b.user_id][KpiCode.CLOSURE] == (1, 2)
    assert {g.key: g.label for g in report.groups} == {a.user_id: a.full_name, b.user_id: b.full_name}
    den = kpi_records(uow(), actor=manager, code=KpiCode.CLOSURE, period=MARCH, side=Side.DENOMINATOR, as_of=LATER)
    assert len(den) == 5 and all(r.kind == "lead" for r in den)
    # No drill-down shows a customer's name or mobile.
    with uow() as u:
        personal = {x for c in u.session.query(Customer) for x in (c.name, c.mobile) if x}
    assert not any(p in r.reference for r in den for p in personal)
