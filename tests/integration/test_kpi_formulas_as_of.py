"""A KPI figure is taken at an instant (`as_of`, docs/kpis_design.md): what had not happened by
then does not count. The sales figures 3.11 合同履约率, 3.12 月平均成交率 and 3.13 试乘试驾率
(T/CSCA 120031 5.2.1 a, e, c): a month still in progress, asked at an instant, gives the figure
asked later for that same instant, whatever was signed, returned or created in between; a month
not begun at that instant has no figure yet."""

from __future__ import annotations

import datetime as dt

import pytest

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, Side
from app.kpis.formulas_sales import FORMULAS
from app.kpis.periods import Period
from app.test_drives import drive_steps as steps
from app.test_drives.drive_steps import ReturnInput
from tests.factories import isolated_data_dir  # noqa: F401  (fixture)
from tests.integration.test_kpi_sales import MARCH, add_contract, add_lead, at, counts, records, staff  # noqa: F401
from tests.integration.test_test_drives import NOW, make_world, ready_drive, start

SALES = (KpiCode.CONTRACT_FULFILMENT, KpiCode.CLOSURE, KpiCode.TEST_DRIVE)
MARCH_AND_APRIL = Period.custom(dt.date(2026, 3, 1), dt.date(2026, 4, 30))


def taken(uow, as_of: dt.datetime) -> dict:
    """Every sales figure and its records, store and groups, for March and March-April, at `as_of`."""
    out = {}
    for code in SALES:
        for period in (MARCH, MARCH_AND_APRIL):
            for by in (None, GroupBy.CONSULTANT, GroupBy.BRAND):
                out[(code, period, by)] = counts(uow, code, period, by, as_of)
            for side in (Side.NUMERATOR, Side.DENOMINATOR):
                out[(code, period, side)] = [r.id for r in records(uow, code, period, side, as_of=as_of)]
    return out


def test_a_month_in_progress_taken_at_an_instant_is_what_it_is_later_for_that_instant_3_11_3_12(uow, staff):
    manager, (a, b) = staff
    now = at("2026-03-15 12:00")  # the figure is taken mid-March
    add_lead(uow, a, at("2026-02-05 10:00"))  # retained at 1 March
    add_lead(uow, b, at("2026-03-02 10:00"), brand="比亚迪")  # new in March
    add_contract(uow, a, manager, at("2026-03-03 10:00"), fulfilled=at("2026-03-10 10:00"))
    add_contract(uow, b, manager, at("2026-03-04 10:00"), brand="比亚迪")
    then = taken(uow, now)
    # 3.11: 1 of the 2 contracts signed by then fulfilled; 3.12: 2 orders over 1 retained + 1 new.
    assert then[(KpiCode.CONTRACT_FULFILMENT, MARCH, None)] == {None: Counts(1, 2)}
    assert then[(KpiCode.CLOSURE, MARCH, None)] == {None: Counts(2, 2)}
    # April had not begun: nothing of it counts yet (its retained intentions are not known).
    assert then[(KpiCode.CLOSURE, MARCH_AND_APRIL, None)] == {None: Counts(2, 2)}
    # What happens after the figure was taken: signed, fulfilled, created later in March and in April.
    add_lead(uow, a, at("2026-03-20 10:00"))
    add_lead(uow, b, at("2026-04-02 10:00"))
    add_contract(uow, a, manager, at("2026-03-16 10:00"), fulfilled=at("2026-03-30 10:00"))
    add_contract(uow, b, manager, at("2026-03-31 10:00"), brand="比亚迪")
    add_contract(uow, b, manager, at("2026-04-03 10:00"))
    assert taken(uow, now) == then
    # Taken at the end, the later events count (3.12: 4 orders in March over 1 + 2 intentions).
    assert counts(uow, KpiCode.CLOSURE, MARCH) == {None: Counts(4, 3)}
    assert counts(uow, KpiCode.CONTRACT_FULFILMENT, MARCH) == {None: Counts(2, 4)}


@pytest.mark.usefixtures("isolated_data_dir")
def test_a_drive_returned_after_the_figure_is_taken_does_not_count_yet_3_13(uow):
    w = make_world(uow)
    first = start(w, ready_drive(w), NOW + dt.timedelta(minutes=2))
    steps.record_return(
        w.uow(), actor=w.consultant, drive_id=first.id, expected_version=first.version,
        now=NOW + dt.timedelta(minutes=28), data=ReturnInput(odometer_in=1209, damage_found=False),
    )  # fmt: skip
    taken_at = NOW + dt.timedelta(minutes=45)
    month = Period.month(NOW.date())
    test_drive = FORMULAS[KpiCode.TEST_DRIVE]

    def drives():
        with w.uow() as u:
            n = test_drive.counts(u.session, month, by=None, as_of=taken_at)[None].numerator
            refs = test_drive.records(u.session, month, side=Side.NUMERATOR, by=None, group=None, as_of=taken_at)
            return n, [r.id for r in refs]

    assert drives() == (1, [first.id])
    later = start(w, ready_drive(w, NOW + dt.timedelta(hours=2)), NOW + dt.timedelta(hours=2, minutes=1))
    steps.record_return(
        w.uow(), actor=w.consultant, drive_id=later.id, expected_version=later.version,
        now=NOW + dt.timedelta(hours=2, minutes=30), data=ReturnInput(odometer_in=1230, damage_found=False),
    )  # fmt: skip
    assert drives() == (1, [first.id])  # returned after the instant the figure was taken at
