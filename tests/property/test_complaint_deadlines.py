"""Complaint deadline arithmetic (issue #19.9): 72 hours (T/CSCA 120031 3.17) across month and
year ends in Shanghai time, which has no daylight saving; 7 working days (办法 art. 18) across a
holiday week with its swapped working days (调休), on the chinesecalendar library and the
store's overrides; a year the library does not know is refused, never guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.clock import from_store_time, to_store_time
from app.customer_care.api import CalendarUnknown, WorkingCalendar, first_response_due, library_years, reply_due

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


def test_a_year_the_library_does_not_know_is_refused_not_guessed():
    beyond = library_years().stop  # 2027 with chinesecalendar 1.11.0
    received = from_store_time(dt.datetime(beyond - 1, 12, 28, 10, 0))
    with pytest.raises(CalendarUnknown) as refused:
        reply_due(received, LIBRARY)
    assert refused.value.params == {"year": beyond}
    # Once the store has entered that year's holidays, it is counted with them.
    entered = WorkingCalendar({dt.date(beyond, 1, 1): False}, frozenset({beyond}))
    assert to_store_time(reply_due(received, entered)).date() > dt.date(beyond, 1, 1)
