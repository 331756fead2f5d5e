"""Customer care's KPIs of T/CSCA 120031 5.2.1 on the care page (issue #19.1), read from the KPI
feature (app/kpis, issue #20.1) so the product has one definition of each:

- d) 新车交付回访率 (3.14): customers reached by their delivery call within 72 hours of pick-up,
  over the month's pick-ups whose 72 hours have ended (plus those already reached); pick-ups
  still inside their 72 hours are `pending`, shown apart and never as failed (target 100%);
- b) 顾客满意率 (3.18): satisfied answer sheets over all answer sheets recorded in the month
  (target ≥ 92%).

The month is the store's calendar month (Shanghai time), taken now on the server's clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.dto import Actor
from app.core.permissions import Action, require
from app.customer_care.clock import server_now
from app.kpis.api import KpiCode, Period, formulas, rate_bp
from db.uow import UnitOfWork


@dataclass(frozen=True)
class CareKpiDTO:
    month: dt.date
    picked_up: int  # 3.14's denominator: pick-ups judged (72 hours over, or reached)
    called_in_72h: int  # 3.14's numerator
    surveys: int
    satisfied: int
    pending: int = 0  # pick-ups still inside their 72 hours and not reached yet

    @property
    def call_rate_bp(self) -> int | None:
        return rate_bp(self.called_in_72h, self.picked_up)

    @property
    def satisfaction_rate_bp(self) -> int | None:
        return rate_bp(self.satisfied, self.surveys)

    @property
    def call_rate(self) -> float | None:
        bp = self.call_rate_bp
        return None if bp is None else bp / 10000

    @property
    def satisfaction_rate(self) -> float | None:
        bp = self.satisfaction_rate_bp
        return None if bp is None else bp / 10000


def get_care_kpis(uow: UnitOfWork, *, actor: Actor, month: dt.date, as_of: dt.datetime | None = None) -> CareKpiDTO:
    """KPIs d) and b) of the store month containing `month`, as the KPI dashboard counts them."""
    require(actor, Action.RECEPTION_REPORTS)
    period, found = Period.month(month), formulas()
    with uow:
        s = uow.session
        as_of = as_of or server_now(s)
        calls = found[KpiCode.DELIVERY_CALL].counts(s, period, by=None, as_of=as_of)[None]
        pending = found[KpiCode.DELIVERY_CALL].pending(s, period, as_of=as_of)
        sheets = found[KpiCode.SATISFACTION].counts(s, period, by=None, as_of=as_of)[None]
    return CareKpiDTO(
        period.first_day, calls.denominator, calls.numerator, sheets.denominator, sheets.numerator, pending
    )
