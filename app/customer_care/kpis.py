"""Customer care's KPIs of T/CSCA 120031 5.2.1, from the task and survey timestamps (issue #19.1):

- d) 新车交付回访率 (3.14): customers reached by their delivery call within 72 hours of pick-up,
  over customers who picked up their car in the month (target 100%);
- b) 顾客满意率 (3.18): satisfied answer sheets over all answer sheets recorded in the month
  (target ≥ 92%).

The month is the store's calendar month (Shanghai time). A pick-up is known from its call task
(due exactly 72 hours after it); "reached" is a try with the outcome satisfied or unsatisfied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core.clock import store_month_bounds
from app.core.dto import Actor
from app.core.permissions import Action, require
from app.customer_care.clock import DELIVERY_CALL_HOURS
from db.care_models import FollowUpTask, SurveyResponse, TaskAttempt, TaskKind, TaskOutcome
from db.uow import UnitOfWork

REACHED = (TaskOutcome.SATISFIED.value, TaskOutcome.UNSATISFIED.value)


@dataclass(frozen=True)
class CareKpiDTO:
    month: dt.date
    picked_up: int
    called_in_72h: int
    surveys: int
    satisfied: int

    @property
    def call_rate(self) -> float | None:
        return self.called_in_72h / self.picked_up if self.picked_up else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.surveys if self.surveys else None


def get_care_kpis(uow: UnitOfWork, *, actor: Actor, month: dt.date) -> CareKpiDTO:
    """KPIs d) and b) of the store month containing `month` (see the module docstring)."""
    require(actor, Action.RECEPTION_REPORTS)
    start, end = store_month_bounds(month)
    shift = dt.timedelta(hours=DELIVERY_CALL_HOURS)
    calls = (
        select(FollowUpTask.id, FollowUpTask.due_at)
        .where(FollowUpTask.kind == TaskKind.DELIVERY_CALL)
        .where(FollowUpTask.due_at >= start + shift, FollowUpTask.due_at < end + shift)
        .subquery()
    )
    reached = (
        select(func.count(func.distinct(calls.c.id)))
        .select_from(calls)
        .join(TaskAttempt, TaskAttempt.task_id == calls.c.id)
        .where(TaskAttempt.outcome.in_(REACHED), TaskAttempt.at <= calls.c.due_at)
    )
    in_month = (SurveyResponse.recorded_at >= start) & (SurveyResponse.recorded_at < end)
    with uow:
        s = uow.session
        picked = s.scalar(select(func.count()).select_from(calls)) or 0
        sheets = s.execute(
            select(func.count(), func.count().filter(SurveyResponse.satisfied.is_(True))).where(in_month)
        ).one()
        return CareKpiDTO(month.replace(day=1), picked, s.scalar(reached) or 0, sheets[0] or 0, sheets[1] or 0)
