"""Deadlines of customer care on the server clock (issue #19.7).

"Overdue" is decided by the database server's clock, never the terminal's: a PC whose clock is
wrong (or set back to dodge an escalation) sees the same overdue tasks as every other. Stored
times are naive UTC like everywhere else (app/core/clock.py); Shanghai keeps UTC+8 all year, so
72 hours after pick-up is plain arithmetic on UTC, across month and year ends alike.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.clock import travelling, utcnow

DELIVERY_CALL_HOURS = 72  # 3.14, 4.5.1.2: the call within 72 hours of pick-up
RECOVERY_CHECK_HOURS = 72  # 5.2.8: the call that confirms the customer is satisfied again
RETRY_AFTER = dt.timedelta(hours=2)  # a customer not reached is tried again this much later
MAX_TRIES = 3  # after this many "not reached" the task is closed as not reached


_NOW_SQL = {
    # Both give naive UTC, the form every timestamp is stored in (app/core/clock.py); the wall
    # clock at the call, not the transaction's start (PostgreSQL's CURRENT_TIMESTAMP).
    "postgresql": "SELECT CAST(clock_timestamp() AT TIME ZONE 'UTC' AS timestamp)",
    "sqlite": "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')",
}


def server_now(s: Session) -> dt.datetime:
    """Now on the database server, naive UTC (on SQLite, one PC: this PC's clock). While the
    demo builds its past year (app/core/clock.py travel_to) it is the moment travelled to, so
    a past complaint is answered and closed in its own month."""
    if travelling():
        return utcnow()
    value = s.execute(text(_NOW_SQL[s.get_bind().dialect.name])).scalar_one()
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=None) if value.tzinfo else value


def delivery_call_due(picked_up_at: dt.datetime) -> dt.datetime:
    """When the 72-hour call is due: exactly 72 hours after the car was picked up (naive UTC)."""
    return picked_up_at + dt.timedelta(hours=DELIVERY_CALL_HOURS)


def is_overdue(due_at: dt.datetime, now: dt.datetime) -> bool:
    return due_at < now
