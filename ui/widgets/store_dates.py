"""The store's day as a QDate: date fields start on the store's today (Shanghai), not the PC's.

A PC whose clock runs in UTC (or another zone) would otherwise offer yesterday from 00:00 to
08:00 Shanghai time, and the services, which judge dates by the store's day
(app.core.clock.store_today), would refuse an "effective from today" as past.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from app.core.clock import store_today


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def store_qdate() -> QDate:
    """Today in the store, for a date field's first value or its limit."""
    return qdate(store_today())
