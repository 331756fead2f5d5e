"""A year of the demo store's past (issue #20): what the eight KPIs of 5.2.1 read, for the
current store month and each of the twelve before it, so the manager's dashboard opens with
figures and trend lines instead of "—".

Each month gets, through the real services and with times in that month (never after `now`):
intentions (意向: customers registered with their contact consent and a consultant's lead, most
of them lost or ordered within weeks so the month-end carry-over stays a store's size), one sale
walked from quote to handover (app/demo/sales_walk.py, on the price list then in force), returned
test drives (history_care), pick-ups with their 72-hour call made in time or late, delivery
survey answer sheets (mostly satisfied) and complaints, some through 12345 (history_care).

The mix is planned per month (`MONTHS`) so that some figures meet their 5.2.1 target, some are
amber and some red, and it differs from month to month (the trend lines move).

Each record is dated when its event happened, also where a service stamps it with the clock
itself (an archived document's issue time and printed date, a PDI report, a complaint's answer
and closure): those steps run with the clock set to the event (app/core/clock.py travel_to). The
PDF signature's own time stays the build's (the store certificate is from that day), so a past
document verifies "intact" while the archive and the evidence pack list it in its month.

Only the demo template gets this year (app/demo/template.py, like reception's traffic): the
integration tests' demo (build_demo) stays quick; tests/integration/test_kpi_demo.py adds it.
Idempotent: a store that already has the history's price list is left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.core.clock import from_store_time, month_start, previous_month, store_today
from db.uow import Database

CONSULTANTS = ("wang.lei", "li.na", "zhang.wei", "liu.yang", "chen.jing", "huang.jiahao")
HISTORY_MONTHS = 12  # the trend line's months before the current one


@dataclass(frozen=True)
class MonthPlan:
    """What happened in one month: counts of each kind of record."""

    intentions: int  # new leads besides the sale's buyer
    drives: int  # test drives returned
    sale: bool  # one contract signed and handed over
    calls_late: int  # pick-ups whose 72-hour call came too late (of two paper pick-ups)
    surveys: int
    unsatisfied: int
    complaints: int
    hotline: int  # of them through 12345
    answered_late: int = 0  # of them first answered after their 72 hours (3.17)


# Months back from the current one (12 .. 0), oldest first. Chosen so the figures fall on both
# sides of their targets: 3.12 from ~14 % to 25 % (target 25 %), 3.13 from ~14 % to ~33 % (30 %),
# 3.14 at 100 % or 2 of 3, 3.18 at 100 % or 2-3 of 4 (92 %), 3.15 at 0 or, in a month with a
# 12345 complaint, far above 0.7 %, 3.17 at 100 % or, in two months, 1 of 2. Every past sale
# is handed over, so 3.11 is met.
MONTHS: tuple[MonthPlan, ...] = (
    MonthPlan(3, 1, True, 0, 3, 0, 1, 0),
    MonthPlan(4, 2, True, 1, 4, 0, 1, 1),
    MonthPlan(2, 1, True, 0, 3, 1, 2, 0),
    MonthPlan(3, 1, True, 0, 4, 0, 1, 0),
    MonthPlan(5, 2, True, 0, 3, 0, 1, 0),
    MonthPlan(3, 1, True, 1, 4, 0, 2, 1, 1),
    MonthPlan(2, 1, True, 0, 3, 0, 1, 0),
    MonthPlan(4, 1, True, 0, 4, 1, 1, 0),
    MonthPlan(3, 2, True, 0, 3, 0, 2, 0, 1),
    MonthPlan(2, 1, True, 1, 4, 0, 1, 1),
    MonthPlan(4, 1, True, 0, 3, 0, 1, 0),
    MonthPlan(3, 1, True, 0, 4, 0, 1, 0),
    MonthPlan(2, 1, False, 0, 2, 0, 1, 0),  # the current month: the demo's own sale is today's
)


@dataclass(frozen=True)
class Month:
    """One month of the history: its plan, its number (for names and request keys) and where
    its events may fall: [first, last] store days, none after `now`."""

    back: int
    plan: MonthPlan
    first: dt.date
    now: dt.datetime

    def at(self, day: int, hour: int, minute: int = 0) -> dt.datetime | None:
        """Store time on the month's `day` (1-based, clipped to the month). In the current month,
        a moment not yet come is moved into the part of the month already gone by, in the same
        order; None only when the month has barely begun."""
        end = (month_start(self.first + dt.timedelta(days=32)) - dt.timedelta(days=1)).day
        moment = from_store_time(dt.datetime.combine(self.first.replace(day=min(day, end)), dt.time(hour, minute)))
        limit = self.now - dt.timedelta(minutes=30)
        if moment < limit:
            return moment
        start = from_store_time(dt.datetime.combine(self.first, dt.time()))
        if self.back or limit <= start:
            return None
        return start + (limit - start) * (((day - 1) * 24 + hour) / (32 * 24))


def months(now: dt.datetime) -> list[Month]:
    """The current month and the twelve before it, oldest first."""
    first = month_start(store_today(now))
    out = []
    for back in range(HISTORY_MONTHS + 1):
        out.append(Month(back, MONTHS[HISTORY_MONTHS - back], first, now))
        first = previous_month(first)
    return list(reversed(out))


def history_present(db: Database, now: dt.datetime) -> bool:
    """One lookup: a published price list in force from the history's first day (the history's
    own, or a store's that is older than the demo: then it is left alone)."""
    from sqlalchemy import func, select

    from db.sales_models import PriceList, PriceListStatus

    first = months(now)[0].first
    with db.uow() as uow:
        q = select(func.count(PriceList.id)).where(
            PriceList.status == PriceListStatus.PUBLISHED, PriceList.effective_from <= first
        )
        return bool(uow.session.scalar(q))


def add_kpi_history(db: Database, now: dt.datetime, progress: Callable[[], None] | None = None) -> bool:
    """The year behind the demo's KPIs (module docstring); True when anything was added.
    `progress()` is told before the work starts (nothing is said when the year is there)."""
    if history_present(db, now):
        return False  # every later demo start: one lookup, none of the services imported
    from app.demo.history_care import add_care_history
    from app.demo.history_sales import Seller, add_history_price_list, add_month_sales

    if progress:
        progress()
    all_months = months(now)
    seller = Seller.of(db)
    if not add_history_price_list(db, seller.people.manager, all_months[0]):
        return False
    for month in all_months:
        buyers = add_month_sales(db, seller, month)
        add_care_history(db, seller, month, buyers)
    return True
