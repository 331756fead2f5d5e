"""Writing and showing follow-up task rows: the one place a task is created (who, when, for
whom), and the DTO the pages show."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.customer_care.clock import is_overdue
from app.customer_care.dto import TaskDTO
from db.care_models import FollowUpTask
from db.models import Role, StaffRole, StaffUser
from db.reception_models import Customer


def add_task(
    s: Session,
    *,
    kind: str,
    assignee_id: int,
    due_at: dt.datetime,
    subject: str,
    now: dt.datetime,
    actor_id: int | None,
    customer_id: int | None = None,
    deal_id: int | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
) -> FollowUpTask:
    """A new open task in the caller's transaction; created_at/by say who made it and when (3.14)."""
    task = FollowUpTask(
        kind=kind, assignee_id=assignee_id, customer_id=customer_id, deal_id=deal_id, due_at=due_at,
        subject=subject[:200], created_at=now, created_by_id=actor_id, updated_at=now, updated_by_id=actor_id,
        attempts=0, subject_type=subject_type, subject_id=subject_id,
    )  # fmt: skip
    s.add(task)
    s.flush()
    return task


def staff_name(s: Session, staff_id: int | None) -> str:
    user = s.get(StaffUser, staff_id) if staff_id is not None else None
    return user.full_name if user else ""


def active_managers(s: Session) -> list[int]:
    """The active sales managers: an overdue task escalates to them."""
    rows = s.scalars(
        select(StaffUser.id)
        .join(StaffRole, StaffRole.user_id == StaffUser.id)
        .where(StaffRole.role == Role.SALES_MANAGER.value, StaffUser.active.is_(True))
        .order_by(StaffUser.id)
    )
    return list(rows)


def task_dto(s: Session, t: FollowUpTask, now: dt.datetime) -> TaskDTO:
    customer = s.get(Customer, t.customer_id) if t.customer_id is not None else None
    return _dto(t, customer, staff_name(s, t.assignee_id), now)


def task_dtos(s: Session, query, now: dt.datetime) -> list[TaskDTO]:
    """The DTOs of a task query's rows with their customer and assignee read in the same
    statement (one round trip for the page's list, not three per row)."""
    q = (
        query.add_columns(Customer, StaffUser.full_name)
        .outerjoin(Customer, Customer.id == FollowUpTask.customer_id)
        .join(StaffUser, StaffUser.id == FollowUpTask.assignee_id)
    )
    return [_dto(t, customer, name, now) for t, customer, name in s.execute(q)]


def _dto(t: FollowUpTask, customer: Customer | None, assignee_name: str, now: dt.datetime) -> TaskDTO:
    return TaskDTO(
        id=t.id,
        kind=t.kind,
        status=t.status,
        assignee_id=t.assignee_id,
        assignee_name=assignee_name,
        customer_id=t.customer_id,
        customer_name=(customer.name if customer else None) or "",
        mobile=(customer.mobile if customer else None) or "",
        deal_id=t.deal_id,
        subject=t.subject,
        due_at=t.due_at,
        overdue=t.status == "open" and is_overdue(t.due_at, now),
        attempts=t.attempts or 0,
        next_try_at=t.next_try_at,
        outcome=t.outcome,
        outcome_note=t.outcome_note or "",
        done_at=t.done_at,
        version=t.version,
    )
