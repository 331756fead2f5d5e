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

from sqlalchemy import and_, bindparam, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.kpis.definitions import KpiCode
from app.kpis.dto import RecordKind, RecordRef
from app.kpis.formulas_care_rows import Row, RowFormula, in_period, once_per_read, period_params
from app.kpis.periods import Period
from db.care_models import FollowUpTask, TaskAttempt, TaskKind, TaskOutcome
from db.models import Vehicle
from db.sales_models import Contract, Deal

# 3.14 / 4.5.1.2: "72小时内". The same 72 hours as customer care's call deadline
# (app/customer_care/clock.py, checked equal by the tests); not imported from there, as importing
# customer care here would tie reception's KPI line to the staff feature (import-linter).
WINDOW = dt.timedelta(hours=72)
REACHED = (TaskOutcome.SATISFIED.value, TaskOutcome.UNSATISFIED.value)


_call = aliased(FollowUpTask, name="delivery_call")


def _reached(task):
    """The tries on `task` that reached the customer by `as_of`: joined per task through its
    index, so the cost follows the period's pick-ups, not the whole history of tries."""
    # The two outcomes as plain comparisons: an IN list of values is an "expanding" parameter,
    # whose SQL SQLAlchemy rewrites at every execution (a third of this statement's Python time).
    reached = or_(*(TaskAttempt.outcome == literal(o) for o in REACHED))
    return and_(TaskAttempt.task_id == task.id, reached, TaskAttempt.at <= bindparam("as_of"))


# Contracts fulfilled (handed over) in the period, with the first try that reached the customer
# on the deal's delivery call: a subquery per pick-up (through the task's deal index and the
# tries' task index), which PostgreSQL and SQLite both run as a few index probes per contract;
# joining every delivery call and grouping made PostgreSQL merge all of the store's calls
# (6.6 ms against 0.5 ms for a month of S; issue #20.8).
_FIRST_REACHED = (
    select(func.min(TaskAttempt.at))
    .select_from(_call)
    .join(TaskAttempt, _reached(_call))
    .where(_call.deal_id == Contract.deal_id, _call.kind == TaskKind.DELIVERY_CALL.value)
    .correlate(Contract)
    .scalar_subquery()
)
# The deal's consultant and the car's brand too as a probe per contract (both are required
# foreign keys, so no contract is left out): joined, PostgreSQL hashed every deal and every car of
# the store for a month's hundred contracts (4.5 ms against 1 ms for a month of S; issue #20.8).
_CONSULTANT = select(Deal.consultant_id).where(Deal.id == Contract.deal_id).correlate(Contract).scalar_subquery()
_BRAND = select(Vehicle.brand).where(Vehicle.id == Contract.vehicle_id).correlate(Contract).scalar_subquery()
CONTRACT_PICK_UPS = select(
    Contract.id, Contract.number, Contract.fulfilled_at, _CONSULTANT, _BRAND, _FIRST_REACHED
).where(in_period(Contract.fulfilled_at))

# Delivery calls without a deal, due in the period shifted by 72 hours. Only those are read (not
# the lead follow-ups due in the window too), on the due-time range (issue #20.8). Kind and deal
# are said as `kind || ''` and `deal_id + 0` so that SQLite keeps to the due-time index rather
# than take the kind index (every delivery call ever made) or the deal index (whose NULL entries
# are every lead follow-up of the store's history).
TASKS_DUE = (
    select(FollowUpTask.id, FollowUpTask.due_at, func.min(TaskAttempt.at))
    .outerjoin(TaskAttempt, _reached(FollowUpTask))
    .where(FollowUpTask.kind.concat("") == TaskKind.DELIVERY_CALL.value, (FollowUpTask.deal_id + 0).is_(None))
    .where(FollowUpTask.due_at >= bindparam("due_from"), FollowUpTask.due_at < bindparam("due_to"))
    .where(FollowUpTask.due_at <= bindparam("due_by"))
    .group_by(FollowUpTask.id, FollowUpTask.due_at)
)


def contract_pick_ups(session: Session, period: Period, as_of: dt.datetime) -> list:
    """(ref, picked up, first reached) of the contracts fulfilled in the period by `as_of`. Read
    once per read transaction: they are also 3.15's cars sold (销量)."""

    def read() -> list:
        return [
            (RecordRef(RecordKind.CONTRACT, cid, at, number, consultant, brand or ""), at, reached)
            for cid, number, at, consultant, brand, reached in session.connection()
            .execute(CONTRACT_PICK_UPS, period_params(period, as_of))
            .all()
            if at is not None  # always: the range above
        ]

    return once_per_read(session, _PICK_UPS, (period, as_of), read)


_PICK_UPS = "kpis.contract_pick_ups"


def _paper_pick_ups(session: Session, period: Period, as_of: dt.datetime) -> list:
    """Deliveries the app holds only as their call (no deal): picked up 72 hours before it is due."""
    start, end = period.bounds()
    due = {"due_from": start + WINDOW, "due_to": end + WINDOW, "due_by": as_of + WINDOW, "as_of": as_of}
    return [
        (RecordRef(RecordKind.CARE_TASK, tid, due_at - WINDOW, f"#{tid}"), due_at - WINDOW, reached)
        for tid, due_at, reached in session.connection().execute(TASKS_DUE, due)
    ]


def judge(ref: RecordRef, picked_up: dt.datetime, reached: dt.datetime | None, as_of: dt.datetime) -> Row:
    due = picked_up + WINDOW
    in_time = reached is not None and reached <= due
    ended = due < as_of
    return Row(ref, numerator=in_time, denominator=in_time or ended, pending=not in_time and not ended)


_MEMO = "kpis.delivery_call_rows"


class DeliveryCallRate(RowFormula):
    code = KpiCode.DELIVERY_CALL
    has_pending = True

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        """The period's pick-ups judged. The report asks for counts and then for pending in one
        read: they are read once per read transaction (remembered on the session, as reception's
        intention counts are), not twice (issue #20.8)."""
        memo = session.info.setdefault(_MEMO, {})
        hit = memo.get((period, as_of))
        if hit is not None and hit[0] is session.get_transaction():
            return hit[1]
        found = contract_pick_ups(session, period, as_of) + _paper_pick_ups(session, period, as_of)
        out = [judge(ref, picked, reached, as_of) for ref, picked, reached in found]
        memo.clear()  # one entry: a session's older reads are never asked again
        memo[(period, as_of)] = (session.get_transaction(), out)
        return out
