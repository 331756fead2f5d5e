"""3.14 新车交付回访率 (5.2.1 d): customers reached by their delivery call within 72 hours of
pick-up, over customers who picked up their car in the period.

- A pick-up is a contract fulfilled in the period (`contract.fulfilled_at`: the handover), and
  also a paper delivery the store entered for its call only (a delivery-call task without a deal,
  as the demo's older customers are): its pick-up is 72 hours before the call's due time.
- Reached: a try on its delivery-call task with the outcome satisfied or unsatisfied, at or before
  pick-up + 72 h (and by `as_of`). Not reached tries never count.
- Denominator: the pick-ups whose 72 hours have ended by `as_of` (`due < as_of`, as
  app/customer_care/clock.py's `is_overdue` says), plus those already reached. A pick-up still
  inside its 72 hours and not reached is `pending`: shown apart, never as failed.
- Consultant: the deal's; brand: the contract car's. A paper delivery names neither.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from app.kpis.definitions import KpiCode
from app.kpis.dto import RecordKind, RecordRef
from app.kpis.formulas_care_rows import Row, RowFormula, in_period
from app.kpis.periods import Period
from db.care_models import FollowUpTask, TaskAttempt, TaskKind, TaskOutcome
from db.models import Vehicle
from db.sales_models import Contract, Deal

# 3.14 提车后72小时内. Written here, not imported from customer care: the KPI reads care's records,
# and reception's month line reads the KPIs, so importing care would tie reception to staff
# (import-linter's independence contract). tests/unit/test_kpi_definitions.py keeps them equal.
WINDOW = dt.timedelta(hours=72)
REACHED = (TaskOutcome.SATISFIED.value, TaskOutcome.UNSATISFIED.value)


def _first_reached(as_of: dt.datetime):
    """The first try that reached the customer, per delivery-call task, by `as_of`."""
    return (
        select(TaskAttempt.task_id, func.min(TaskAttempt.at).label("at"))
        .where(TaskAttempt.outcome.in_(REACHED), TaskAttempt.at <= as_of)
        .group_by(TaskAttempt.task_id)
        .subquery()
    )


def _contract_pick_ups(session: Session, period: Period, as_of: dt.datetime) -> list:
    first = _first_reached(as_of)
    call = aliased(FollowUpTask)
    q = (
        select(
            Contract.id, Contract.number, Contract.fulfilled_at, Deal.consultant_id, Vehicle.brand, func.min(first.c.at)
        )
        .join(Deal, Deal.id == Contract.deal_id)
        .join(Vehicle, Vehicle.id == Contract.vehicle_id)
        .outerjoin(call, and_(call.deal_id == Contract.deal_id, call.kind == TaskKind.DELIVERY_CALL.value))
        .outerjoin(first, first.c.task_id == call.id)
        .where(in_period(Contract.fulfilled_at, period, as_of))
        .group_by(Contract.id, Contract.number, Contract.fulfilled_at, Deal.consultant_id, Vehicle.brand)
    )
    return [
        (RecordRef(RecordKind.CONTRACT, cid, at, number, consultant, brand or ""), at, reached)
        for cid, number, at, consultant, brand, reached in session.execute(q)
    ]


def _paper_pick_ups(session: Session, period: Period, as_of: dt.datetime) -> list:
    """Deliveries the app holds only as their call (no deal): picked up 72 hours before it is due."""
    start, end = period.bounds()
    first = _first_reached(as_of)
    q = (
        select(FollowUpTask.id, FollowUpTask.due_at, first.c.at)
        .outerjoin(first, first.c.task_id == FollowUpTask.id)
        .where(FollowUpTask.kind == TaskKind.DELIVERY_CALL.value, FollowUpTask.deal_id.is_(None))
        .where(FollowUpTask.due_at >= start + WINDOW, FollowUpTask.due_at < end + WINDOW)
        .where(FollowUpTask.due_at <= as_of + WINDOW)
    )
    return [
        (RecordRef(RecordKind.CARE_TASK, tid, due - WINDOW, f"#{tid}"), due - WINDOW, reached)
        for tid, due, reached in session.execute(q)
    ]


def judge(ref: RecordRef, picked_up: dt.datetime, reached: dt.datetime | None, as_of: dt.datetime) -> Row:
    due = picked_up + WINDOW
    in_time = reached is not None and reached <= due
    ended = due < as_of
    return Row(ref, numerator=in_time, denominator=in_time or ended, pending=not in_time and not ended)


class DeliveryCallRate(RowFormula):
    code = KpiCode.DELIVERY_CALL

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        found = _contract_pick_ups(session, period, as_of) + _paper_pick_ups(session, period, as_of)
        return [judge(ref, picked, reached, as_of) for ref, picked, reached in found]
