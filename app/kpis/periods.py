"""Reporting periods for the KPIs: a store month, quarter, year or any range of store days.

Days are the store's (Shanghai) calendar days; `bounds()` gives the [start, end) instants in
naive UTC that services compare with. 3.12 and 3.13 are monthly figures (上月留存意向 +
本月新增意向): over a longer or a partial period they are the sum of their month pieces
(`pieces()`), each piece counting the intentions retained at its start plus those new in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.clock import month_start, next_month, store_day_bounds


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True, order=True)
class Period:
    first_day: dt.date
    last_day: dt.date  # inclusive
    kind: str = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError("period ends before it starts")

    @classmethod
    def month(cls, day: dt.date) -> Period:
        first = month_start(day)
        return cls(first, next_month(first) - dt.timedelta(days=1), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = dt.date(year, 3 * (quarter - 1) + 1, 1)
        last = next_month(next_month(next_month(first))) - dt.timedelta(days=1)
        return cls(first, last, PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def custom(cls, first_day: dt.date, last_day: dt.date) -> Period:
        return cls(first_day, last_day, PeriodKind.CUSTOM)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) of the period in naive UTC."""
        start, _ = store_day_bounds(self.first_day)
        _, end = store_day_bounds(self.last_day)
        return start, end

    def pieces(self) -> list[Period]:
        """The period cut at month ends: whole months, and partial months at its edges."""
        out, first = [], self.first_day
        while first <= self.last_day:
            last = min(next_month(first) - dt.timedelta(days=1), self.last_day)
            whole = first.day == 1 and last == next_month(first) - dt.timedelta(days=1)
            out.append(Period(first, last, PeriodKind.MONTH if whole else PeriodKind.CUSTOM))
            first = last + dt.timedelta(days=1)
        return out

    def months_back(self, count: int) -> list[Period]:
        """The `count` store months ending with the one this period ends in (a trend line)."""
        months, m = [], month_start(self.last_day)
        for _ in range(count):
            months.append(Period.month(m))
            m = month_start(m - dt.timedelta(days=1))
        return list(reversed(months))

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{self.first_day:%Y-%m}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.first_day.year}-Q{(self.first_day.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return f"{self.first_day.year}"
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"
