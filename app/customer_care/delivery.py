"""The tasks a delivery creates (issue #19.1), written in the handover's own transaction (one
use case, one transaction: app/sales/handover.py calls `plan_after_delivery` through the api).

- the 72-hour call (3.14, 4.5.1.2): due exactly 72 hours after pick-up, for the person the
  store chose (app/customer_care/settings.py: the consultant, or its customer-care person);
- the first-service reminder (首保): due the brand's interval after delivery, for the same person.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.customer_care.clock import delivery_call_due
from app.customer_care.settings import delivery_caller, first_service_days
from app.customer_care.task_rows import add_task
from db.care_models import FollowUpTask, TaskKind

SUBJECT_HANDOVER = "handover"


def plan_after_delivery(
    s: Session,
    *,
    actor_id: int,
    handover_id: int,
    deal_id: int,
    customer_id: int | None,
    consultant_id: int,
    brand: str,
    car: str,
    picked_up_at: dt.datetime,
) -> tuple[int, int]:
    """Add the 72-hour call and the first-service reminder of a handover in the caller's
    transaction; (call task id, reminder task id). A handover already planned returns its tasks."""
    done = s.scalars(
        select(FollowUpTask)
        .where(FollowUpTask.subject_type == SUBJECT_HANDOVER, FollowUpTask.subject_id == handover_id)
        .order_by(FollowUpTask.id)
    ).all()
    if len(done) == 2:
        return done[0].id, done[1].id
    who = delivery_caller(s, consultant_id)
    add = partial(
        add_task, s, assignee_id=who, now=picked_up_at, actor_id=actor_id, customer_id=customer_id, deal_id=deal_id,
        subject_type=SUBJECT_HANDOVER, subject_id=handover_id,
    )  # fmt: skip
    call = add(kind=TaskKind.DELIVERY_CALL, due_at=delivery_call_due(picked_up_at), subject=f"交车72小时回访 {car}")
    service_due = picked_up_at + dt.timedelta(days=first_service_days(s, brand))
    reminder = add(kind=TaskKind.FIRST_SERVICE, due_at=service_due, subject=f"首保提醒 {car}")
    return call.id, reminder.id
