"""One place for 'now', so services and tests agree on naive UTC timestamps."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable, Iterator

# How far this thread's clock is set off the real one: zero except while the demo builds its
# past year (`travel_to`). A context variable, so another thread (a terminal's UI, a worker)
# always reads the real time.
_OFFSET: contextvars.ContextVar[dt.timedelta | None] = contextvars.ContextVar("showroom_clock_offset", default=None)


def _real_utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def utcnow() -> dt.datetime:
    offset = _OFFSET.get()
    return _real_utcnow() if offset is None else _real_utcnow() + offset


def travelling() -> bool:
    """True inside `travel_to`: the server's clock (app/customer_care/clock.py) follows it too."""
    return _OFFSET.get() is not None


@contextlib.contextmanager
def travel_to(moment: dt.datetime) -> Iterator[Callable[[dt.datetime], None]]:
    """Run the block as if it were `moment` (naive UTC), the clock going on from there, so that
    what a service stamps with `utcnow()` (an archived document's issue time, a PDI report, a
    complaint's answer) is dated when the demo's past event happened (issue #20). For building
    the demo's history only: real use never sets the clock. Yields `move(moment)`, which sets
    the clock to another moment inside the block (a walk of steps a few minutes apart)."""

    def move(to: dt.datetime) -> None:
        _OFFSET.set(to - _real_utcnow())

    token = _OFFSET.set(moment - _real_utcnow())
    try:
        yield move
    finally:
        _OFFSET.reset(token)


# The store's local time. Shanghai keeps UTC+8 all year (no daylight saving since 1991), so a
# fixed offset is exact; the database keeps naive UTC and only "today", hours of the day and
# month boundaries (roster, reports, KPIs) are taken in store time.
STORE_UTC_OFFSET = dt.timedelta(hours=8)


def to_store_time(utc: dt.datetime) -> dt.datetime:
    """Naive UTC -> naive store-local wall time."""
    return utc + STORE_UTC_OFFSET


def from_store_time(local: dt.datetime) -> dt.datetime:
    """Naive store-local wall time -> naive UTC (what services store and compare)."""
    return local - STORE_UTC_OFFSET


def store_today(now: dt.datetime | None = None) -> dt.date:
    """The store's calendar day at `now` (naive UTC; default: the current time)."""
    return to_store_time(now or utcnow()).date()


def store_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a store-local day, in naive UTC."""
    start = from_store_time(dt.datetime.combine(day, dt.time()))
    return start, start + dt.timedelta(days=1)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)


def previous_month(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return first.replace(year=first.year - 1, month=12) if first.month == 1 else first.replace(month=first.month - 1)


def store_month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in naive UTC of the store-local calendar month containing `month`."""
    start, _ = store_day_bounds(month_start(month))
    end, _ = store_day_bounds(next_month(month))
    return start, end
