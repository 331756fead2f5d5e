"""What a finished task sets off, in the same transaction as its outcome:

- an unsatisfied customer on a delivery, disclosure or first-service call opens a service
  recovery case (5.2.8);
- the recovery's confirmation call closes the case when the customer is satisfied, and reopens
  it when not (another apology and compensation are due);
- a reached retained lead gets its next follow-up at the store's interval for its intent level.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from db.care_models import FollowUpTask, TaskKind, TaskOutcome, TaskStatus

RECOVERY_ON_UNSATISFIED = {TaskKind.DELIVERY_CALL, TaskKind.DISCLOSURE, TaskKind.FIRST_SERVICE}


def after_outcome(
    s: Session, task: FollowUpTask, outcome: str, note: str, *, actor_id: int, now: dt.datetime
) -> tuple[int | None, int | None]:
    """(recovery case opened, next task planned) by this outcome; (None, None) for a try that
    leaves the task open."""
    from app.customer_care.leads import plan_next_for_task
    from app.customer_care.recovery import confirmation_result, open_case

    if task.status != TaskStatus.DONE:
        return None, None
    if task.kind in RECOVERY_ON_UNSATISFIED and outcome == TaskOutcome.UNSATISFIED and task.customer_id:
        case = open_case(
            s, customer_id=task.customer_id, deal_id=task.deal_id, reason=note, now=now, actor_id=actor_id,
            source_task_id=task.id,
        )  # fmt: skip
        return case.id, None
    if task.kind == TaskKind.RECOVERY_CHECK:
        confirmation_result(s, task, outcome, actor_id=actor_id, now=now)
        return None, None
    if task.kind == TaskKind.LEAD_FOLLOW_UP and outcome != TaskOutcome.NOT_REACHED:
        follow = plan_next_for_task(s, task, actor_id=actor_id, now=now)
        return None, follow.id if follow is not None else None
    return None, None
