"""3.12/3.13 (T/CSCA 120031): retained intentions at a month's start come from the month-end
snapshot's own record of whether each lead was an intention (issue #20.8): a customer anonymised
after the month end no longer changes that past month's figure, and a snapshot rebuilt late from
the history equals the one taken on time when nothing changed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, Side
from app.reception.snapshots import record_snapshot
from db.reception_models import Customer, KpiMonth, KpiMonthIntentions, Lead, LeadMonthSnapshot
from tests.integration.test_kpi_sales import MARCH, _february_and_march, at, counts, records, staff  # noqa: F401

FEBRUARY = dt.date(2026, 2, 1)


def _anonymise_on(uow, lead_id: int, when: dt.datetime) -> None:
    """The customer asked to be forgotten (PIPL) on `when`: no name, no mobile, anonymised."""
    with uow() as u:
        c = u.session.get(Customer, u.session.get(Lead, lead_id).customer_id)
        c.name, c.mobile, c.anonymised_at = None, None, when
        u.commit()


def _snapshot_rows(uow) -> list[tuple[int, int, str, bool]]:
    with uow() as u:
        q = select(
            LeadMonthSnapshot.lead_id,
            LeadMonthSnapshot.consultant_id,
            LeadMonthSnapshot.status,
            LeadMonthSnapshot.intention,
        ).order_by(LeadMonthSnapshot.lead_id)
        return [tuple(r) for r in u.session.execute(q)]


def test_3_12_a_customer_anonymised_after_the_month_end_still_counts_in_that_months_snapshot(uow, staff):  # noqa: F811
    _manager, (a, b) = staff
    L = _february_and_march(uow, a, b)
    record_snapshot(uow(), FEBRUARY, now=at("2026-03-01 00:10"), taken_by_id=None)  # on time
    before = counts(uow, KpiCode.CLOSURE, MARCH), counts(uow, KpiCode.CLOSURE, MARCH, GroupBy.CONSULTANT)
    assert before[0] == {None: Counts(0, 5)}
    _anonymise_on(uow, L["following"], at("2026-03-15 10:00"))  # retained at February's end, forgotten later
    # March's figure, read from February's snapshot, does not change: it was an intention then.
    assert counts(uow, KpiCode.CLOSURE, MARCH) == before[0]
    assert counts(uow, KpiCode.CLOSURE, MARCH, GroupBy.CONSULTANT) == before[1]
    assert counts(uow, KpiCode.TEST_DRIVE, MARCH)[None].denominator == 5
    assert L["following"] in {r.id for r in records(uow, KpiCode.CLOSURE, MARCH, Side.DENOMINATOR)}
    by_brand = counts(uow, KpiCode.CLOSURE, MARCH, GroupBy.BRAND)
    assert sum(c.denominator for k, c in by_brand.items() if k is not None) == 5


def test_3_12_a_snapshot_rebuilt_late_equals_the_one_taken_on_time(uow, staff):  # noqa: F811
    _manager, (a, b) = staff
    _february_and_march(uow, a, b)  # March changes two leads' status: the late one replays history
    record_snapshot(uow(), FEBRUARY, now=at("2026-03-01 00:10"), taken_by_id=None)
    on_time, on_time_counts = _snapshot_rows(uow), counts(uow, KpiCode.CLOSURE, MARCH, GroupBy.CONSULTANT)
    assert any(yes for *_r, yes in on_time) and not all(yes for *_r, yes in on_time)  # the anonymised one
    with uow() as u:  # as if no terminal had run at the month end
        u.session.execute(delete(LeadMonthSnapshot))
        u.session.execute(delete(KpiMonthIntentions))
        u.session.execute(delete(KpiMonth))
        u.commit()
    record_snapshot(uow(), FEBRUARY, now=at("2026-03-20 09:00"), taken_by_id=None)
    assert _snapshot_rows(uow) == on_time
    assert counts(uow, KpiCode.CLOSURE, MARCH, GroupBy.CONSULTANT) == on_time_counts
