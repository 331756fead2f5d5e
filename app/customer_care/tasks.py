"""Follow-up tasks (issue #19.1; T/CSCA 120031 3.14, 4.5.1.2): the lists of the Customer care
page and recording what came of a call.

Outcomes: reached and satisfied; reached and unsatisfied, with the reason (it opens a service
recovery case, 5.2.8); not reached, tried again RETRY_AFTER later, closed as not reached after
MAX_TRIES. Every try is a task_attempt row naming who and when (the KPI timestamps of 3.14).
A task is overdue, and so escalated to the sales managers, once its due time has passed on the
database server's clock (app/customer_care/clock.py), whatever the terminal's clock says.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select

from app.core.clock import store_day_bounds, store_today
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_text
from app.customer_care.clock import MAX_TRIES, RETRY_AFTER, server_now
from app.customer_care.dto import OutcomeDTO, TaskListDTO
from app.customer_care.outcome_effects import after_outcome
from app.customer_care.task_rows import task_dto, task_dtos
from db.care_models import FollowUpTask, TaskAttempt, TaskOutcome, TaskStatus
from db.models import Role
from db.uow import UnitOfWork

MAX_NOTE = 1000
MAX_LISTED = 500  # open tasks shown at once; the oldest first


def list_care_tasks(
    uow: UnitOfWork, *, actor: Actor, everyone: bool = False, now: dt.datetime | None = None
) -> TaskListDTO:
    """The open tasks of the actor (a sales manager may ask for everyone's): due today,
    overdue and later, as of the server's clock."""
    require(actor, Action.VIEW_CARE_TASKS)
    everyone = everyone and actor.has(Role.SALES_MANAGER)
    with uow:
        s = uow.session
        now = now or server_now(s)
        q = select(FollowUpTask).where(FollowUpTask.status == TaskStatus.OPEN)
        if not everyone:
            q = q.where(FollowUpTask.assignee_id == actor.user_id)
        rows = task_dtos(s, q.order_by(FollowUpTask.due_at).limit(MAX_LISTED), now)
    _, end_of_today = store_day_bounds(store_today(now))
    return TaskListDTO(
        now=now,
        today=tuple(t for t in rows if t.due_at < end_of_today),
        overdue=tuple(t for t in rows if t.overdue),
        later=tuple(t for t in rows if t.due_at >= end_of_today),
        everyone=everyone,
    )


def _task_for(s, actor: Actor, task_id: int) -> FollowUpTask:
    task = s.get(FollowUpTask, task_id)
    if task is None:
        raise NotFound(what="follow_up_task", id=task_id)
    if task.assignee_id != actor.user_id and not actor.has(Role.SALES_MANAGER):
        raise PermissionDenied(action="own_tasks_only")
    return task


def _checked(task: FollowUpTask, outcome: str, note: str) -> None:
    errors = []
    if task.status != TaskStatus.OPEN:
        errors.append(FieldError("outcome", "care_task_closed"))
    if outcome not in {o.value for o in TaskOutcome}:
        errors.append(FieldError("outcome", "unknown_value"))
    if outcome == TaskOutcome.UNSATISFIED and not note:
        errors.append(FieldError("note", "care_reason_required"))
    if len(note) > MAX_NOTE:
        errors.append(FieldError("note", "too_long", {"max": MAX_NOTE}))
    if errors:
        raise ValidationFailed(errors)


def _apply(task: FollowUpTask, actor: Actor, outcome: str, note: str, now: dt.datetime) -> None:
    task.attempts = (task.attempts or 0) + (1 if outcome == TaskOutcome.NOT_REACHED else 0)
    if outcome == TaskOutcome.NOT_REACHED and task.attempts < MAX_TRIES:
        task.next_try_at = now + RETRY_AFTER  # stays open: try again later
    else:
        task.status, task.outcome, task.outcome_note = TaskStatus.DONE, outcome, note
        task.done_at, task.done_by_id, task.next_try_at = now, actor.user_id, None
    task.updated_at, task.updated_by_id = now, actor.user_id


def record_task_outcome(
    uow: UnitOfWork,
    *,
    actor: Actor,
    task_id: int,
    expected_version: int,
    outcome: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> OutcomeDTO:
    """Record one try at a task (see the module docstring); the assignee or a sales manager."""
    require(actor, Action.RECORD_CARE_CALLS)
    note = clean_text(note or "")
    with uow:
        s = uow.session
        now = now or server_now(s)
        task = _task_for(s, actor, task_id)
        check_version(task, expected_version)
        _checked(task, outcome, note)
        s.add(TaskAttempt(task_id=task.id, outcome=outcome, note=note, at=now, by_id=actor.user_id))
        _apply(task, actor, outcome, note, now)
        s.flush()
        case_id, next_id = after_outcome(s, task, outcome, note, actor_id=actor.user_id, now=now)
        commit(uow)
        return OutcomeDTO(task=task_dto(s, task, now), recovery_case_id=case_id, next_task_id=next_id)


def count_care_tasks(uow: UnitOfWork, *, actor: Actor, now: dt.datetime | None = None) -> int:
    """The navigation's count: the actor's open tasks due by the end of the store's day, and for
    a sales manager every overdue task too (escalated to them), on the server's clock."""
    require(actor, Action.VIEW_CARE_TASKS)
    with uow:
        s = uow.session
        now = now or server_now(s)
        _, end_of_today = store_day_bounds(store_today(now))
        mine = (FollowUpTask.assignee_id == actor.user_id) & (FollowUpTask.due_at < end_of_today)
        which = or_(mine, FollowUpTask.due_at < now) if actor.has(Role.SALES_MANAGER) else mine
        q = select(func.count()).select_from(FollowUpTask).where(FollowUpTask.status == TaskStatus.OPEN, which)
        return s.scalar(q) or 0
