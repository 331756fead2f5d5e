"""The shape every KPI formula has, so the service, the report, the CLI and the evidence pack
treat the eight alike. A formula counts its numerator and denominator in one period (grouped
when asked) and lists the records behind either side; both read the same query, so a
drill-down always adds up to the figure shown."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from sqlalchemy.orm import Session

from app.kpis.definitions import KpiCode
from app.kpis.dto import Counts, GroupBy, GroupKey, RecordRef, Side
from app.kpis.periods import Period


class Formula(Protocol):
    code: KpiCode

    def counts(
        self, session: Session, period: Period, *, by: GroupBy | None, as_of: dt.datetime
    ) -> dict[GroupKey, Counts]:
        """Numerator and denominator per group (key None: the whole store when `by` is None).
        `as_of` is the instant the figure is taken at: what had not happened by then (a call,
        a closure) does not count yet."""
        ...

    def pending(self, session: Session, period: Period, *, as_of: dt.datetime) -> int:
        """Records of the period not judged yet at `as_of` (0 for most formulas)."""
        ...

    def records(
        self, session: Session, period: Period, *, side: Side, by: GroupBy | None, group: GroupKey, as_of: dt.datetime
    ) -> list[RecordRef]:
        """The records counted on `side` for `group` (all when `by` is None), oldest first."""
        ...
