"""One place for 'now', so services and tests agree on naive UTC timestamps."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


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
