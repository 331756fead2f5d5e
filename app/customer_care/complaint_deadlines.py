"""A complaint's two deadlines and their clocks (issue #19.3).

- First response within 72 hours of receipt (T/CSCA 120031 3.17). Shanghai keeps UTC+8 all
  year, so 72 hours are 72 wall-clock hours, across month and year ends alike.
- The complainant told how the complaint was accepted and handled within 7 working days
  (办法 art. 18): the day of receipt is not counted; the deadline is the end of the 7th working
  day after it, in store time, on the store's working-day calendar (calendar.py).

The clock of each turns amber when the deadline is near and red when it has passed (the board,
issue #19.6), and stops when the step is done: "met" or "late". Deadlines are compared with the
server's clock (clock.py), never the terminal's (issue #19.7).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from app.core.clock import store_day_bounds, store_today
from app.customer_care.calendar import WorkingCalendar

FIRST_RESPONSE_HOURS = 72  # 3.17
REPLY_WORKING_DAYS = 7  # 办法 art. 18
# How long before a deadline its clock turns amber and the handler is reminded.
AMBER_BEFORE = {"first_response": dt.timedelta(hours=24), "reply": dt.timedelta(hours=48)}
DEADLINES = ("first_response", "reply")


class ClockState(StrEnum):
    RUNNING = "running"
    AMBER = "amber"  # due within AMBER_BEFORE
    RED = "red"  # passed and not done
    MET = "met"  # done in time
    LATE = "late"  # done after the deadline


def first_response_due(received_at: dt.datetime) -> dt.datetime:
    """Naive UTC, like `received_at`."""
    return received_at + dt.timedelta(hours=FIRST_RESPONSE_HOURS)


def reply_due(received_at: dt.datetime, calendar: WorkingCalendar) -> dt.datetime:
    """The end (naive UTC) of the 7th working day after the store day of receipt."""
    last_day = calendar.add_working_days(store_today(received_at), REPLY_WORKING_DAYS)
    return store_day_bounds(last_day)[1]


def clock_state(deadline: str, due: dt.datetime, done_at: dt.datetime | None, now: dt.datetime) -> ClockState:
    if done_at is not None:
        return ClockState.MET if done_at <= due else ClockState.LATE
    if now >= due:
        return ClockState.RED
    if now >= due - AMBER_BEFORE[deadline]:
        return ClockState.AMBER
    return ClockState.RUNNING
