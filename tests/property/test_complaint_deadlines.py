"""Complaint deadline arithmetic (issue #19.9): 72 hours (T/CSCA 120031 3.17) across month and
year ends in Shanghai time, which has no daylight saving; 7 working days (办法 art. 18) across a
holiday week with its swapped working days (调休), on the chinesecalendar library and the
store's overrides; a year the library does not know is counted provisionally, never late."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.clock import from_store_time, to_store_time
from app.customer_care.api import WorkingCalendar, first_response_due, library_years, reply_due
from app.customer_care.calendar import FIXED_HOLIDAYS

LIBRARY = WorkingCalendar({}, frozenset())
# Naive UTC instants within the library's years (up to the end of 2026 in store time).
instants = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2026, 12, 10))


@given(instants)
def test_first_response_is_due_72_wall_clock_hours_later_3_17(received):
    due = first_response_due(received)
    assert due - received == dt.timedelta(hours=72)
    # Store time has no DST jump: the store-local clock reads the same hour three days on,
    # also across a month or year end.
    local_received, local_due = to_store_time(received), to_store_time(due)
    assert local_due == local_received + dt.timedelta(days=3)
    assert local_due.time() == local_received.time()


@pytest.mark.parametrize(
    "local_received, local_due",
    [
        (dt.datetime(2025, 1, 30, 16, 45), dt.datetime(2025, 2, 2, 16, 45)),  # January -> February
        (dt.datetime(2024, 2, 28, 9, 0), dt.datetime(2024, 3, 2, 9, 0)),  # leap year
        (dt.datetime(2025, 12, 30, 23, 59), dt.datetime(2026, 1, 2, 23, 59)),  # year end
    ],
)
def test_72_hours_across_month_ends_3_17(local_received, local_due):
    assert to_store_time(first_response_due(from_store_time(local_received))) == local_due


@given(instants)
def test_reply_due_is_the_end_of_the_7th_working_day_after_receipt_art_18(received):
    due = reply_due(received, LIBRARY)
    local_due = to_store_time(due)
    assert local_due.time() == dt.time(0, 0)  # the end of a store day
    last = local_due.date() - dt.timedelta(days=1)
    day0 = to_store_time(received).date()
    between = [day0 + dt.timedelta(days=i) for i in range(1, (last - day0).days + 1)]
    assert LIBRARY.is_working(last)
    assert sum(LIBRARY.is_working(d) for d in between) == 7


def test_7_working_days_across_national_day_2025_with_its_swapped_sundays_art_18():
    # 2025: 1-8 October off; Sunday 28 September and Saturday 11 October are working days.
    received = from_store_time(dt.datetime(2025, 9, 26, 15, 0))  # a Friday
    due = to_store_time(reply_due(received, LIBRARY))
    # Working days after the Friday: Sun 28 Sep, Mon 29, Tue 30, Thu 9 Oct, Fri 10, Sat 11, Mon 13.
    assert due == dt.datetime(2025, 10, 14, 0, 0)


@given(st.datetimes(min_value=dt.datetime(2025, 9, 20), max_value=dt.datetime(2025, 10, 12)))
def test_a_holiday_week_only_pushes_the_reply_deadline_later(received):
    # The eight days off are never counted: a deadline that reaches into them lands after them.
    local = to_store_time(received).date()
    last = to_store_time(reply_due(received, LIBRARY)).date() - dt.timedelta(days=1)
    holiday = [dt.date(2025, 10, d) for d in range(1, 9)]
    assert all(not LIBRARY.is_working(d) for d in holiday)
    assert last not in holiday
    if local < holiday[0] < last:
        assert last >= dt.date(2025, 10, 9)
        assert (last - local).days >= 7 + len(holiday)


def test_the_store_overrides_single_days():
    closed = WorkingCalendar({dt.date(2025, 9, 29): False}, frozenset())
    received = from_store_time(dt.datetime(2025, 9, 26, 15, 0))
    assert to_store_time(reply_due(received, closed)) == dt.datetime(2025, 10, 15, 0, 0)


def test_a_year_the_library_does_not_know_is_counted_provisionally_never_refused():
    """5.2.7: every complaint is recorded, so a year without a published holiday notice yet
    still gets a deadline: every day but the fixed-date holidays, on or before the official one."""
    beyond = library_years().stop  # 2027 with chinesecalendar 1.11.0
    received = from_store_time(dt.datetime(beyond - 1, 12, 28, 10, 0))
    provisional = to_store_time(reply_due(received, LIBRARY)).date()
    # the end of the 7th day (29, 30, 31 Dec, 2, 3, 4, 5 Jan), i.e. midnight starting 6 January
    assert provisional == dt.date(beyond, 1, 6)
    assert not LIBRARY.is_working(dt.date(beyond, 1, 1))  # New Year's Day, fixed by law
    # Once the store has entered that year's holidays, it is counted with them.
    entered = WorkingCalendar({dt.date(beyond, 1, 4): False}, frozenset({beyond}))
    assert to_store_time(reply_due(received, entered)).date() > provisional


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 11, 30)))
def test_the_provisional_count_never_falls_after_the_official_one(day):
    """Counted as if the library did not know the year, a deadline is never later than the
    library's own, 调休 Saturdays and Sundays included (2024-05-11 was a working Saturday)."""

    class Provisional(WorkingCalendar):
        def is_working(self, d: dt.date) -> bool:
            return (d.month, d.day) not in FIXED_HOLIDAYS

    assert Provisional({}, frozenset()).add_working_days(day, 7) <= LIBRARY.add_working_days(day, 7)


def test_the_complaints_page_names_a_year_still_to_enter(uow):
    from app.core.dto import Actor
    from app.customer_care.api import years_to_enter
    from db.models import Role

    beyond = library_years().stop
    manager = Actor(1, "m", "经理", frozenset({Role.SALES_MANAGER}))
    assert years_to_enter(uow(), manager, now=dt.datetime(beyond - 1, 12, 10)) == [beyond]
    assert years_to_enter(uow(), manager, now=dt.datetime(beyond - 1, 10, 1)) == []
